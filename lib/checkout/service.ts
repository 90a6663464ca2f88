import { createHash } from 'node:crypto';
import { and, eq, inArray, ne } from 'drizzle-orm';
import { type AddressSnapshot, type Checkout, type CheckoutFailure, checkouts, type QuoteSnapshot } from '@/db/schema/checkout';
import { orders } from '@/db/schema/orders';
import { events } from '@/inngest/events';
import { getCartView } from '@/lib/cart/queries';
import { toPricingLines } from '@/lib/cart/queries';
import { orderAccessToken } from '@/lib/orders/access';
import { tokenizeTestCard } from '@/lib/payments/test-cards';
import { activeProviderName } from '@/lib/payments/registry';
import { loadPricingRates } from '@/lib/pricing/rates';
import { quoteCart, type Quote } from '@/lib/pricing/quote';
import type { Db, DbOrTx } from '@/lib/platform/db';
import { DomainError } from '@/lib/platform/errors';
import { sendEvent } from '@/lib/platform/jobs';
import type { AddressFields } from '@/lib/accounts/account-inputs';
import type { CheckoutRequest } from './inputs';

export class StockConflictError extends DomainError {
  constructor(readonly lines: NonNullable<CheckoutFailure['lines']>) {
    super('out_of_stock', 'Some items are no longer available in the quantity you asked for.', 409);
  }
}

export const toSnapshot = (a: AddressFields): AddressSnapshot => ({
  name: a.fullName,
  line1: a.line1,
  line2: a.line2,
  city: a.city,
  region: a.region,
  postalCode: a.postalCode,
  country: a.country,
  phone: a.phone,
});

/** Prices a cart for a destination: the one quote the checkout page, the API and the saga use. */
export async function quoteForCart(db: DbOrTx, cartId: string, destination: { country: string; region?: string | null } | null, selections: Record<string, string> = {}) {
  const cart = await getCartView(db, cartId);
  if (!cart || cart.status !== 'active') throw new DomainError('cart_not_found', 'That cart does not exist or was already checked out.', 404);
  const storeIds = [...new Set(cart.lines.map((l) => l.storeId))];
  const rates = await loadPricingRates(db, storeIds);
  const quote = quoteCart({ currency: cart.currency, lines: toPricingLines(cart), destination, selections, ...rates });
  return { cart, quote };
}

export function requestHash(cartId: string, userId: string | null, r: CheckoutRequest): string {
  const payment = r.payment.provider === 'test' ? { provider: 'test', card: r.payment.card.replace(/\D/g, '') } : r.payment;
  return createHash('sha256')
    .update(JSON.stringify({ cartId, userId, email: r.email, ship: r.shippingAddress, bill: r.billingAddress ?? null, sel: Object.entries(r.shippingSelections).sort(), payment }))
    .digest('hex');
}

export function paymentMethodOf(r: CheckoutRequest): { provider: string; token: string; label: string } {
  const active = activeProviderName();
  if (r.payment.provider !== active) throw new DomainError('payment_provider_unavailable', `Payments go through the ${active === 'test' ? 'test provider' : 'Stripe'} here.`, 422);
  if (r.payment.provider === 'test') {
    const t = tokenizeTestCard(r.payment.card);
    if (!t) throw new DomainError('invalid_card', 'That card number is not valid.', 422);
    return { provider: 'test', token: t.token, label: t.label };
  }
  return { provider: 'stripe', token: r.payment.paymentMethodId, label: 'Card' };
}

/**
 * Submits a cart: validates and prices it, stores the checkout under its idempotency key and
 * starts the saga. Any number of submits with the same key land on the one checkout (and the
 * one saga run); the same key with a different request is refused (422). A stock problem known
 * before reserving is a 409 with the lines. `wait` is how long to wait for an in-process saga.
 */
