import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { env } from '@/lib/platform/env';

/*
 * Who a flash-sale buyer is, for the gate's per-customer limit and "one active hold per customer
 * per sale". Signed in: the user id. Otherwise a guest key, random, kept in a signed httpOnly
 * cookie (HMAC under AUTH_SECRET, like the cart cookie), so a visitor can neither pick a key nor
 * borrow someone else's. The key is never read from a request body or a client-chosen header.
 */

export const GUEST_COOKIE = 'flash_guest';
const MAX_AGE = 30 * 24 * 3600;
const KEY = /^[A-Za-z0-9_-]{22}$/;
const PURPOSE = 'flash-guest:v1';
const DEV_SECRET = 'development-only-flash-guest-secret';

function secretFromEnv(): string {
  if (env.AUTH_SECRET) return env.AUTH_SECRET;
  if (env.NODE_ENV === 'production') throw new Error('AUTH_SECRET is required to sign flash-sale guest cookies');
  return DEV_SECRET;
}

const mac = (key: string, secret: string) => createHmac('sha256', secret).update(`${PURPOSE}\n${key}`).digest('base64url');

/** A fresh guest key (128 random bits). */
export function newGuestKey(): string {
  return randomBytes(16).toString('base64url');
}

export function signGuestKey(key: string, secret: string = secretFromEnv()): string {
  return `${key}.${mac(key, secret)}`;
}

/** The guest key of a cookie value whose signature checks out, else null. */
export function verifyGuestCookie(value: string | null | undefined, secret: string = secretFromEnv()): string | null {
  if (!value || value.length > 120) return null;
  const dot = value.indexOf('.');
  if (dot < 0) return null;
  const key = value.slice(0, dot);
  if (!KEY.test(key)) return null;
  const given = Buffer.from(value.slice(dot + 1));
  const expected = Buffer.from(mac(key, secret));
  return given.length === expected.length && timingSafeEqual(given, expected) ? key : null;
}

/** The gate's customer key: the user id when signed in, else `guest:<key>` (the prefix keeps the two apart). */
export function customerKeyOf(userId: string | null | undefined, guestKey: string | null | undefined): string | null {
  if (userId) return userId;
  return guestKey ? `guest:${guestKey}` : null;
}

/**
 * Every key this visitor may act under: a shopper who held as a guest and then signed in (at the
 * checkout) still owns that hold, while new holds go under the user id.
 */
export function visitorKeys(userId: string | null | undefined, guestKey: string | null | undefined): string[] {
  return [userId, guestKey ? `guest:${guestKey}` : null].filter((k): k is string => !!k);
}

/** The value of one cookie in a `Cookie` request header. */
export function cookieFromHeader(header: string | null, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() !== name) continue;
    const raw = part.slice(eq + 1).trim();
    try {
      return decodeURIComponent(raw);
    } catch {
      return null;
    }
  }
  return null;
}

export const guestCookieOptions = () => ({
  httpOnly: true,
  sameSite: 'lax' as const,
  secure: env.PUBLIC_URL.startsWith('https:'),
  path: '/',
  maxAge: MAX_AGE,
});

/** A `Set-Cookie` header value for the signed guest key (route handlers that answer a Response themselves). */
export function guestSetCookie(key: string, secret?: string): string {
  const o = guestCookieOptions();
  return [`${GUEST_COOKIE}=${signGuestKey(key, secret)}`, `Path=${o.path}`, `Max-Age=${o.maxAge}`, 'HttpOnly', 'SameSite=Lax', ...(o.secure ? ['Secure'] : [])].join('; ');
}
