import { z } from 'zod';
import { customerKeyOf, cookieFromHeader, GUEST_COOKIE, guestSetCookie, newGuestKey, verifyGuestCookie } from '@/lib/flash-sales/customer';
import { GateUnavailableError, isDatabaseUnavailable } from '@/lib/flash-sales/errors';
import { reserveHoldInput } from '@/lib/flash-sales/inputs';
import { placeHold, readFlashSaleView, type FlashSaleView } from '@/lib/flash-sales/storefront';
import { absoluteUrl } from '@/lib/platform/urls';
import { apiActor } from '../context';
import { ApiError, notFound } from '../errors';
import { defineRoute } from '../handler';

// Flash sales: the sale with its live remaining count, and placing a hold (the express checkout
// then buys it). The buyer is the session's user, else the signed guest cookie (set on the first
// hold); never a key chosen by the client.

const money = z.number().int().describe('Minor units (cents) of `currency`.');
const timestamp = z.string().describe('ISO 8601 date-time.');

export const flashSaleSchema = z
  .object({
    id: z.uuid(),
    status: z.enum(['scheduled', 'live', 'ended', 'cancelled']).describe('The stored status. A `scheduled` sale whose start has come is bought as live (the first buyer starts it).'),
    phase: z.enum(['upcoming', 'live', 'sold_out', 'ended', 'cancelled']).describe('What a buyer sees at `serverTime`: `sold_out` while nothing remains (held units may still come back).'),
    startsAt: timestamp,
    endsAt: timestamp,
    serverTime: timestamp.describe('When the counters were read, on the server clock; countdowns should be corrected by it.'),
    allocation: z.number().int(),
    remaining: z.number().int().nullable().describe('Units neither sold nor held; null while buying is paused.'),
    held: z.number().int().nullable().describe('Units in active holds (checkouts under way).'),
    sold: z.number().int().nullable(),
    paused: z.boolean().describe('The stock gate cannot be reached right now: holds answer 503 until it is back.'),
    perCustomerLimit: z.number().int().describe('Most units one customer may hold and buy in this sale.'),
    salePrice: money,
    regularPrice: money,
    currency: z.string().length(3),
    product: z.object({ id: z.uuid(), slug: z.string(), title: z.string(), variantTitle: z.string(), imageUrl: z.string().nullable(), storeName: z.string() }),
    url: z.string().describe('The sale page.'),
    holdsHref: z.string().describe('POST here to place a hold.'),
  })
  .meta({ id: 'FlashSale' });

export const flashHoldSchema = z
  .object({
    holdId: z.uuid(),
    saleId: z.uuid(),
    expiresAt: timestamp.describe('The hold lapses then and its units go back to the sale unless the checkout completed.'),
    checkoutUrl: z.string().describe('The express checkout for this hold (a browser page; it needs the same session or guest cookie).'),
    existing: z.boolean().describe('True when this is the customer’s hold placed earlier (one active hold per customer per sale).'),
  })
  .meta({ id: 'FlashHold' });

const params = z.object({ id: z.uuid('Not a flash sale id') });

const iso = (d: Date) => d.toISOString();

function saleBody(v: FlashSaleView) {
  return {
    ...v,
    startsAt: iso(v.startsAt),
    endsAt: iso(v.endsAt),
    serverTime: iso(v.serverTime),
    product: { ...v.product, imageUrl: v.product.imageUrl && v.product.imageUrl.startsWith('/') ? absoluteUrl(v.product.imageUrl) : v.product.imageUrl },
    url: absoluteUrl(`/flash/${v.id}`),
    holdsHref: `/api/v1/flash-sales/${v.id}/holds`,
  };
}

/** 503 with Retry-After: buying pauses (fails closed) while the gate or its database can't answer. */
function paused(err: unknown): never {
  if (err instanceof GateUnavailableError) {
    throw new ApiError(503, 'gate_unavailable', err.message, { retryAfter: err.retryAfter }, { 'Retry-After': String(err.retryAfter) });
  }
  if (isDatabaseUnavailable(err)) {
    throw new ApiError(503, 'gate_unavailable', 'Flash sale buying is paused for a moment. Please try again shortly.', { retryAfter: 2 }, { 'Retry-After': '2' });
  }
  throw err;
}

