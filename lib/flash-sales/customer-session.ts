import 'server-only';
import { eq } from 'drizzle-orm';
import { cookies } from 'next/headers';
import { flashHolds } from '@/db/schema/flash-sales';
import { getActor, type SignedInActor } from '@/lib/accounts/session';
import type { DbOrTx } from '@/lib/platform/db';
import { customerKeyOf, GUEST_COOKIE, guestCookieOptions, newGuestKey, signGuestKey, verifyGuestCookie, visitorKeys } from './customer';

/** The visitor as flash-sale pages and actions see them (session user and signed guest cookie). */
export type FlashVisitor = { actor: SignedInActor | null; guestKey: string | null; keys: string[] };

export async function currentFlashVisitor(): Promise<FlashVisitor> {
  const [actor, jar] = await Promise.all([getActor(), cookies()]);
  const guestKey = verifyGuestCookie(jar.get(GUEST_COOKIE)?.value);
  return { actor, guestKey, keys: visitorKeys(actor?.userId, guestKey) };
}

/**
 * The customer key to place a new hold under, setting the guest cookie first when a guest has
 * none. Server actions and route handlers only (a render cannot set cookies).
 */
export async function ensureCustomerKey(visitor: FlashVisitor): Promise<string> {
  const existing = customerKeyOf(visitor.actor?.userId, visitor.guestKey);
  if (existing) return existing;
  const key = newGuestKey();
  (await cookies()).set(GUEST_COOKIE, signGuestKey(key), guestCookieOptions());
  return customerKeyOf(null, key)!;
}

/**
 * True when a checkout was made for a flash-sale hold of this visitor. A guest's express checkout
 * runs on a cart of its own that no cart cookie names, so the checkout pages (3-D Secure return,
 * status polling, retry prefill) can recognise its buyer by the hold instead.
 */
export async function visitorHoldsCheckout(db: DbOrTx, checkoutId: string, visitor?: FlashVisitor): Promise<boolean> {
  const who = visitor ?? (await currentFlashVisitor());
  if (!who.keys.length) return false;
  const rows = await db.select({ customerKey: flashHolds.customerKey }).from(flashHolds).where(eq(flashHolds.checkoutId, checkoutId)).limit(1);
  return rows.length > 0 && who.keys.includes(rows[0]!.customerKey);
}
