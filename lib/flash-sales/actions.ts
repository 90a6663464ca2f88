'use server';

import { z } from 'zod';
import { publicAction } from '@/lib/accounts/action';
import { requestInfo } from '@/lib/accounts/request-info';
import { apiLimiter } from '@/lib/api/limits';
import type { SubmitCheckoutData } from '@/lib/checkout/actions';
import { quoteForHold, submitFlashCheckout } from '@/lib/checkout/flash';
import { quoteCheckoutInput, submitCheckoutInput } from '@/lib/checkout/form-inputs';
import { findCheckoutByKey } from '@/lib/checkout/queries';
import { formatMoney } from '@/lib/money';
import { getDb } from '@/lib/platform/db';
import { DomainError, NotFoundError, RateLimitedError } from '@/lib/platform/errors';
import { createRateLimiter, type RateLimiter } from '@/lib/platform/ratelimit';
import type { Quote } from '@/lib/pricing/quote';
import { currentFlashVisitor, ensureCustomerKey, type FlashVisitor } from './customer-session';
import { GateUnavailableError } from './errors';
import { readHold } from './holds';
import { reserveHoldInput } from './inputs';
import { placeHold, type HoldRefusal } from './storefront';

// The /flash page's Buy button and the express checkout of a hold. The customer is the session's
// user or the signed guest cookie (set here on a guest's first hold), never the input; a hold is
// only ever priced or bought by the visitor who holds it.

/** How long a submit waits for an in-process saga before answering `processing`. */
const SAGA_WAIT_MS = 8000;
const submits = createRateLimiter('flash-checkout-submits', { limit: 30, windowMs: 60_000 });
const quotes = createRateLimiter('flash-checkout-quotes', { limit: 120, windowMs: 60_000 });

async function limit(limiter: RateLimiter, key: string | null): Promise<void> {
  if (!key) return;
  const r = await limiter.limit(key);
  if (!r.success) throw new RateLimitedError(r.retryAfter);
}

export type PlaceHoldData =
  | { kind: 'hold'; holdId: string; expiresAt: string; checkoutPath: string; existing: boolean }
  | { kind: 'refused'; reason: HoldRefusal; message: string }
  | { kind: 'paused'; retryAfter: number; message: string }
  | { kind: 'rate_limited'; retryAfter: number; message: string };

const placeHoldInput = reserveHoldInput.extend({ saleId: z.uuid() });

const placeHandler = publicAction('placeFlashHold', placeHoldInput, async (input): Promise<PlaceHoldData> => {
  try {
    // The same limits as the API's hold endpoint (shared counters): per IP, then per customer.
    const { ip } = await requestInfo();
    await limit(apiLimiter('flashHoldIp'), ip);
    const visitor = await currentFlashVisitor();
    const customerKey = await ensureCustomerKey(visitor);
    await limit(apiLimiter('flashHoldCustomer'), customerKey);
    const outcome = await placeHold(await getDb(), { saleId: input.saleId, customerKey, quantity: input.quantity });
    if (outcome.kind === 'refused') return { kind: 'refused', reason: outcome.reason, message: outcome.message };
    return { kind: 'hold', holdId: outcome.holdId, expiresAt: outcome.expiresAt.toISOString(), checkoutPath: `/checkout/flash/${outcome.holdId}`, existing: outcome.kind === 'existing' };
  } catch (err) {
    if (err instanceof GateUnavailableError) return { kind: 'paused', retryAfter: err.retryAfter, message: 'Buying is paused for a moment, retrying…' };
    if (err instanceof RateLimitedError) return { kind: 'rate_limited', retryAfter: err.retryAfter, message: err.message };
    throw err;
  }
});

/** "Buy now" on /flash/[id]: holds the units for this visitor; the page then goes to `checkoutPath`. */
export async function placeFlashHoldAction(input: unknown) {
  return placeHandler(input);
}

/** The hold, when this visitor holds it (the key it was placed under: a guest who signed in since still owns it). */
async function ownHold(holdId: string, visitor: FlashVisitor) {
  const hold = await readHold(await getDb(), holdId);
  if (!hold || !visitor.keys.includes(hold.customerKey)) throw new NotFoundError('That hold');
  return hold;
}

const holdId = z.uuid();

const quoteHandler = publicAction('quoteFlashCheckout', quoteCheckoutInput.extend({ holdId }), async (input): Promise<{ quote: Quote }> => {
  const { ip } = await requestInfo();
  await limit(quotes, ip);
  const hold = await ownHold(input.holdId, await currentFlashVisitor());
  const { quote } = await quoteForHold(await getDb(), hold.id, hold.customerKey, { country: input.country, region: input.region }, input.shippingSelections);
  return { quote };
});

/** Live totals of the express checkout as the buyer picks an address and shipping. */
export async function quoteFlashCheckoutAction(input: unknown) {
  return quoteHandler(input);
}

const submitHandler = publicAction('submitFlashCheckout', submitCheckoutInput.extend({ holdId }), async (input): Promise<SubmitCheckoutData> => {
  const { ip } = await requestInfo();
  await limit(submits, ip);
  const db = await getDb();
  const { idempotencyKey, expectedTotal, holdId: id, ...fields } = input;
  const visitor = await currentFlashVisitor();
  const hold = await ownHold(id, visitor);
  const request = { ...fields, email: visitor.actor?.email ?? fields.email };
  // A retry of a submit (double click, lost response) replays its checkout, even once the hold is bought.
  if (!(await findCheckoutByKey(db, idempotencyKey))) {
    const ship = request.shippingAddress;
    const { quote } = await quoteForHold(db, hold.id, hold.customerKey, { country: ship.country, region: ship.region }, request.shippingSelections);
    if (expectedTotal !== undefined && quote.total !== expectedTotal) {
      throw new DomainError('total_changed', `Your total is now ${formatMoney(quote.total, quote.currency)}. Check it and place your order again.`, 409);
    }
  }
  const { checkout } = await submitFlashCheckout(db, { idempotencyKey, holdId: hold.id, customerKey: hold.customerKey, userId: visitor.actor?.userId ?? null, request, wait: SAGA_WAIT_MS });
  if (checkout.status === 'failed' && checkout.failure) {
    // A failed attempt gives the units back to the sale (the saga's compensation): say so.
    const after = await readHold(db, hold.id);
    if (after && after.status !== 'active') {
      return { kind: 'status', checkout: { ...checkout, failure: { ...checkout.failure, code: 'hold_released', message: `${checkout.failure.message} Your hold was released; go back to the sale to try again.` } } };
    }
  }
  return { kind: 'status', checkout };
});

/** Places the order for the hold: one idempotency key per reviewed submit, like the cart's checkout. */
export async function submitFlashCheckoutAction(input: unknown) {
  return submitHandler(input);
}
