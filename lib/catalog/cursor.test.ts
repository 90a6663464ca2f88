import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor, type Cursor } from './cursor';

const ID = '6f1c2a34-5b6d-4e7f-8a9b-0c1d2e3f4a5b';
const b64 = (s: string) => Buffer.from(s).toString('base64url');

describe('cursor', () => {
  it.each<Cursor>([
    { s: 'best-selling', v: 4211, id: ID },
    { s: 'price-asc', v: 0, id: ID },
    { s: 'rating', v: 4.28, id: ID },
    { s: 'relevance', v: 0.2857143, id: ID },
    { s: 'newest', v: '2026-02-23 02:04:53.543+00', id: ID },
  ])('round-trips %j', (c) => {
    const raw = encodeCursor(c);
    expect(raw).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(raw, c.s)).toEqual(c);
  });

  it('round-trips any well-formed cursor', () => {
    const cursor = fc.record({
      s: fc.string({ maxLength: 20 }),
      v: fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.integer(), fc.string({ unit: 'grapheme', maxLength: 40 })),
      id: fc.uuid({ version: 4 }),
    });
    fc.assert(
      fc.property(cursor, (c) => {
        const raw = encodeCursor(c);
        // Cursors longer than the decoder's bound are dropped; the listing's own cursors stay far below it.
        const decoded = decodeCursor(raw, c.s);
        if (raw.length <= 200) expect(decoded).toEqual({ ...c, v: Object.is(c.v, -0) ? 0 : c.v });
        else expect(decoded).toBeUndefined();
      }),
      { numRuns: 300 },
    );
  });

  it('rejects a cursor minted for another sort', () => {
    const raw = encodeCursor({ s: 'price-asc', v: 100, id: ID });
    expect(decodeCursor(raw, 'price-desc')).toBeUndefined();
    expect(decodeCursor(raw, 'newest')).toBeUndefined();
  });

  it.each([
    ['missing', undefined],
    ['empty', ''],
    ['not base64url', 'abc+/='],
    ['padding', `${encodeCursor({ s: 'rating', v: 1, id: ID })}=`],
    ['whitespace', ` ${encodeCursor({ s: 'rating', v: 1, id: ID })}`],
    ['oversized', 'A'.repeat(201)],
    ['10 kB', 'A'.repeat(10_000)],
    ['not JSON', b64('{not json')],
    ['JSON null', b64('null')],
    ['JSON array', b64('[1,2,3]')],
    ['missing id', b64(JSON.stringify({ s: 'rating', v: 1 }))],
    ['id not a uuid', b64(JSON.stringify({ s: 'rating', v: 1, id: "1' or '1'='1" }))],
    ['v an object', b64(JSON.stringify({ s: 'rating', v: { x: 1 }, id: ID }))],
    ['v null (Infinity in JSON)', b64(JSON.stringify({ s: 'rating', v: Infinity, id: ID }))],
    ['v too long', b64(JSON.stringify({ s: 'rating', v: 'x'.repeat(41), id: ID }))],
  ])('reads a %s cursor as no cursor', (_, raw) => {
    expect(decodeCursor(raw, 'rating')).toBeUndefined();
  });

  it('rejects a sort name longer than 20 characters even when it matches', () => {
    const s = 'x'.repeat(21);
    expect(decodeCursor(b64(JSON.stringify({ s, v: 1, id: ID })), s)).toBeUndefined();
  });

  it('reads a tampered cursor as no cursor or as a valid cursor, never throws', () => {
    const raw = encodeCursor({ s: 'rating', v: 4.5, id: ID });
    fc.assert(
      fc.property(fc.nat(raw.length - 1), fc.constantFrom(...'ABCxyz019-_+/=!%'), (i, ch) => {
        const tampered = raw.slice(0, i) + ch + raw.slice(i + 1);
        const decoded = decodeCursor(tampered, 'rating');
        if (decoded) {
          expect(decoded.s).toBe('rating');
          expect(decoded.id).toMatch(/^[0-9a-f-]{36}$/i);
        }
      }),
    );
  });

  it('never throws on arbitrary input', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary' }), fc.base64String()), fc.string(), (raw, sort) => {
        expect(() => decodeCursor(raw, sort)).not.toThrow();
      }),
      { numRuns: 500 },
    );
  });
});
