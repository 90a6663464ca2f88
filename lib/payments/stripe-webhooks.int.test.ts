import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import Stripe from 'stripe';
import { describe, expect, it } from 'vitest';
import { carts } from '@/db/schema/cart';
import { checkouts, type QuoteSnapshot } from '@/db/schema/checkout';
import { paymentEvents, payments, type PaymentStatus } from '@/db/schema/payments';
import type { Db } from '@/lib/platform/db';
import { BACKENDS, useTestDatabase } from '@/test/db';
import type { PaymentProvider } from './provider';
import { handleStripeWebhook, type StripeWebhookDeps } from './stripe-webhooks';

const SECRET = 'whsec_test_secret_for_webhooks';
const AMOUNT = 5000;

const quote: QuoteSnapshot = { currency: 'USD', subtotal: AMOUNT, shipping: 0, tax: 0, discount: 0, total: AMOUNT, stores: [] };

/** A checkout and its Stripe payment, as the saga would have left them. */
async function paymentFixture(db: Db, opts: { status?: PaymentStatus; checkoutStatus?: 'processing' | 'requires_action' | 'completed' | 'failed'; ref?: string | null } = {}) {
  const [cart] = await db.insert(carts).values({}).returning();
  const [c] = await db
    .insert(checkouts)
    .values({
      idempotencyKey: randomUUID(),
      requestHash: 'h',
      cartId: cart!.id,
      email: 'buyer@example.com',
      status: opts.checkoutStatus ?? 'requires_action',
      shippingAddress: { name: 'Ada', line1: '1 Main St', city: 'Springfield', postalCode: '12345', country: 'US' },
      quote,
      total: AMOUNT,
      paymentProvider: 'stripe',
      paymentMethod: 'pm_card_visa',
    })
    .returning();
  const ref = opts.ref === undefined ? `pi_${randomUUID().replaceAll('-', '').slice(0, 24)}` : opts.ref;
  const [p] = await db
    .insert(payments)
    .values({ checkoutId: c!.id, provider: 'stripe', providerRef: ref, status: opts.status ?? 'requires_action', amount: AMOUNT, currency: 'USD' })
    .returning();
  return { checkoutId: c!.id, paymentId: p!.id, ref: ref ?? `pi_unknown_${p!.id.slice(0, 8)}` };
}

type PI = { ref: string; paymentId: string; checkoutId?: string };

function intent(p: PI, status: string, extra: Record<string, unknown> = {}) {
  return {
    id: p.ref,
    object: 'payment_intent',
    amount: AMOUNT,
    amount_capturable: status === 'requires_capture' ? AMOUNT : 0,
    amount_received: status === 'succeeded' ? AMOUNT : 0,
    capture_method: 'manual',
    client_secret: `${p.ref}_secret_shh`,
    currency: 'usd',
    created: 1_700_000_000,
    livemode: false,
    metadata: { payment_id: p.paymentId, checkout_id: p.checkoutId ?? '' },
    next_action: null,
    last_payment_error: null,
    latest_charge: null,
    status,
    ...extra,
  };
}

function stripeEvent(type: string, object: unknown, id = `evt_${randomUUID().replaceAll('-', '')}`) {
  return { id, object: 'event', api_version: Stripe.API_VERSION, created: Math.floor(Date.now() / 1000), livemode: false, pending_webhooks: 1, request: { id: null, idempotency_key: null }, type, data: { object } };
}

/** A delivery as Stripe makes it: the exact body and its signature header. */
function signed(event: unknown, opts: { secret?: string; timestamp?: number } = {}) {
  const payload = JSON.stringify(event);
  const header = Stripe.webhooks.generateTestHeaderString({ payload, secret: opts.secret ?? SECRET, timestamp: opts.timestamp });
  return { payload, header };
}

const request = (payload: string, header: string | null) =>
  new Request('http://localhost/api/webhooks/stripe', { method: 'POST', body: payload, headers: { 'content-type': 'application/json', ...(header ? { 'stripe-signature': header } : {}) } });