export const getFlashSaleRoute = defineRoute({
  id: 'getFlashSale',
  method: 'GET',
  path: '/flash-sales/{id}',
  tag: 'Flash sales',
  summary: 'Get a flash sale',
  description: [
    'Status, window, prices, the per-customer limit and the live counters (`remaining`, `held`, `sold`) of an announced sale.',
    'Cheap to poll: the counters are at most about a second old and the response may be cached for a second (`s-maxage=1`). Poll every 1–2 s, not faster.',
  ].join('\n\n'),
  auth: 'none',
  limit: 'read',
  params,
  responses: { 200: { description: 'The sale.', schema: flashSaleSchema } },
  errors: [400, 404, 429, 503],
  cache: 'public, max-age=1, s-maxage=1',
  async handle({ db, params }) {
    let view: FlashSaleView | null;
    try {
      view = await readFlashSaleView(db, params.id);
    } catch (err) {
      paused(err);
    }
    if (!view) throw notFound('That flash sale');
    return { status: 200, body: saleBody(view) };
  },
});

export const createFlashHoldRoute = defineRoute({
  id: 'createFlashHold',
  method: 'POST',
  path: '/flash-sales/{id}/holds',
  tag: 'Flash sales',
  summary: 'Hold units of a flash sale',
  description: [
    'Takes `quantity` units (default 1) for the caller until `expiresAt` (10 minutes); complete the purchase at `checkoutUrl`. Units never exceed the allocation, whatever the crowd.',
    '',
    '- The customer is the signed-in user (session cookie), else the signed `flash_guest` cookie; a caller with neither gets a new guest cookie with the 201. A key sent by the client is never used.',
    '- 201 a new hold. 200 the customer’s active hold, placed earlier (`existing: true`): one active hold per customer per sale, so a retry is safe.',
    '- 409 `sold_out`: nothing remains (held units come back when their checkout does not complete). 409 `not_live`: not started yet, or over.',
    '- 403 `over_limit`: the customer’s held and bought units would exceed `perCustomerLimit`.',
    '- 429 `rate_limited` with Retry-After: more than 30 requests in 10 s from one IP, or 5 in 10 s from one customer.',
    '- 503 `gate_unavailable` with Retry-After: the stock gate (Redis, or the database) cannot be reached; buying pauses and never oversells. Retry after the given seconds.',
  ].join('\n'),
  auth: 'none',
  limit: 'flashHoldIp',
  params,
  body: reserveHoldInput,
  responses: {
    201: { description: 'The hold was placed.', schema: flashHoldSchema },
    200: { description: 'The customer already holds units of this sale: that hold.', schema: flashHoldSchema },
  },
  errors: [400, 403, 404, 409, 413, 415, 429, 503],
  async handle({ db, req, params, body, limit }) {
    const actor = await apiActor(req.headers.get('cookie'));
    const fromCookie = verifyGuestCookie(cookieFromHeader(req.headers.get('cookie'), GUEST_COOKIE));
    const newGuest = !actor && !fromCookie ? newGuestKey() : null;
    const customerKey = customerKeyOf(actor?.userId, fromCookie ?? newGuest)!;
    // A new guest has no history to limit by: the per-IP limit covers them.
    if (!newGuest) await limit('flashHoldCustomer', customerKey);

    let outcome: Awaited<ReturnType<typeof placeHold>>;
    try {
      outcome = await placeHold(db, { saleId: params.id, customerKey, quantity: body.quantity });
    } catch (err) {
      paused(err);
    }
    if (outcome.kind === 'refused') {
      throw new ApiError(outcome.reason === 'over_limit' ? 403 : 409, outcome.reason, outcome.message, outcome.reason === 'over_limit' ? { perCustomerLimit: outcome.perCustomerLimit } : undefined);
    }
    const hold = {
      holdId: outcome.holdId,
      saleId: params.id,
      expiresAt: iso(outcome.expiresAt),
      checkoutUrl: absoluteUrl(`/checkout/flash/${outcome.holdId}`),
      existing: outcome.kind === 'existing',
    };
    return { status: outcome.kind === 'created' ? 201 : 200, body: hold, headers: newGuest ? { 'Set-Cookie': guestSetCookie(newGuest) } : undefined };
  },
});
