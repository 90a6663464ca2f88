import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { cartTokenMatches, hashCartToken, newCartToken, signCartId, verifySignedCartId } from './signing';

const SECRET = 'test-secret-0123456789abcdef';

describe('cart cookie signing', () => {
  it('round-trips a cart id', () => {
    const id = randomUUID();
    const value = signCartId(id, SECRET);
    expect(value.startsWith(`${id}.`)).toBe(true);
    expect(verifySignedCartId(value, SECRET)).toBe(id);
  });

  it('rejects tampered, re-pointed, foreign-secret and malformed values', () => {
    const id = randomUUID();
    const value = signCartId(id, SECRET);
    const other = randomUUID();
    const sig = value.slice(value.indexOf('.') + 1);
    expect(verifySignedCartId(`${other}.${sig}`, SECRET)).toBeNull();
    expect(verifySignedCartId(value, 'another-secret-0123456789')).toBeNull();
    expect(verifySignedCartId(`${value}x`, SECRET)).toBeNull();
    expect(verifySignedCartId(value.slice(0, -1), SECRET)).toBeNull();
    expect(verifySignedCartId(id, SECRET)).toBeNull();
    expect(verifySignedCartId(`${id}.`, SECRET)).toBeNull();
    expect(verifySignedCartId(`not-a-uuid.${sig}`, SECRET)).toBeNull();
    expect(verifySignedCartId('', SECRET)).toBeNull();
    expect(verifySignedCartId(undefined, SECRET)).toBeNull();
    expect(verifySignedCartId(`${id}.${'a'.repeat(500)}`, SECRET)).toBeNull();
  });
});

describe('API cart tokens', () => {
  it('are random, stored hashed and verified in constant time', () => {
    const a = newCartToken();
    const b = newCartToken();
    expect(a.token).not.toBe(b.token);
    expect(a.token.length).toBeGreaterThanOrEqual(43);
    expect(a.hash).toBe(hashCartToken(a.token));
    expect(a.hash).not.toContain(a.token);
    expect(cartTokenMatches(a.token, a.hash)).toBe(true);
    expect(cartTokenMatches(b.token, a.hash)).toBe(false);
    expect(cartTokenMatches('', a.hash)).toBe(false);
    expect(cartTokenMatches(a.token, null)).toBe(false);
    expect(cartTokenMatches(a.token, 'abc')).toBe(false);
  });
});
