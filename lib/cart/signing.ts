import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * The guest cart cookie holds `<cartId>.<signature>`: an HMAC of the id under the server secret,
 * so a visitor cannot point their cookie at someone else's cart by guessing or copying an id.
 */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

const mac = (cartId: string, secret: string) => createHmac('sha256', secret).update(`cart:${cartId}`).digest('base64url');

export function signCartId(cartId: string, secret: string): string {
  return `${cartId}.${mac(cartId, secret)}`;
}

/** The cart id of a well-formed cookie value whose signature checks out, else null. */
export function verifySignedCartId(value: string | undefined | null, secret: string): string | null {
  if (!value || value.length > 200) return null;
  const dot = value.indexOf('.');
  if (dot < 0) return null;
  const id = value.slice(0, dot).toLowerCase();
  if (!UUID.test(id)) return null;
  const given = Buffer.from(value.slice(dot + 1));
  const expected = Buffer.from(mac(id, secret));
  return given.length === expected.length && timingSafeEqual(given, expected) ? id : null;
}

/** A fresh API cart secret (256 bits) and the hash stored in `carts.token_hash`. */
export function newCartToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, hash: hashCartToken(token) };
}

export function hashCartToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Constant-time comparison of a presented token with a stored hash. */
export function cartTokenMatches(token: string, storedHash: string | null | undefined): boolean {
  if (!storedHash || !token || token.length > 200) return false;
  const a = Buffer.from(hashCartToken(token), 'hex');
  const b = Buffer.from(storedHash, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}
