import { createHmac, timingSafeEqual } from 'node:crypto';
import { can, type Actor } from '@/lib/accounts/permissions';
import { env } from '@/lib/platform/env';

/**
 * Guest access to one order without an account: the confirmation email and the lookup form hand
 * out `?t=<token>`, an HMAC of the order id and its (lower-cased) email under AUTH_SECRET. Nothing
 * is stored, so a token never expires; it is as strong as a password-reset link that never
 * expires, and it only reveals the order it was made for.
 */

// Domain separation: AUTH_SECRET also keys Auth.js's own tokens.
const PURPOSE = 'order-access:v1';
// SHA-256 → 32 bytes → 43 base64url characters (no padding).
const TOKEN = /^[A-Za-z0-9_-]{43}$/;
const DEV_SECRET = 'dev-only-order-access-secret-0123456789';

function secretFromEnv(): string {
  if (env.AUTH_SECRET) return env.AUTH_SECRET;
  // scripts/run.ts always provides one; a production server without it must not mint guessable tokens.
  if (env.NODE_ENV === 'production') throw new Error('AUTH_SECRET is required to sign order access tokens');
  return DEV_SECRET;
}

type OrderRef = { id: string; email: string };

/** The guest token for an order (base64url HMAC-SHA256 of id + lower(email)). */
export function orderAccessToken(order: OrderRef, secret: string = secretFromEnv()): string {
  return createHmac('sha256', secret).update(`${PURPOSE}\n${order.id}\n${order.email.trim().toLowerCase()}`).digest('base64url');
}

/** Constant-time check of a token from a URL; anything malformed is simply invalid. */
export function isValidOrderAccessToken(order: OrderRef, token: unknown, secret?: string): token is string {
  if (typeof token !== 'string' || !TOKEN.test(token)) return false;
  const expected = Buffer.from(orderAccessToken(order, secret));
  const given = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** The signed-in owner, an admin, or whoever holds the order's token may see it. */
export function canViewOrder(
  actor: Pick<Actor, 'userId' | 'role' | 'stores'> | null,
  order: OrderRef & { userId: string | null },
  token?: string | null,
  secret?: string,
): boolean {
  if (actor && order.userId !== null && order.userId === actor.userId) return true;
  if (can(actor, 'admin:orders')) return true;
  return token != null && isValidOrderAccessToken(order, token, secret);
}

/**
 * The site path of an order's tracking or confirmation page with its guest token, e.g. where the
 * checkout sends the browser after a successful submit.
 */
export function orderPath(order: OrderRef & { number: string }, page: 'tracking' | 'confirmation' = 'tracking', secret?: string): string {
  const base = `/orders/${encodeURIComponent(order.number)}${page === 'confirmation' ? '/confirmation' : ''}`;
  return `${base}?t=${orderAccessToken(order, secret)}`;
}
