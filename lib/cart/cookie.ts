import 'server-only';
import { cookies } from 'next/headers';
import { env } from '@/lib/platform/env';
import { getDb } from '@/lib/platform/db';
import { logger, errorFields } from '@/lib/platform/logger';
import { mergeCarts } from './service';
import { signCartId, verifySignedCartId } from './signing';

/**
 * The guest cart cookie: `cart=<cartId>.<HMAC>`, httpOnly, SameSite=Lax, Secure on https, 30
 * days. It only ever names a guest cart (user_id null); a signed-in shopper's cart is found by
 * their user id, so it follows them to any device.
 */
export const CART_COOKIE = 'cart';
const MAX_AGE = 30 * 24 * 3600;

function secret(): string {
  if (env.AUTH_SECRET) return env.AUTH_SECRET;
  // `npm run dev|build|start` always provide one; only bare test or script runs get here.
  if (env.NODE_ENV === 'production') throw new Error('AUTH_SECRET is required to sign cart cookies');
  return 'development-only-cart-cookie-secret';
}

/** The guest cart id from a cookie whose signature checks out, else null. */
export async function readCartCookie(): Promise<string | null> {
  return verifySignedCartId((await cookies()).get(CART_COOKIE)?.value, secret());
}

/** Server actions and route handlers only. */
export async function setCartCookie(cartId: string): Promise<void> {
  (await cookies()).set(CART_COOKIE, signCartId(cartId, secret()), {
    httpOnly: true,
    sameSite: 'lax',
    secure: env.PUBLIC_URL.startsWith('https:'),
    path: '/',
    maxAge: MAX_AGE,
  });
}

/** Clears the cookie where that is allowed; a server component render can't, and need not (a merged cart is ignored). */
export async function clearCartCookie(): Promise<void> {
  try {
    (await cookies()).delete(CART_COOKIE);
  } catch {
    // Rendering: cookies are read-only here. The next action or /api/cart call clears it.
  }
}

/**
 * Folds the browser's guest cart (if any) into the user's cart and forgets the cookie. Safe to
 * call any number of times: merging is idempotent. Returns the user's active cart, or null.
 */
export async function mergeGuestCartFor(userId: string, guestCartId?: string | null): Promise<string | null> {
  const guest = guestCartId === undefined ? await readCartCookie() : guestCartId;
  if (!guest) return null;
  const cartId = await mergeCarts(await getDb(), guest, { userId });
  await clearCartCookie();
  return cartId;
}

/** Auth.js `events.signIn`: never lets a cart problem fail a sign-in (the lazy merge retries later). */
export async function mergeGuestCartOnSignIn(userId: string | undefined): Promise<void> {
  if (!userId) return;
  try {
    await mergeGuestCartFor(userId);
  } catch (err) {
    logger.error('cart merge on sign-in failed', { userId, ...errorFields(err) });
  }
}
