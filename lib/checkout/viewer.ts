import 'server-only';
import { getActor } from '@/lib/accounts/session';
import { readCartCookie } from '@/lib/cart/cookie';
import { visitorHoldsCheckout } from '@/lib/flash-sales/customer-session';
import { getDb } from '@/lib/platform/db';
import { canViewCheckout, type CheckoutViewer } from './access';
import { type CheckoutPrefill, getCheckoutOwnership, getCheckoutPrefill } from './queries';
import { getCheckoutStatus, type CheckoutStatus } from './service';

/**
 * The visitor as the checkout pages see them. The raw cart cookie, not the current cart: after
 * a guest's order is placed the cart is closed, but the cookie still proves whose it was.
 */
export async function currentCheckoutViewer(): Promise<CheckoutViewer> {
  const [actor, guestCartId] = await Promise.all([getActor(), readCartCookie()]);
  return { userId: actor?.userId ?? null, guestCartId };
}

/** A checkout's status for this visitor, or null when it does not exist or is not theirs (the same null either way). */
export async function getViewableCheckout(checkoutId: string, viewer?: CheckoutViewer): Promise<CheckoutStatus | null> {
  const db = await getDb();
  const [owner, who] = await Promise.all([getCheckoutOwnership(db, checkoutId), viewer ?? currentCheckoutViewer()]);
  if (!owner) return null;
  // A flash-sale express checkout runs on its own cart: its buyer is whoever holds the hold.
  if (!canViewCheckout(owner, who) && !(await visitorHoldsCheckout(db, owner.id))) return null;
  return getCheckoutStatus(db, owner.id);
}

/** What a failed attempt of this visitor's held (address, email, shipping), to fill the form again; null otherwise. */
export async function getRetryPrefill(checkoutId: string): Promise<CheckoutPrefill | null> {
  const db = await getDb();
  const [owner, who] = await Promise.all([getCheckoutOwnership(db, checkoutId), currentCheckoutViewer()]);
  if (!owner || owner.status !== 'failed' || !canViewCheckout(owner, who)) return null;
  return getCheckoutPrefill(db, owner.id);
}