export async function submitCheckout(
  db: Db,
  input: { idempotencyKey: string; cartId: string; userId: string | null; request: CheckoutRequest; wait?: number },
): Promise<{ checkout: CheckoutStatus; created: boolean }> {
  const { idempotencyKey, cartId, userId, request } = input;
  const hash = requestHash(cartId, userId, request);
  const [prior] = await db.select().from(checkouts).where(eq(checkouts.idempotencyKey, idempotencyKey));
  if (prior) return { checkout: await replay(db, prior, hash, input.wait), created: false };

  const method = paymentMethodOf(request);
  const ship = request.shippingAddress;
  const { cart, quote } = await quoteForCart(db, cartId, { country: ship.country, region: ship.region }, request.shippingSelections);
  if (!cart.lines.length) throw new DomainError('cart_empty', 'Your cart is empty.', 422);
  const problems = cart.lines.filter((l) => l.problem);
  if (problems.length) {
    throw new StockConflictError(problems.map((l) => ({ variantId: l.variantId, title: [l.title, l.variantTitle].filter(Boolean).join(' – '), requested: l.quantity, available: l.purchasable ? l.available : 0 })));
  }
  if (quote.missingShipping.length) throw new DomainError('shipping_unavailable', 'One of the sellers does not ship to that address.', 422);
  const busy = await db
    .select({ id: checkouts.id })
    .from(checkouts)
    .where(and(eq(checkouts.cartId, cartId), inArray(checkouts.status, ['processing', 'requires_action']), ne(checkouts.idempotencyKey, idempotencyKey)));
  if (busy.length) throw new DomainError('checkout_in_progress', 'This cart is already being checked out. Wait for it to finish.', 409);

  return insertAndStart(db, { idempotencyKey, hash, cartId, userId, request, method, quote, wait: input.wait });
}

/** Stores the checkout under its key (the winner of a race starts the saga) and starts the saga. */
export async function insertAndStart(
  db: Db,
  a: { idempotencyKey: string; hash: string; cartId: string; userId: string | null; request: CheckoutRequest; method: { provider: string; token: string; label: string }; quote: Quote; wait?: number; afterInsert?: (checkoutId: string) => Promise<void> },
): Promise<{ checkout: CheckoutStatus; created: boolean }> {
  const { request, quote, method } = a;
  const [created] = await db
    .insert(checkouts)
    .values({
      idempotencyKey: a.idempotencyKey,
      requestHash: a.hash,
      cartId: a.cartId,
      userId: a.userId,
      email: request.email,
      shippingAddress: toSnapshot(request.shippingAddress),
      billingAddress: request.billingAddress ? toSnapshot(request.billingAddress) : null,
      shippingSelections: request.shippingSelections,
      quote: snapshotOf(quote),
      currency: quote.currency,
      total: quote.total,
      paymentProvider: method.provider,
      paymentMethod: method.token,
      paymentMethodLabel: method.label,
    })
    .onConflictDoNothing({ target: checkouts.idempotencyKey })
    .returning();
  if (!created) {
    // Another request with this key won the race: answer as its replay.
    const [winner] = await db.select().from(checkouts).where(eq(checkouts.idempotencyKey, a.idempotencyKey));
    return { checkout: await replay(db, winner!, a.hash, a.wait), created: false };
  }
  await a.afterInsert?.(created.id);
  await startSaga(created.id, a.wait);
  return { checkout: await getCheckoutStatus(db, created.id), created: true };
}

const snapshotOf = (q: Quote): QuoteSnapshot => ({
  currency: q.currency,
  subtotal: q.subtotal,
  shipping: q.shipping,
  tax: q.tax,
  discount: q.discount,
  total: q.total,
  stores: q.stores,
});

async function startSaga(checkoutId: string, wait?: number) {
  await sendEvent({ name: events.checkoutSubmitted, data: { checkoutId }, id: `checkout-${checkoutId}` }, { wait });
}

export async function replay(db: Db, prior: Checkout, hash: string, wait?: number): Promise<CheckoutStatus> {
  if (prior.requestHash !== hash) throw new DomainError('idempotency_key_reused', 'This idempotency key was already used for a different request.', 422);
  // Re-sending is safe (one run per checkout) and restarts a saga whose first send was lost.
  if (prior.status === 'processing') await startSaga(prior.id, wait);
  return getCheckoutStatus(db, prior.id);
}

export type CheckoutStatus = {
  id: string;
  status: Checkout['status'];
  step: string;
  total: number;
  currency: string;
  email: string;
  actionUrl: string | null;
  failure: CheckoutFailure | null;
  order: { id: string; number: string; accessToken: string } | null;
};

/** What the shopper's browser (and the API) sees of a checkout. */
export async function getCheckoutStatus(db: DbOrTx, checkoutId: string): Promise<CheckoutStatus> {
  const [c] = await db.select().from(checkouts).where(eq(checkouts.id, checkoutId));
  if (!c) throw new DomainError('not_found', 'Checkout not found.', 404);
  const [o] = c.status === 'completed' ? await db.select({ id: orders.id, number: orders.number, email: orders.email }).from(orders).where(eq(orders.checkoutId, c.id)) : [];
  return {
    id: c.id,
    status: c.status,
    step: c.step,
    total: c.total,
    currency: c.currency,
    email: c.email,
    actionUrl: c.status === 'requires_action' ? c.actionUrl : null,
    failure: c.failure ?? null,
    order: o ? { id: o.id, number: o.number, accessToken: orderAccessToken({ id: o.id, email: o.email }) } : null,
  };
}
