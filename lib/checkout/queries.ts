import 'server-only';
import { eq } from 'drizzle-orm';
import { type AddressSnapshot, type CheckoutFailure, checkouts } from '@/db/schema/checkout';
import { type TestProviderIntent, testProviderIntents } from '@/db/schema/payments';
import type { DbOrTx } from '@/lib/platform/db';

/**
 * Reads for the checkout pages and the status route. No authorization here: callers decide with
 * `canViewCheckout` (./access.ts) before showing anything.
 */

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isCheckoutId = (s: unknown): s is string => typeof s === 'string' && UUID.test(s);

export type CheckoutOwnership = {
  id: string;
  userId: string | null;
  cartId: string;
  status: 'processing' | 'requires_action' | 'completed' | 'failed';
};

/** Who a checkout belongs to (its user, or the guest cart it was made from), or null. */
export async function getCheckoutOwnership(db: DbOrTx, checkoutId: string): Promise<CheckoutOwnership | null> {
  if (!isCheckoutId(checkoutId)) return null;
  const [row] = await db
    .select({ id: checkouts.id, userId: checkouts.userId, cartId: checkouts.cartId, status: checkouts.status })
    .from(checkouts)
    .where(eq(checkouts.id, checkoutId))
    .limit(1);
  return row ?? null;
}

/** The checkout submitted under an idempotency key, if any (a retry of a submit finds its first attempt). */
export async function findCheckoutByKey(db: DbOrTx, idempotencyKey: string): Promise<CheckoutOwnership | null> {
  const [row] = await db
    .select({ id: checkouts.id, userId: checkouts.userId, cartId: checkouts.cartId, status: checkouts.status })
    .from(checkouts)
    .where(eq(checkouts.idempotencyKey, idempotencyKey))
    .limit(1);
  return row ?? null;
}

export type CheckoutPrefill = {
  email: string;
  shippingAddress: AddressSnapshot;
  shippingSelections: Record<string, string>;
  failure: CheckoutFailure | null;
};

/** What the shopper entered on a failed attempt, to fill the form again when they come back to retry. */
export async function getCheckoutPrefill(db: DbOrTx, checkoutId: string): Promise<CheckoutPrefill | null> {
  if (!isCheckoutId(checkoutId)) return null;
  const [row] = await db
    .select({ email: checkouts.email, shippingAddress: checkouts.shippingAddress, shippingSelections: checkouts.shippingSelections, failure: checkouts.failure })
    .from(checkouts)
    .where(eq(checkouts.id, checkoutId))
    .limit(1);
  return row ? { ...row, failure: row.failure ?? null } : null;
}

export type TestChallenge = {
  intentId: string;
  status: TestProviderIntent['status'];
  amount: number;
  currency: string;
  cardLast4: string;
  checkoutId: string | null;
};

const INTENT_ID = /^ti_[0-9a-f]{24}$/;
export const isTestIntentId = (s: unknown): s is string => typeof s === 'string' && INTENT_ID.test(s);

/** The test provider's 3-D Secure challenge (what its simulated bank page shows), or null. */
export async function getTestChallenge(db: DbOrTx, intentId: string): Promise<TestChallenge | null> {
  if (!isTestIntentId(intentId)) return null;
  const [i] = await db.select().from(testProviderIntents).where(eq(testProviderIntents.id, intentId)).limit(1);
  if (!i) return null;
  const checkoutId = i.metadata.checkoutId;
  return {
    intentId: i.id,
    status: i.status,
    amount: i.amount,
    currency: i.currency,
    cardLast4: i.cardLast4,
    checkoutId: isCheckoutId(checkoutId) ? checkoutId : null,
  };
}
