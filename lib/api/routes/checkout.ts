import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { checkouts } from '@/db/schema/checkout';
import { checkoutRequest, idempotencyKey } from '@/lib/checkout/inputs';
import { getCheckoutStatus, submitCheckout, type CheckoutStatus } from '@/lib/checkout/service';
import { DomainError } from '@/lib/platform/errors';
import { absoluteUrl } from '@/lib/platform/urls';
import { verifyCartToken } from '@/lib/cart/service';
import { requireBearer, requireCartToken } from '../auth';
import { errorBody, notFound } from '../errors';
import { defineRoute, errorReply } from '../handler';
import { requestHash, withIdempotency, type WorkResult } from '../idempotency';
import { checkoutSchema } from '../schemas';

/** How long a checkout request waits for the in-process saga before answering 202. */
export const CHECKOUT_WAIT_MS = 10_000;

export const checkoutBody = checkoutRequest.extend({ cartId: z.uuid('Not a cart id').describe('The cart to buy; its token must be the Bearer token.') });

/** A failed checkout's status: a declined card is 402, a stock conflict 409, a provider outage 502, the rest 422. */
const FAILURE_STATUS: Record<string, number> = {
  out_of_stock: 409,
  payment_declined: 402,
  authentication_failed: 402,
  authentication_timeout: 402,
  payment_error: 502,
};

/**
 * Refusals never stored against the key: they depend on the moment (another checkout of the
 * cart is running), or on a checkout made under the key earlier (after a 202, which is not stored).
 */
const NOT_STORED = new Set(['checkout_in_progress', 'request_in_progress', 'rate_limited', 'idempotency_key_reused']);

function checkoutView(c: CheckoutStatus) {
  return {
    ...c,
    href: `/api/v1/checkout/${c.id}`,
    order: c.order
      ? { ...c.order, url: absoluteUrl(`/orders/${encodeURIComponent(c.order.number)}?t=${c.order.accessToken}`), href: `/api/v1/orders/${c.order.id}` }
      : null,
  };
}

/** The HTTP answer for a checkout's state: 201 completed, 202 still going (or 3-D Secure), an error when it failed. */
export function checkoutReply(c: CheckoutStatus): { status: number; body: unknown } {
  const view = checkoutSchema.parse(checkoutView(c));
  if (c.status === 'completed') return { status: 201, body: view };
  if (c.status !== 'failed') return { status: 202, body: view };
  const failure = c.failure ?? { code: 'checkout_failed', message: 'The checkout failed.' };
  return {
    status: FAILURE_STATUS[failure.code] ?? 422,
    body: errorBody(failure.code, failure.message, { ...(failure.lines ? { lines: failure.lines } : {}), checkout: view }),
  };
}

export const checkoutRoute = defineRoute({
  id: 'createCheckout',
  method: 'POST',
  path: '/checkout',
  tag: 'Checkout',
  summary: 'Check out a cart',
  description: [
    'Reserves stock, authorizes the payment, places the order (one sub-order per seller) and captures, in one request when the saga finishes within 10 s.',
    '',
    '- `Idempotency-Key` is required. The first final response for a key is stored for 24 h (scoped to the cart) and every retry with the key gets it back, same status and same bytes, with `Idempotent-Replayed: true`. The same key with a different body is a 422 `idempotency_key_reused`.',
    '- Concurrent requests with one key: one runs, the others wait for its response (up to 15 s, then 409 `request_in_progress` with Retry-After).',
    '- 201 completed (with the order); 202 still processing or waiting for 3-D Secure (`actionUrl`) — not stored: retry the key or poll `href`.',
    '- Failures use the error shape with `details.checkout`: 402 `payment_declined` (card declined), 409 `out_of_stock` with `details.lines`, 502 `payment_error` (provider unreachable, nothing charged), 422 otherwise (`cart_empty`, `shipping_unavailable`, `invalid_card`, …).',
    '- With the built-in test provider, pay with `{ "provider": "test", "card": "4242424242424242" }`; `4000000000000002` is declined, `4000002500003155` asks for 3-D Secure.',
  ].join('\n'),
  auth: 'cart',
  limit: 'checkoutIp',
  headers: z.object({ 'idempotency-key': idempotencyKey.describe('Unique per checkout attempt (8–200 visible ASCII characters), e.g. a UUID.') }),
  body: checkoutBody,
  responses: {
    201: { description: 'The order was placed and paid.', schema: checkoutSchema },
    202: { description: 'Still processing, or waiting for 3-D Secure at `actionUrl`.', schema: checkoutSchema },
  },
  errors: [400, 401, 402, 404, 409, 413, 415, 422, 429, 502],
  async handle({ db, req, headers, body, limit }) {
    await requireCartToken(db, req, body.cartId);
    await limit('checkoutCart', body.cartId);
    const key = headers['idempotency-key'];
    const { cartId, ...request } = body;
    const work = async (): Promise<WorkResult> => {
      try {
        // The checkout's own key is scoped to the cart, like the stored response.
        const { checkout } = await submitCheckout(db, { idempotencyKey: `api:${cartId}:${key}`, cartId, userId: null, request, wait: CHECKOUT_WAIT_MS });
        const reply = checkoutReply(checkout);
        return { status: reply.status, body: JSON.stringify(reply.body), final: reply.status !== 202 };
      } catch (err) {
        // Expected refusals are the answer to this request and are stored; faults are not.
        if (!(err instanceof DomainError) || err.status >= 500 || NOT_STORED.has(err.code)) throw err;
        const reply = errorReply(err);
        return { status: reply.status, body: JSON.stringify(reply.body), final: true };
      }
    };
    const res = await withIdempotency(db, { scope: `cart:${cartId}`, key, hash: requestHash(body) }, work);
    return { status: res.status, raw: res.body, headers: res.replayed ? { 'Idempotent-Replayed': 'true' } : undefined };
  },
});

export const getCheckoutRoute = defineRoute({
  id: 'getCheckout',
  method: 'GET',
  path: '/checkout/{id}',
  tag: 'Checkout',
  summary: 'Get a checkout',
  description: 'The current state of a checkout, whatever it is (poll while `processing`; a failed one carries `failure`). Needs the token of the cart it was made from.',
  auth: 'cart',
  limit: 'read',
  params: z.object({ id: z.uuid('Not a checkout id') }),
  responses: { 200: { description: 'The checkout.', schema: checkoutSchema } },
  errors: [400, 401, 404, 429],
  async handle({ db, req, params }) {
    const token = requireBearer(req);
    const [c] = await db.select({ cartId: checkouts.cartId }).from(checkouts).where(eq(checkouts.id, params.id)).limit(1);
    // Not found and not yours look the same.
    if (!c || !(await verifyCartToken(db, c.cartId, token))) throw notFound('That checkout');
    return { status: 200, body: checkoutView(await getCheckoutStatus(db, params.id)) };
  },
});