function harness(db: Db, over: Partial<StripeWebhookDeps> = {}) {
  const sent: { name: string; data: Record<string, unknown> }[] = [];
  const voided: { ref: string; key: string }[] = [];
  const deferred: Promise<void>[] = [];
  const provider = { name: 'stripe', void: async (ref: string, key: string) => (voided.push({ ref, key }), { ref, status: 'voided', amount: AMOUNT, amountCaptured: 0, amountRefunded: 0 }) } as unknown as PaymentProvider;
  const deps: StripeWebhookDeps = {
    db,
    env: { STRIPE_WEBHOOK_SECRET: SECRET },
    send: async (e) => void sent.push(e),
    provider: async () => provider,
    defer: (task) => void deferred.push(task()),
    ...over,
  };
  const deliver = async (event: unknown, opts?: { secret?: string; timestamp?: number }) => {
    const { payload, header } = signed(event, opts);
    const res = await handleStripeWebhook(request(payload, header), deps);
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };
  return { deps, sent, voided, deliver, settle: () => Promise.all(deferred) };
}

async function paymentRow(db: Db, id: string) {
  const [p] = await db.select().from(payments).where(eq(payments.id, id));
  return p!;
}

const eventRows = (db: Db, eventId: string) => db.select().from(paymentEvents).where(eq(paymentEvents.eventId, eventId));

