import 'server-only';
import { auth } from '@/lib/accounts/auth';
import { getDb } from '@/lib/platform/db';
import { clearCartCookie, mergeGuestCartFor, readCartCookie, setCartCookie } from './cookie';
import { createCart, ensureUserCart, findActiveUserCart, isActiveGuestCart } from './service';

// The public API's carts prove ownership with a secret token instead of the cookie.
export { createTokenCart, verifyCartToken } from './service';

async function sessionUserId(): Promise<string | null> {
  const session = await auth();
  return session?.user?.id ?? null;
}

/**
 * The current shopper's active cart, or null (server components and route handlers): the
 * signed-in user's cart, else the cookie's guest cart while it is still active. A signed-in
 * user who still carries a guest cookie gets it merged here (the sign-in event normally did).
 */
export async function getCurrentCartId(): Promise<string | null> {
  const [userId, guestId] = await Promise.all([sessionUserId(), readCartCookie()]);
  const db = await getDb();
  if (userId) return (guestId ? await mergeGuestCartFor(userId, guestId) : null) ?? findActiveUserCart(db, userId);
  if (!guestId) return null;
  if (await isActiveGuestCart(db, guestId)) return guestId;
  await clearCartCookie();
  return null;
}

/** The current shopper's active cart, created when missing (server actions: may set the cookie). */
export async function ensureCurrentCart(): Promise<string> {
  const [userId, guestId] = await Promise.all([sessionUserId(), readCartCookie()]);
  const db = await getDb();
  if (userId) {
    if (guestId) await mergeGuestCartFor(userId, guestId);
    return ensureUserCart(db, userId);
  }
  if (guestId && (await isActiveGuestCart(db, guestId))) return guestId;
  const cartId = await createCart(db);
  await setCartCookie(cartId);
  return cartId;
}
