import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import Stripe from 'stripe';
import { describe, expect, it } from 'vitest';
import { carts } from '@/db/schema/cart';
import { checkouts } from '@/db/schema/checkout';
import { payments } from '@/db/schema/payments';
import type { Db } from '@/lib/platform/db';
import { parseEnv } from '@/lib/platform/env';
import { BACKENDS, useTestDatabase } from '@/test/db';
import { ProviderUnavailableError } from './provider';
import { authorizePayment, capturePayment, refreshAuthorization, refundPayment, voidOrRefundPayment } from './service';
import { createStripeProvider } from './stripe-provider';
import { handleStripeWebhook } from './stripe-webhooks';

/**
 * The payments service driving the Stripe provider against a small stateful stand-in for
 * Stripe's API (no network here): PaymentIntents with manual capture, idempotency keys that
 * replay the first response, 3-D Secure, declines, search, refunds, and connections that drop
 * after Stripe acted.
 */
type Intent = {
  id: string;
  object: 'payment_intent';
  amount: number;
  amount_received: number;
  currency: string;
  capture_method: string;
  client_secret: string;
  created: number;
  status: string;
  metadata: Record<string, string>;
  next_action: unknown;
  last_payment_error: unknown;
  latest_charge: string | null;
};

function fakeStripeApi() {
  const intents = new Map<string, Intent>();
  const refunded = new Map<string, number>();
  const replies = new Map<string, { status: number; body: unknown }>();
  const log: { method: string; path: string; key: string | null }[] = [];
  let n = 0;
  // Unique across fakes: the test database is shared by the whole file.
  const prefix = randomUUID().replaceAll('-', '').slice(0, 10);
  const idOf = (k: number) => `pi_${prefix}x${k}`;
  /** Drop the connection after Stripe acted on the next N requests (the outcome is unknown to us). */
  const drops = { after: 0 };

  const charge = (pi: Intent) => ({ id: `ch_${pi.id}`, object: 'charge', amount: pi.amount, amount_captured: pi.amount_received, amount_refunded: refunded.get(pi.id) ?? 0, payment_intent: pi.id, metadata: pi.metadata });
  const view = (pi: Intent, expand: boolean) => ({ ...pi, latest_charge: expand && pi.latest_charge ? charge(pi) : pi.latest_charge });
  const unexpected = (pi: Intent, what: string) => ({ status: 400, body: { error: { type: 'invalid_request_error', code: 'payment_intent_unexpected_state', message: `This PaymentIntent could not be ${what} because it has a status of ${pi.status}.` } } });

  function act(method: string, path: string, form: URLSearchParams, query: URLSearchParams): { status: number; body: unknown } {
    const expand = [...form.entries(), ...query.entries()].some(([k, v]) => k.startsWith('expand') && v === 'latest_charge');
    if (method === 'POST' && path === '/v1/payment_intents') {
      const pm = form.get('payment_method')!;
      const pi: Intent = {
        id: idOf(++n),
        object: 'payment_intent',
        amount: Number(form.get('amount')),
        amount_received: 0,
        currency: form.get('currency')!,
        capture_method: form.get('capture_method')!,
        client_secret: `${idOf(n)}_secret`,
        created: n,
        status: 'requires_capture',
        metadata: { checkout_id: form.get('metadata[checkout_id]')!, payment_id: form.get('metadata[payment_id]')! },
        next_action: null,
        last_payment_error: null,
        latest_charge: null,
      };
      intents.set(pi.id, pi);
      if (pm === 'pm_card_chargeDeclined') {
        pi.status = 'requires_payment_method';
        pi.last_payment_error = { type: 'card_error', code: 'card_declined', decline_code: 'generic_decline', message: 'Your card was declined.' };
        return { status: 402, body: { error: { type: 'card_error', code: 'card_declined', decline_code: 'generic_decline', message: 'Your card was declined.', payment_intent: pi } } };
      }
      if (pm === 'pm_card_threeDSecure2Required') {
        pi.status = 'requires_action';
        pi.next_action = { type: 'redirect_to_url', redirect_to_url: { url: `https://hooks.stripe.test/3ds/${pi.id}`, return_url: form.get('return_url') } };
      } else {
        pi.latest_charge = `ch_${pi.id}`;
      }
      return { status: 200, body: view(pi, expand) };
    }
    if (method === 'GET' && path === '/v1/payment_intents/search') {
      const id = /metadata\['payment_id'\]:'([^']+)'/.exec(query.get('query') ?? '')?.[1];
      return { status: 200, body: { object: 'search_result', data: [...intents.values()].filter((pi) => pi.metadata.payment_id === id), has_more: false, next_page: null } };
    }
    const m = /^\/v1\/payment_intents\/(pi_\w+?)(?:\/(capture|cancel))?$/.exec(path);
    if (m) {
      const pi = intents.get(m[1]!);
      if (!pi) return { status: 404, body: { error: { type: 'invalid_request_error', code: 'resource_missing', message: 'No such payment_intent' } } };
      if (method === 'GET') return { status: 200, body: view(pi, expand) };
      if (m[2] === 'capture') {
        if (pi.status !== 'requires_capture') return unexpected(pi, 'captured');
        pi.status = 'succeeded';
        pi.amount_received = Number(form.get('amount_to_capture') ?? pi.amount);
        return { status: 200, body: view(pi, expand) };
      }
      if (!['requires_capture', 'requires_action', 'requires_payment_method'].includes(pi.status)) return unexpected(pi, 'canceled');
      pi.status = 'canceled';
      return { status: 200, body: view(pi, expand) };
    }
    if (method === 'POST' && path === '/v1/refunds') {
      const pi = intents.get(form.get('payment_intent')!)!;
      const amount = Number(form.get('amount'));
      refunded.set(pi.id, (refunded.get(pi.id) ?? 0) + amount);
      return { status: 200, body: { id: `re_${++n}`, object: 'refund', amount, status: 'succeeded', payment_intent: pi.id } };
    }
    throw new Error(`fake Stripe: no route for ${method} ${path}`);
  }

  const fetchFn = async (url: string | URL | Request, init?: RequestInit) => {
    const u = new URL(String(url));
    const method = init?.method ?? 'GET';
    const key = new Headers(init?.headers).get('idempotency-key');
    log.push({ method, path: u.pathname, key });
    const form = new URLSearchParams(typeof init?.body === 'string' ? init.body : '');
    const replayKey = key && !key.startsWith('stripe-node-retry') ? `${key}` : null;
    let reply = replayKey ? replies.get(replayKey) : undefined;
    if (!reply) {
      reply = act(method, u.pathname, form, u.searchParams);
      if (replayKey && method === 'POST') replies.set(replayKey, reply);
    }
    if (drops.after > 0) {
      drops.after--;
      throw new TypeError('fetch failed: socket hang up');
    }
    return new Response(JSON.stringify(reply.body), { status: reply.status, headers: { 'content-type': 'application/json', 'request-id': 'req_fake' } });
  };

  const stripe = new Stripe('sk_test_fake', { httpClient: Stripe.createFetchHttpClient(fetchFn), maxNetworkRetries: 0 });
  return {
    stripe,
    /** The id of the k-th intent this fake created. */
    id: idOf,
    intents,
    log,
    drops,
    /** The shopper passes (or fails) the 3-D Secure challenge on Stripe's page. */
    authenticate(id: string, ok: boolean) {
      const pi = intents.get(id)!;
      pi.next_action = null;
      if (ok) {
        pi.status = 'requires_capture';
        pi.latest_charge = `ch_${pi.id}`;
      } else {
        pi.status = 'requires_payment_method';
        pi.last_payment_error = { type: 'invalid_request_error', code: 'payment_intent_authentication_failure', message: 'We are unable to authenticate your payment method.' };
      }
      return pi;
    },
  };
}