describe.each(BACKENDS)('Stripe webhooks (%s)', (backend) => {
  const t = useTestDatabase(backend, { poolSize: 16 });

  it('a valid event is recorded with its effect, and wakes the checkout waiting on 3-D Secure', async () => {
    const { db } = t();
    const f = await paymentFixture(db);
    const h = harness(db);
    const ev = stripeEvent('payment_intent.amount_capturable_updated', intent(f, 'requires_capture'));

    const res = await h.deliver(ev);
    expect(res).toEqual({ status: 200, body: { received: true } });
    expect(await paymentRow(db, f.paymentId)).toMatchObject({ status: 'authorized', providerRef: f.ref });
    const rows = await eventRows(db, ev.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ provider: 'stripe', type: 'payment_intent.amount_capturable_updated', paymentId: f.paymentId });
    // The stored payload keeps everything but the client secret.
    expect((rows[0]!.payload as { data: { object: { client_secret: string; id: string } } }).data.object).toMatchObject({ id: f.ref, client_secret: '[redacted]' });
    expect(h.sent).toEqual([{ name: 'payments/authentication.completed', data: { checkoutId: f.checkoutId, outcome: 'succeeded' } }]);
  });

  it('the same event delivered three times: one row, one effect', async () => {
    const { db } = t();
    const f = await paymentFixture(db, { status: 'authorized', checkoutStatus: 'processing' });
    const h = harness(db);
    const ev = stripeEvent('payment_intent.succeeded', intent(f, 'succeeded'));

    const answers = [await h.deliver(ev), await h.deliver(ev), await h.deliver(ev)];
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200]);
    expect(answers.map((a) => a.body.duplicate ?? false)).toEqual([false, true, true]);
    expect(await eventRows(db, ev.id)).toHaveLength(1);
    const p = await paymentRow(db, f.paymentId);
    expect(p).toMatchObject({ status: 'captured', amountCaptured: AMOUNT, amountRefunded: 0 });
    expect(h.sent).toEqual([]); // it was not waiting on 3-D Secure
  });

  it('a refund event replayed three times refunds once (amounts are the charge’s totals, never added up)', async () => {
    const { db } = t();
    const f = await paymentFixture(db, { status: 'captured', checkoutStatus: 'completed' });
    await db.update(payments).set({ amountCaptured: AMOUNT }).where(eq(payments.id, f.paymentId));
    const h = harness(db);
    const charge = { id: 'ch_1', object: 'charge', amount: AMOUNT, amount_captured: AMOUNT, amount_refunded: 2000, payment_intent: f.ref, metadata: { payment_id: f.paymentId } };
    const ev = stripeEvent('charge.refunded', charge);
    for (let i = 0; i < 3; i++) expect((await h.deliver(ev)).status).toBe(200);
    expect(await eventRows(db, ev.id)).toHaveLength(1);
    expect(await paymentRow(db, f.paymentId)).toMatchObject({ status: 'partially_refunded', amountCaptured: AMOUNT, amountRefunded: 2000 });

    const full = stripeEvent('charge.refunded', { ...charge, amount_refunded: AMOUNT });
    expect((await h.deliver(full)).status).toBe(200);
    expect(await paymentRow(db, f.paymentId)).toMatchObject({ status: 'refunded', amountRefunded: AMOUNT });
  });

  it('a redelivery while the checkout still waits wakes it again (the first send may have been lost)', async () => {
    const { db } = t();
    const f = await paymentFixture(db);
    let fail = true;
    const sent: unknown[] = [];
    const h = harness(db, {
      send: async (e) => {
        if (fail) throw new Error('event bus down');
        sent.push(e);
      },
    });
    const ev = stripeEvent('payment_intent.amount_capturable_updated', intent(f, 'requires_capture'));
    // Recorded, but the wake-up failed: a 5xx so Stripe delivers again.
    expect((await h.deliver(ev)).status).toBe(500);
    expect(await eventRows(db, ev.id)).toHaveLength(1);
    fail = false;
    expect(await h.deliver(ev)).toMatchObject({ status: 200, body: { duplicate: true } });
    expect(sent).toEqual([{ name: 'payments/authentication.completed', data: { checkoutId: f.checkoutId, outcome: 'succeeded' } }]);
    expect(await eventRows(db, ev.id)).toHaveLength(1);
  });

  it('events out of order: succeeded before amount_capturable_updated stays captured', async () => {
    const { db } = t();
    const f = await paymentFixture(db, { status: 'requires_action' });
    const h = harness(db);
    const captured = stripeEvent('payment_intent.succeeded', intent(f, 'succeeded'));
    const authorized = stripeEvent('payment_intent.amount_capturable_updated', intent(f, 'requires_capture'));
    const actionNeeded = stripeEvent('payment_intent.requires_action', intent(f, 'requires_action'));

    expect((await h.deliver(captured)).status).toBe(200);
    expect((await h.deliver(authorized)).status).toBe(200);
    expect((await h.deliver(actionNeeded)).status).toBe(200);
    expect(await paymentRow(db, f.paymentId)).toMatchObject({ status: 'captured', amountCaptured: AMOUNT });
    // All three are on record, each once.
    expect(await db.select().from(paymentEvents).where(eq(paymentEvents.paymentId, f.paymentId))).toHaveLength(3);
  });

  it('events out of order: canceled before amount_capturable_updated stays voided, and Stripe is told to cancel (a no-op there)', async () => {
    const { db } = t();
    const f = await paymentFixture(db, { status: 'requires_action', checkoutStatus: 'processing' });
    const h = harness(db);
    expect((await h.deliver(stripeEvent('payment_intent.canceled', intent(f, 'canceled')))).status).toBe(200);
    expect((await h.deliver(stripeEvent('payment_intent.amount_capturable_updated', intent(f, 'requires_capture')))).status).toBe(200);
    await h.settle();
    expect(await paymentRow(db, f.paymentId)).toMatchObject({ status: 'voided' });
    expect(h.voided).toEqual([{ ref: f.ref, key: `void-orphan:${f.ref}` }]);
  });

  it('an authorization that turns up for a payment compensation already closed is cancelled', async () => {
    const { db } = t();
    // Compensation found nothing (search lag) and closed the row without a reference.
    const f = await paymentFixture(db, { status: 'voided', checkoutStatus: 'failed', ref: null });
    const h = harness(db);
    const res = await h.deliver(stripeEvent('payment_intent.amount_capturable_updated', intent(f, 'requires_capture')));
    expect(res.status).toBe(200);
    await h.settle();
    expect(h.voided).toEqual([{ ref: f.ref, key: `void-orphan:${f.ref}` }]);
    expect(await paymentRow(db, f.paymentId)).toMatchObject({ status: 'voided' });
    expect(h.sent).toEqual([]);
  });

  it('a failed 3-D Secure check fails the payment and wakes the checkout with outcome failed', async () => {
    const { db } = t();
    const f = await paymentFixture(db);
    const h = harness(db);
    const failed = intent(f, 'requires_payment_method', {
      last_payment_error: { type: 'invalid_request_error', code: 'payment_intent_authentication_failure', message: 'We are unable to authenticate your payment method.' },
    });
    expect((await h.deliver(stripeEvent('payment_intent.payment_failed', failed))).status).toBe(200);
    expect(await paymentRow(db, f.paymentId)).toMatchObject({ status: 'failed', failureCode: 'authentication_failed' });
    expect(h.sent).toEqual([{ name: 'payments/authentication.completed', data: { checkoutId: f.checkoutId, outcome: 'failed' } }]);
    await h.settle();
    expect(h.voided).toEqual([]);
  });

  it('processing is recorded without changing the payment', async () => {
    const { db } = t();
    const f = await paymentFixture(db, { status: 'authorized', checkoutStatus: 'processing' });
    const h = harness(db);
    const ev = stripeEvent('payment_intent.processing', intent(f, 'processing'));
    expect(await h.deliver(ev)).toMatchObject({ status: 200 });
    expect(await eventRows(db, ev.id)).toHaveLength(1);
    expect(await paymentRow(db, f.paymentId)).toMatchObject({ status: 'authorized' });
  });

  it('a tampered body is refused and nothing is recorded', async () => {
    const { db } = t();
    const f = await paymentFixture(db, { status: 'authorized', checkoutStatus: 'processing' });
    const h = harness(db);
    const ev = stripeEvent('payment_intent.succeeded', intent(f, 'succeeded'));
    const { payload, header } = signed(ev);
    const tampered = payload.replace(`"amount_received":${AMOUNT}`, '"amount_received":1');
    expect(tampered).not.toBe(payload);
    const res = await handleStripeWebhook(request(tampered, header), h.deps);
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: { code: 'invalid_signature', message: expect.any(String) } });
    expect(await eventRows(db, ev.id)).toHaveLength(0);
    expect(await paymentRow(db, f.paymentId)).toMatchObject({ status: 'authorized', amountCaptured: 0 });
  });

  it('the wrong secret is refused', async () => {
    const { db } = t();
    const f = await paymentFixture(db, { status: 'authorized', checkoutStatus: 'processing' });
    const h = harness(db);
    const ev = stripeEvent('payment_intent.succeeded', intent(f, 'succeeded'));
    expect(await h.deliver(ev, { secret: 'whsec_someone_else' })).toMatchObject({ status: 400, body: { error: { code: 'invalid_signature' } } });
    expect(await eventRows(db, ev.id)).toHaveLength(0);
    expect(await paymentRow(db, f.paymentId)).toMatchObject({ status: 'authorized' });
  });

  it('a signature older than 5 minutes is refused (replay); one just inside the window is accepted', async () => {
    const { db } = t();
    const f = await paymentFixture(db, { status: 'authorized', checkoutStatus: 'processing' });
    const h = harness(db);
    const now = Math.floor(Date.now() / 1000);
    const ev = stripeEvent('payment_intent.succeeded', intent(f, 'succeeded'));
    expect(await h.deliver(ev, { timestamp: now - 301 })).toMatchObject({ status: 400, body: { error: { code: 'invalid_signature' } } });
    expect(await eventRows(db, ev.id)).toHaveLength(0);
    expect(await paymentRow(db, f.paymentId)).toMatchObject({ status: 'authorized' });
    expect(await h.deliver(ev, { timestamp: now - 240 })).toMatchObject({ status: 200 });
    expect(await paymentRow(db, f.paymentId)).toMatchObject({ status: 'captured' });
  });

  it('a missing signature header, a body that is not JSON, and an unconfigured secret', async () => {
    const { db } = t();
    const h = harness(db);
    const ev = stripeEvent('payment_intent.succeeded', { id: 'pi_x', object: 'payment_intent', status: 'succeeded', metadata: {} });
    let res = await handleStripeWebhook(request(JSON.stringify(ev), null), h.deps);
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('missing_signature');

    const junk = 'not json at all';
    res = await handleStripeWebhook(request(junk, Stripe.webhooks.generateTestHeaderString({ payload: junk, secret: SECRET })), h.deps);
    expect(res.status).toBe(400);

    const { payload, header } = signed(ev);
    res = await handleStripeWebhook(request(payload, header), { ...h.deps, env: {} });
    expect(res.status).toBe(503);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('webhooks_not_configured');
    expect(await eventRows(db, ev.id)).toHaveLength(0);
  });

  it('an event for a payment that is not ours is acknowledged and recorded', async () => {
    const { db } = t();
    const h = harness(db);
    const stranger = { ref: 'pi_from_another_app', paymentId: randomUUID() };
    const ev = stripeEvent('payment_intent.amount_capturable_updated', intent(stranger, 'requires_capture'));
    expect(await h.deliver(ev)).toEqual({ status: 200, body: { received: true, matched: false } });
    const rows = await eventRows(db, ev.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.paymentId).toBeNull();
    // No metadata at all (created outside this app) is the same.
    const bare = stripeEvent('payment_intent.succeeded', { ...intent(stranger, 'succeeded'), id: 'pi_bare', metadata: {} });
    expect((await h.deliver(bare)).status).toBe(200);
    expect(await eventRows(db, bare.id)).toHaveLength(1);
    await h.settle();
    expect(h.voided).toEqual([]);
    expect(h.sent).toEqual([]);
  });

  it('an event type we do not handle is acknowledged, not recorded', async () => {
    const { db } = t();
    const h = harness(db);
    const ev = stripeEvent('customer.created', { id: 'cus_1', object: 'customer' });
    expect(await h.deliver(ev)).toEqual({ status: 200, body: { received: true, ignored: true } });
    expect(await eventRows(db, ev.id)).toHaveLength(0);
  });

  it('the same event delivered 10 times at once: one row, one effect, one wake-up', async () => {
    const { db } = t();
    const f = await paymentFixture(db, { checkoutStatus: 'processing' });
    const h = harness(db);
    const ev = stripeEvent('payment_intent.amount_capturable_updated', intent(f, 'requires_capture'));
    const answers = await Promise.all(Array.from({ length: 10 }, () => h.deliver(ev)));
    expect(answers.map((a) => a.status)).toEqual(Array(10).fill(200));
    expect(answers.filter((a) => !a.body.duplicate)).toHaveLength(1);
    expect(await eventRows(db, ev.id)).toHaveLength(1);
    expect(await paymentRow(db, f.paymentId)).toMatchObject({ status: 'authorized' });
    expect(h.sent).toHaveLength(1);
  });

  it('different events for one payment delivered at once all land, and the result is the newest state', async () => {
    const { db } = t();
    const f = await paymentFixture(db, { checkoutStatus: 'processing' });
    const h = harness(db);
    const evs = [
      stripeEvent('payment_intent.requires_action', intent(f, 'requires_action')),
      stripeEvent('payment_intent.amount_capturable_updated', intent(f, 'requires_capture')),
      stripeEvent('payment_intent.succeeded', intent(f, 'succeeded')),
    ];
    const answers = await Promise.all([...evs, ...evs].map((e) => h.deliver(e)));
    expect(answers.filter((a) => a.status !== 200)).toEqual([]);
    expect(await db.select().from(paymentEvents).where(eq(paymentEvents.paymentId, f.paymentId))).toHaveLength(3);
    expect(await paymentRow(db, f.paymentId)).toMatchObject({ status: 'captured', amountCaptured: AMOUNT });
  });
});
