import { and, eq, inArray } from 'drizzle-orm';
import { type CheckoutFailure, checkouts } from '@/db/schema/checkout';
import { flashHolds } from '@/db/schema/flash-sales';
import { orders } from '@/db/schema/orders';
import { getStockGate, type StockGate } from '@/lib/flash-sales/gate';
import { releaseStock, reserveStock } from '@/lib/inventory/reservations';
import { cancelUnpaidOrder, markOrderPaid, placeOrder } from '@/lib/orders/service';
import { getPaymentProvider } from '@/lib/payments/registry';
import type { PaymentProvider } from '@/lib/payments/provider';
import { authorizePayment, capturePayment, refreshAuthorization, type AuthorizationOutcome, voidOrRefundPayment } from '@/lib/payments/service';
import { getDb, type Db } from '@/lib/platform/db';
import { DomainError } from '@/lib/platform/errors';
import { maybeFail } from '@/lib/platform/faults';
import { absoluteUrl } from '@/lib/platform/urls';

/**
 * The checkout saga's steps (DESIGN §6). The Inngest function in inngest/functions/checkout-saga.ts
 * only orders them and decides compensation; each step here is idempotent, so a retried or
 * replayed step changes nothing the first run already did. Expected outcomes (out of stock,
 * declined) are returned; only faults throw, so the runner retries them.
 */

export type SagaDeps = { db: Db; provider: PaymentProvider; gate?: StockGate };
const store = globalThis as unknown as { __sagaDeps?: SagaDeps };

export async function sagaDeps(): Promise<SagaDeps> {
  if (store.__sagaDeps) return store.__sagaDeps;
  const db = await getDb();
  return { db, provider: await getPaymentProvider(db) };
}

/** The flash-sale gate (only flash checkouts touch it). */
async function flashGate(deps: SagaDeps): Promise<StockGate> {
  return deps.gate ?? getStockGate();
}

/** The flash-sale hold an express checkout is buying, if it is one. */
async function holdOf(db: Db, checkoutId: string) {
  const [h] = await db.select().from(flashHolds).where(eq(flashHolds.checkoutId, checkoutId)).limit(1);
  return h ?? null;
}

/** Tests bind the saga to their database and provider. */
export function setSagaDepsForTests(deps: SagaDeps | undefined): void {
  store.__sagaDeps = deps;
}

async function loadCheckout(db: Db, checkoutId: string) {
  const [c] = await db.select().from(checkouts).where(eq(checkouts.id, checkoutId));
  if (!c) throw new DomainError('not_found', `Checkout ${checkoutId} not found.`, 404);
  return c;
}

const progress = (db: Db, checkoutId: string, step: string) =>
  db.update(checkouts).set({ step }).where(and(eq(checkouts.id, checkoutId), eq(checkouts.status, 'processing')));

export async function reserveStep(checkoutId: string): Promise<{ ok: true } | { ok: false; failure: CheckoutFailure }> {
  const { db } = await sagaDeps();
  await maybeFail('saga.reserve');
  const c = await loadCheckout(db, checkoutId);
  const hold = await holdOf(db, checkoutId);
  if (hold) {
    // A flash sale's units left general stock when it started: the hold is the reservation.
    if (hold.status !== 'active' && hold.status !== 'confirmed') return { ok: false, failure: { code: 'hold_expired', message: 'Your flash-sale hold ran out before checkout. Nothing was charged.' } };
    await progress(db, checkoutId, 'stock_reserved');
    return { ok: true };
  }
  const lines = c.quote.stores.flatMap((s) => s.lines.map((l) => ({ variantId: l.variantId, quantity: l.quantity, title: [l.title, l.variantTitle].filter(Boolean).join(' – ') })));
  const result = await reserveStock(db, checkoutId, lines);
  if (!result.ok) {
    const titles = new Map(lines.map((l) => [l.variantId, l.title]));
    return {
      ok: false,
      failure: {
        code: 'out_of_stock',
        message: 'Some items are no longer available in the quantity you asked for.',
        lines: result.shortages.map((s) => ({ ...s, title: s.title || titles.get(s.variantId) || '' })),
      },
    };
  }
  await progress(db, checkoutId, 'stock_reserved');
  return { ok: true };
}

