import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromFilterSegment, isFilterSegment, toFilterSegment } from './filter-segment';

const seg = (qs: string) => toFilterSegment(new URLSearchParams(qs));

describe('filter segment', () => {
  it('is canonical: order, duplicates, blanks and non-filter keys do not matter', () => {
    expect(seg('sort=price-asc&color=Red&color=Blue')).toBe(seg('color=Blue&color=Red&sort=price-asc'));
    expect(seg('color=Red&color=Red&brand=&utm_source=x&_rsc=1&fbclid=2')).toBe('color=Red');
    expect(seg('')).toBe('');
  });

  it('drops values with control characters (NUL never reaches Postgres)', () => {
    expect(seg('brand=a%00b&color=Red')).toBe('color=Red');
  });

  it('round-trips through an encoded path segment, including reserved characters', () => {
    const s = seg('brand=Loom+%26+Co&q=a%2Fb%3Dc&max=10');
    const inPath = encodeURIComponent(s);
    expect(isFilterSegment(inPath)).toBe(true);
    expect(fromFilterSegment(inPath)).toEqual({ brand: ['Loom & Co'], max: ['10'], q: ['a/b=c'] });
  });

  it('treats category slugs and undecodable segments as not filters', () => {
    expect(isFilterSegment('running-shoes')).toBe(false);
    expect(isFilterSegment('%E0%A4%A')).toBe(false);
    expect(fromFilterSegment('%E0%A4%A')).toEqual({});
  });

  it('never throws and always decodes back to what it kept', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.stringMatching(/^[a-z_]{1,6}$/), fc.string({ maxLength: 20 })), { maxLength: 8 }), (pairs) => {
        const s = toFilterSegment(new URLSearchParams(pairs));
        const back = fromFilterSegment(encodeURIComponent(s));
        for (const [k, vs] of Object.entries(back)) for (const v of vs) expect(pairs.some(([pk, pv]) => pk === k && pv.trim() === v)).toBe(true);
      }),
    );
  });
});