const SECRET = 'whsec_service_test';
const RETURN_URL = 'https://shop.example/checkout/return';

async function checkoutFixture(db: Db, paymentMethod: string, total = 7300) {
  const [cart] = await db.insert(carts).values({}).returning();
  const [c] = await db
    .insert(checkouts)
    .values({
      idempotencyKey: randomUUID(),
      requestHash: 'h',
      cartId: cart!.id,
      email: 'buyer@example.com',
      shippingAddress: { name: 'Ada', line1: '1 Main St', city: 'Springfield', postalCode: '12345', country: 'US' },
      quote: { currency: 'USD', subtotal: total, shipping: 0, tax: 0, discount: 0, total, stores: [] },
      total,
      paymentProvider: 'stripe',
      paymentMethod,
    })
    .returning();
  return c!.id;
}

const paymentOf = async (db: Db, checkoutId: string) => (await db.select().from(payments).where(eq(payments.checkoutId, checkoutId)))[0]!;

async function deliver(db: Db, type: string, object: unknown, sent: unknown[] = []) {
  const payload = JSON.stringify({ id: `evt_${randomUUID()}`, object: 'event', type, created: Math.floor(Date.now() / 1000), livemode: false, data: { object } });
  const req = new Request('http://localhost/api/webhooks/stripe', { method: 'POST', body: payload, headers: { 'stripe-signature': Stripe.webhooks.generateTestHeaderString({ payload, secret: SECRET }) } });
  const res = await handleStripeWebhook(req, { db, env: { STRIPE_WEBHOOK_SECRET: SECRET }, send: async (e) => void sent.push(e), defer: () => {} });
  return res.status;
}