export async function authorizeStep(checkoutId: string): Promise<AuthorizationOutcome> {
  const { db, provider } = await sagaDeps();
  await maybeFail('saga.authorize');
  const outcome = await authorizePayment(db, provider, checkoutId, absoluteUrl(`/checkout/return?checkout=${checkoutId}`));
  if (outcome.status === 'requires_action') {
    await db
      .update(checkouts)
      .set({ status: 'requires_action', step: 'awaiting_authentication', actionUrl: outcome.actionUrl })
      .where(and(eq(checkouts.id, checkoutId), inArray(checkouts.status, ['processing', 'requires_action'])));
  } else if (outcome.status === 'authorized') {
    await progress(db, checkoutId, 'payment_authorized');
  }
  return outcome;
}

/** After the 3-D Secure wait (event or timeout): what does the provider say now? */
export async function confirmAuthenticationStep(checkoutId: string): Promise<AuthorizationOutcome> {
  const { db, provider } = await sagaDeps();
  const outcome = await refreshAuthorization(db, provider, checkoutId);
  if (outcome.status !== 'requires_action') {
    await db.update(checkouts).set({ status: 'processing', actionUrl: null, step: 'payment_authorized' }).where(and(eq(checkouts.id, checkoutId), eq(checkouts.status, 'requires_action')));
  }
  return outcome;
}

export async function placeOrderStep(checkoutId: string): Promise<{ ok: true; orderId: string; number: string } | { ok: false; failure: CheckoutFailure }> {
  const deps = await sagaDeps();
  const { db } = deps;
  await maybeFail('saga.place-order');
  const hold = await holdOf(db, checkoutId);
  // Hold → sold first, and the order only when the gate said yes (lib/flash-sales/holds.ts).
  if (hold && !(await (await flashGate(deps)).confirm(hold.saleId, hold.id))) {
    return { ok: false, failure: { code: 'hold_expired', message: 'Your flash-sale hold ran out before the order was placed. Nothing was charged.' } };
  }
  try {
    return { ok: true, ...(await placeOrder(db, checkoutId, hold?.id ?? null)) };
  } catch (err) {
    if (err instanceof DomainError) return { ok: false, failure: { code: err.code, message: 'Your items were no longer held for you. Nothing was charged; please try again.' } };
    throw err;
  }
}

export async function captureStep(checkoutId: string): Promise<{ captured: number }> {
  const { db, provider } = await sagaDeps();
  await maybeFail('saga.capture');
  const p = await capturePayment(db, provider, checkoutId);
  await progress(db, checkoutId, 'payment_captured');
  return { captured: p.amountCaptured };
}

export async function completeStep(checkoutId: string, orderId: string): Promise<void> {
  const { db } = await sagaDeps();
  await maybeFail('saga.complete');
  await markOrderPaid(db, orderId);
  await db
    .update(checkouts)
    .set({ status: 'completed', step: 'completed', actionUrl: null, completedAt: new Date() })
    .where(and(eq(checkouts.id, checkoutId), inArray(checkouts.status, ['processing', 'requires_action'])));
}

/**
 * Compensation. Before capture: void the authorization and release the stock. After capture:
 * refund. If an order was placed but never paid it is cancelled and its units put back.
 * Then the checkout is marked failed with what the shopper should see. Safe to repeat.
 */
export async function compensateStep(checkoutId: string, failure: CheckoutFailure): Promise<void> {
  const deps = await sagaDeps();
  const { db, provider } = deps;
  await voidOrRefundPayment(db, provider, checkoutId, failure.code);
  const hold = await holdOf(db, checkoutId);
  if (hold?.status === 'active') await (await flashGate(deps)).release(hold.saleId, hold.id);
  const [order] = await db.select({ id: orders.id, status: orders.status }).from(orders).where(eq(orders.checkoutId, checkoutId));
  if (order) {
    if (order.status === 'placed') await cancelUnpaidOrder(db, order.id, 'Cancelled: the payment could not be completed. Nothing was charged.');
  }
  await releaseStock(db, checkoutId);
  await failCheckout(db, checkoutId, failure);
}

export async function failCheckout(db: Db, checkoutId: string, failure: CheckoutFailure): Promise<void> {
  await db
    .update(checkouts)
    .set({ status: 'failed', step: 'failed', failure, actionUrl: null })
    .where(and(eq(checkouts.id, checkoutId), inArray(checkouts.status, ['processing', 'requires_action'])));
}

export async function failStep(checkoutId: string, failure: CheckoutFailure): Promise<void> {
  const { db } = await sagaDeps();
  await failCheckout(db, checkoutId, failure);
}
