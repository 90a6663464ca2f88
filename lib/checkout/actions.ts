'use server';

import { publicAction } from '@/lib/accounts/action';
import { requestInfo } from '@/lib/accounts/request-info';
import { getActor } from '@/lib/accounts/session';
import { readCartCookie } from '@/lib/cart/cookie';
import { getCurrentCartId } from '@/lib/cart/identity';
import type { CheckoutFailure } from '@/db/schema/checkout';
import { formatMoney } from '@/lib/money';
import { getDb } from '@/lib/platform/db';
import { DomainError, RateLimitedError } from '@/lib/platform/errors';
import { createRateLimiter, type RateLimiter } from '@/lib/platform/ratelimit';
import type { Quote } from '@/lib/pricing/quote';
import { canViewCheckout } from './access';
import { quoteCheckoutInput, submitCheckoutInput } from './form-inputs';
import { findCheckoutByKey } from './queries';
import { type CheckoutStatus, quoteForCart, StockConflictError, submitCheckout } from './service';

// Checkout is open to guests: the cart is always the session's or the signed cookie's, never one
// named in the input, and the user and email of a signed-in shopper come from the session.
const submits = createRateLimiter('checkout-submits', { limit: 30, windowMs: 60_000 });
const quotes = createRateLimiter('checkout-quotes', { limit: 120, windowMs: 60_000 });

/** How long a submit waits for an in-process saga before answering `processing` (the browser then polls). */
const SAGA_WAIT_MS = 8000;

async function limit(limiter: RateLimiter): Promise<void> {
  const { ip } = await requestInfo();
  if (!ip) return;
  const r = await limiter.limit(ip);
  if (!r.success) throw new RateLimitedError(r.retryAfter);
}

const cartEmpty = () => new DomainError('cart_empty', 'Your cart is empty.', 422);

export type SubmitCheckoutData =
  | { kind: 'status'; checkout: CheckoutStatus }
  | { kind: 'out_of_stock'; message: string; lines: NonNullable<CheckoutFailure['lines']> };

const submitHandler = publicAction('submitCheckout', submitCheckoutInput, async (input): Promise<SubmitCheckoutData> => {
  await limit(submits);
  const db = await getDb();
  const { idempotencyKey, expectedTotal, ...fields } = input;
  const [actor, guestCartId] = await Promise.all([getActor(), readCartCookie()]);
  const userId = actor?.userId ?? null;
  const request = { ...fields, email: actor?.email ?? fields.email };

  // A retry of a submit (double click, lost response) goes to the checkout it started, even
  // when that one already closed the cart; the service replays it.
  const prior = await findCheckoutByKey(db, idempotencyKey);
  let cartId: string;
  if (prior) {
    if (!canViewCheckout(prior, { userId, guestCartId })) throw new DomainError('idempotency_key_reused', 'This checkout was already submitted. Reload the page to start again.', 422);
    cartId = prior.cartId;
  } else {
    const current = await getCurrentCartId();
    if (!current) throw cartEmpty();
    const ship = request.shippingAddress;
    const { cart, quote } = await quoteForCart(db, current, { country: ship.country, region: ship.region }, request.shippingSelections);
    if (!cart.lines.length) throw cartEmpty();
    if (cart.hasPriceChanges) throw new DomainError('price_changed', 'Some prices changed since you added the items. Accept the new prices to continue.', 409);
    // Stock problems are the service's to report (with the lines); otherwise the total must be the one reviewed.
    if (expectedTotal !== undefined && !cart.hasStockProblems && quote.total !== expectedTotal) {
      throw new DomainError('total_changed', `Your total is now ${formatMoney(quote.total, quote.currency)}. Check it and place your order again.`, 409);
    }
    cartId = current;
  }

  try {
    const { checkout } = await submitCheckout(db, { idempotencyKey, cartId, userId, request, wait: SAGA_WAIT_MS });
    return { kind: 'status', checkout };
  } catch (err) {
    if (err instanceof StockConflictError) return { kind: 'out_of_stock', message: err.message, lines: err.lines };
    throw err;
  }
});

/** Places the order: one idempotency key per reviewed submit, so double clicks and retries give one checkout. */
export async function submitCheckoutAction(input: unknown) {
  return submitHandler(input);
}

const quoteHandler = publicAction('quoteCheckout', quoteCheckoutInput, async (input): Promise<{ quote: Quote }> => {
  await limit(quotes);
  const cartId = await getCurrentCartId();
  if (!cartId) throw cartEmpty();
  const { quote } = await quoteForCart(await getDb(), cartId, { country: input.country, region: input.region }, input.shippingSelections);
  return { quote };
});

/** Live totals for the current cart as the shopper picks an address and shipping. */
export async function quoteCheckoutAction(input: unknown) {
  return quoteHandler(input);
}