describe.each(BACKENDS)('payments service with the Stripe provider (%s)', (backend) => {
  const t = useTestDatabase(backend);
  const env = parseEnv({ NODE_ENV: 'test' });

  it('a plain card: authorize (manual capture), capture once, refund in parts', async () => {
    const { db } = t();
    const api = fakeStripeApi();
    const provider = createStripeProvider(env, { stripe: api.stripe });
    const checkoutId = await checkoutFixture(db, 'pm_card_visa');

    expect(await authorizePayment(db, provider, checkoutId, RETURN_URL)).toMatchObject({ status: 'authorized' });
    let p = await paymentOf(db, checkoutId);
    expect(p).toMatchObject({ status: 'authorized', providerRef: api.id(1), provider: 'stripe' });
    expect(api.intents.get(api.id(1))).toMatchObject({ capture_method: 'manual', amount: 7300, metadata: { checkout_id: checkoutId, payment_id: p.id } });

    // A second authorize (a retried step) is answered from our row: no second intent.
    await authorizePayment(db, provider, checkoutId, RETURN_URL);
    expect(api.intents.size).toBe(1);

    p = await capturePayment(db, provider, checkoutId);
    expect(p).toMatchObject({ status: 'captured', amountCaptured: 7300 });
    expect(await capturePayment(db, provider, checkoutId)).toMatchObject({ status: 'captured' });
    expect(api.log.filter((r) => r.path.endsWith('/capture')).map((r) => r.key)).toEqual([`capture:${p.id}`]);

    await refundPayment(db, provider, { paymentId: p.id, amount: 3000, reason: 'return', idempotencyKey: 'return:line-1' });
    await refundPayment(db, provider, { paymentId: p.id, amount: 3000, reason: 'return', idempotencyKey: 'return:line-1' });
    expect(await paymentOf(db, checkoutId)).toMatchObject({ status: 'partially_refunded', amountRefunded: 3000 });
    await refundPayment(db, provider, { paymentId: p.id, amount: 4300, reason: 'return', idempotencyKey: 'return:line-2' });
    expect(await paymentOf(db, checkoutId)).toMatchObject({ status: 'refunded', amountRefunded: 7300 });
    expect(api.log.filter((r) => r.path === '/v1/refunds')).toHaveLength(2);
  });

  it('a declined card: the payment fails with Stripe’s decline code', async () => {
    const { db } = t();
    const api = fakeStripeApi();
    const provider = createStripeProvider(env, { stripe: api.stripe });
    const checkoutId = await checkoutFixture(db, 'pm_card_chargeDeclined');
    expect(await authorizePayment(db, provider, checkoutId, RETURN_URL)).toMatchObject({ status: 'declined', code: 'generic_decline', message: 'Your card was declined.' });
    expect(await paymentOf(db, checkoutId)).toMatchObject({ status: 'failed', providerRef: api.id(1), failureCode: 'generic_decline' });
    // Compensation finds nothing to cancel on a failed intent.
    expect(await voidOrRefundPayment(db, provider, checkoutId, 'payment_declined')).toMatchObject({ status: 'failed' });
  });

  it('3-D Secure: requires_action, then the webhook authorizes and wakes the checkout; the saga’s refresh agrees', async () => {
    const { db } = t();
    const api = fakeStripeApi();
    const provider = createStripeProvider(env, { stripe: api.stripe });
    const checkoutId = await checkoutFixture(db, 'pm_card_threeDSecure2Required');
    await db.update(checkouts).set({ status: 'requires_action' }).where(eq(checkouts.id, checkoutId));

    const first = await authorizePayment(db, provider, checkoutId, RETURN_URL);
    expect(first).toMatchObject({ status: 'requires_action', actionUrl: `https://hooks.stripe.test/3ds/${api.id(1)}`, clientSecret: `${api.id(1)}_secret` });
    expect(api.log[0]!.key).toMatch(/^authorize:/);

    const sent: unknown[] = [];
    const pi = api.authenticate(api.id(1), true);
    expect(await deliver(db, 'payment_intent.amount_capturable_updated', pi, sent)).toBe(200);
    expect(await paymentOf(db, checkoutId)).toMatchObject({ status: 'authorized' });
    expect(sent).toEqual([{ name: 'payments/authentication.completed', data: { checkoutId, outcome: 'succeeded' } }]);
    expect(await refreshAuthorization(db, provider, checkoutId)).toMatchObject({ status: 'authorized' });
    expect(await capturePayment(db, provider, checkoutId)).toMatchObject({ status: 'captured' });
  });

  it('3-D Secure failed: the saga’s refresh reports authentication_failed', async () => {
    const { db } = t();
    const api = fakeStripeApi();
    const provider = createStripeProvider(env, { stripe: api.stripe });
    const checkoutId = await checkoutFixture(db, 'pm_card_threeDSecure2Required');
    await authorizePayment(db, provider, checkoutId, RETURN_URL);
    api.authenticate(api.id(1), false);
    expect(await refreshAuthorization(db, provider, checkoutId)).toMatchObject({ status: 'declined', code: 'authentication_failed' });
    expect(await paymentOf(db, checkoutId)).toMatchObject({ status: 'failed', failureCode: 'authentication_failed' });
    // Nothing is held on a failed intent, so compensation leaves it as it is.
    expect(await voidOrRefundPayment(db, provider, checkoutId, 'authentication_failed')).toMatchObject({ status: 'failed' });
  });

  it('Stripe authorized but the answer was lost: the retried step replays the key and finds the same intent', async () => {
    const { db } = t();
    const api = fakeStripeApi();
    const provider = createStripeProvider(env, { stripe: api.stripe });
    const checkoutId = await checkoutFixture(db, 'pm_card_visa');
    api.drops.after = 1;
    await expect(authorizePayment(db, provider, checkoutId, RETURN_URL)).rejects.toBeInstanceOf(ProviderUnavailableError);
    expect(await paymentOf(db, checkoutId)).toMatchObject({ status: 'pending', providerRef: null });
    expect(await authorizePayment(db, provider, checkoutId, RETURN_URL)).toMatchObject({ status: 'authorized' });
    expect(api.intents.size).toBe(1);
    expect(await paymentOf(db, checkoutId)).toMatchObject({ status: 'authorized', providerRef: api.id(1) });
  });

  it('every authorize attempt lost its answer: compensation finds the intent by our id and cancels it', async () => {
    const { db } = t();
    const api = fakeStripeApi();
    const provider = createStripeProvider(env, { stripe: api.stripe });
    const checkoutId = await checkoutFixture(db, 'pm_card_visa');
    api.drops.after = 3;
    for (let i = 0; i < 3; i++) await expect(authorizePayment(db, provider, checkoutId, RETURN_URL)).rejects.toBeInstanceOf(ProviderUnavailableError);
    expect(api.intents.size).toBe(1);
    expect(api.intents.get(api.id(1))!.status).toBe('requires_capture'); // Stripe holds the money

    const p = await voidOrRefundPayment(db, provider, checkoutId, 'payment_error');
    expect(p).toMatchObject({ status: 'voided', providerRef: api.id(1) });
    expect(api.intents.get(api.id(1))!.status).toBe('canceled');
    expect(api.log.some((r) => r.path === '/v1/payment_intents/search')).toBe(true);
    expect(api.log.find((r) => r.path.endsWith('/cancel'))!.key).toBe(`void:${p!.id}`);
    // Again: a no-op.
    expect(await voidOrRefundPayment(db, provider, checkoutId, 'payment_error')).toMatchObject({ status: 'voided' });
  });

  it('after capture, compensation refunds in full once', async () => {
    const { db } = t();
    const api = fakeStripeApi();
    const provider = createStripeProvider(env, { stripe: api.stripe });
    const checkoutId = await checkoutFixture(db, 'pm_card_visa');
    await authorizePayment(db, provider, checkoutId, RETURN_URL);
    await capturePayment(db, provider, checkoutId);
    expect(await voidOrRefundPayment(db, provider, checkoutId, 'order_failed')).toMatchObject({ status: 'refunded', amountRefunded: 7300 });
    expect(await voidOrRefundPayment(db, provider, checkoutId, 'order_failed')).toMatchObject({ status: 'refunded' });
    expect(api.log.filter((r) => r.path === '/v1/refunds')).toHaveLength(1);
  });
});
