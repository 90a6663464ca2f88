import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GET as getCheckout } from '@/app/api/v1/checkout/[id]/route';
import { POST as postCheckout } from '@/app/api/v1/checkout/route';
import { GET as getOrder } from '@/app/api/v1/orders/[id]/route';
import { POST as addItem } from '@/app/api/v1/carts/[id]/items/route';
import { POST as createCart } from '@/app/api/v1/carts/route';
import { users } from '@/db/schema/accounts';
import { carts } from '@/db/schema/cart';
import { apiIdempotencyKeys, checkouts } from '@/db/schema/checkout';
import { inventoryLevels, reservations } from '@/db/schema/inventory';
import { orders } from '@/db/schema/orders';
import { payments, testProviderIntents, testProviderOperations } from '@/db/schema/payments';
import type { Actor } from '@/lib/accounts/permissions';
import { createTestProvider } from '@/lib/payments/test-provider';
import { CARDS, insertSellable } from '@/test/checkout-fixtures';
import { startInProcessSaga, stopInProcessSaga } from '@/test/saga';
import { BACKENDS, useTestDatabase } from '@/test/db';
import { setApiDepsForTests } from './context';
import { setApiLimitsForTests } from './limits';
import { checkoutSchema, createdCartSchema, orderSchema } from './schemas';
import { call } from './test-client';

const address = { fullName: 'Ada Buyer', line1: '1 Main St', city: 'Springfield', region: 'CA', postalCode: '94000', country: 'US' };
const body = (cartId: string, card: string = CARDS.ok, email = 'buyer@example.com') => ({ cartId, email, shippingAddress: address, payment: { provider: 'test', card } });
const HIGH = { limit: 100_000, windowMs: 60_000 };
const HIGH_LIMITS = { read: HIGH, write: HIGH, checkoutIp: HIGH, checkoutCart: HIGH };

describe.each(BACKENDS)('API v1 checkout (%s)', (backend) => {
  const t = useTestDatabase(backend, { poolSize: 30 });
  let actor: Actor | null = null;

  beforeAll(() => {
    setApiDepsForTests({ db: async () => t().db, actor: async () => actor });
    setApiLimitsForTests(HIGH_LIMITS);
    startInProcessSaga({ db: t().db, provider: createTestProvider(t().db, { timeoutMs: 20 }) });
  });
  afterAll(() => {
    setApiDepsForTests(undefined);
    setApiLimitsForTests(undefined);
    stopInProcessSaga();
  });

  /** A token cart holding `quantity` of a fresh product with `stock` units. */
  async function apiCart(stock = 10, quantity = 1) {
    const f = await insertSellable(t().db, [stock]);
    const created = createdCartSchema.parse((await call(createCart, 'POST', '/carts')).json());
    const added = await call(addItem, 'POST', `/carts/${created.id}/items`, { params: { id: created.id }, token: created.token, body: { variantId: f.variantIds[0], quantity } });
    expect(added.status).toBe(200);
    return { ...created, variantId: f.variantIds[0]!, productId: f.productId };
  }
  const checkout = (cart: { id: string; token: string }, key: string | null, payload: unknown = body(cart.id), extra: Record<string, string> = {}) =>
    call(postCheckout, 'POST', '/checkout', { token: cart.token, body: payload, headers: { ...(key ? { 'idempotency-key': key } : {}), ...extra } });
  const units = async (variantId: string) =>
    (await t().db.select({ onHand: sql<number>`sum(${inventoryLevels.onHand})::int`, reserved: sql<number>`sum(${inventoryLevels.reserved})::int` }).from(inventoryLevels).where(eq(inventoryLevels.variantId, variantId)))[0]!;
  const checkoutsOf = (cartId: string) => t().db.select().from(checkouts).where(eq(checkouts.cartId, cartId));
  const intentsOf = (checkoutId: string) => t().db.select().from(testProviderIntents).where(sql`${testProviderIntents.metadata}->>'checkoutId' = ${checkoutId}`);

  it('pays with the test card: 201 with the order and links, the cart is closed, stock is taken', async () => {
    const cart = await apiCart(10, 2);
    const res = await checkout(cart, `ok-${randomUUID()}`);
    expect(res.status, res.text).toBe(201);
    const c = checkoutSchema.parse(res.json());
    expect(c).toMatchObject({ status: 'completed', currency: 'USD', email: 'buyer@example.com', failure: null });
    expect(c.order!.number).toMatch(/^MK-/);
    expect(c.order!.href).toBe(`/api/v1/orders/${c.order!.id}`);
    expect(c.order!.url).toContain(`/orders/${c.order!.number}?t=`);
    expect(res.headers.get('idempotent-replayed')).toBeNull();
    expect((await t().db.select().from(carts).where(eq(carts.id, cart.id)))[0]!.status).toBe('converted');
    expect(await units(cart.variantId)).toEqual({ onHand: 8, reserved: 0 });

    const polled = await call(getCheckout, 'GET', `/checkout/${c.id}`, { params: { id: c.id }, token: cart.token });
    expect(polled.status).toBe(200);
    expect(polled.json()).toMatchObject({ id: c.id, status: 'completed', order: { id: c.order!.id } });
  });

  it('replays the original status and body byte for byte; the same key with another body is a 422', async () => {
    const cart = await apiCart();
    const key = `replay-${randomUUID()}`;
    const first = await checkout(cart, key);
    expect(first.status).toBe(201);
    // Same request, keys in another order and other whitespace: still the same request.
    const reordered = JSON.stringify({ payment: { card: CARDS.ok, provider: 'test' }, shippingAddress: address, email: 'buyer@example.com', cartId: cart.id }, null, 2);
    for (const again of [await checkout(cart, key), await checkout(cart, key, reordered)]) {
      expect(again.status).toBe(201);
      expect(again.text).toBe(first.text);
      expect(again.headers.get('idempotent-replayed')).toBe('true');
    }
    const reused = await checkout(cart, key, body(cart.id, CARDS.ok, 'someone@example.com'));
    expect(reused.status).toBe(422);
    expect(reused.json()).toMatchObject({ error: { code: 'idempotency_key_reused' } });
    expect(await checkoutsOf(cart.id)).toHaveLength(1);
    const [stored] = await t().db.select().from(apiIdempotencyKeys).where(eq(apiIdempotencyKeys.scope, `cart:${cart.id}`));
    expect(stored).toMatchObject({ key, responseStatus: 201 });
    expect(stored!.expiresAt.getTime() - Date.now()).toBeGreaterThan(23 * 3600_000);
  });

  it('a declined card is a 402 with the failed checkout; nothing is held; a new key with a good card succeeds', async () => {
    const cart = await apiCart(3);
    const key = `declined-${randomUUID()}`;
    const declined = await checkout(cart, key, body(cart.id, CARDS.declined));
    expect(declined.status).toBe(402);
    const err = declined.json().error;
    expect(err).toMatchObject({ code: 'payment_declined', details: { checkout: { status: 'failed', order: null } } });
    const replay = await checkout(cart, key, body(cart.id, CARDS.declined));
    expect([replay.status, replay.text]).toEqual([402, declined.text]);
    expect(await t().db.select().from(orders).where(eq(orders.checkoutId, err.details.checkout.id))).toHaveLength(0);
    expect((await intentsOf(err.details.checkout.id)).every((i) => i.status !== 'authorized' && i.status !== 'captured')).toBe(true);
    expect(await units(cart.variantId)).toEqual({ onHand: 3, reserved: 0 });

    const retry = await checkout(cart, `retry-${randomUUID()}`);
    expect(retry.status).toBe(201);
    expect(await units(cart.variantId)).toEqual({ onHand: 2, reserved: 0 });
  });

  it('a stock conflict is a 409 naming the line and what is left; the replay is the same 409', async () => {
    const cart = await apiCart(6, 5);
    await t().db.update(inventoryLevels).set({ onHand: 1 }).where(eq(inventoryLevels.variantId, cart.variantId));
    const key = `conflict-${randomUUID()}`;
    const res = await checkout(cart, key);
    expect(res.status).toBe(409);
    expect(res.json().error).toMatchObject({ code: 'out_of_stock', details: { lines: [{ variantId: cart.variantId, requested: 5, available: 2 }] } });
    const replay = await checkout(cart, key);
    expect([replay.status, replay.text]).toEqual([409, res.text]);
    expect(await checkoutsOf(cart.id)).toHaveLength(0);
    expect(await t().db.select().from(reservations).where(eq(reservations.variantId, cart.variantId))).toHaveLength(0);
  });

  it('3-D Secure answers 202 with the action URL, which is not stored: the key keeps answering with the current state', async () => {
    const cart = await apiCart();
    const key = `3ds-${randomUUID()}`;
    const res = await checkout(cart, key, body(cart.id, CARDS.threeDS));
    expect(res.status).toBe(202);
    const c = checkoutSchema.parse(res.json());
    expect(c).toMatchObject({ status: 'requires_action', actionUrl: expect.any(String) });
    expect(await t().db.select().from(apiIdempotencyKeys).where(eq(apiIdempotencyKeys.scope, `cart:${cart.id}`))).toHaveLength(0);
    const again = await checkout(cart, key, body(cart.id, CARDS.threeDS));
    expect(again.status).toBe(202);
    expect(again.json().id).toBe(c.id);
    expect(await checkoutsOf(cart.id)).toHaveLength(1);
  });

  it('refuses a bad request with 4xx before anything happens', async () => {
    const cart = await apiCart();
    const missingKey = await checkout(cart, null);
    expect(missingKey.status).toBe(400);
    expect(missingKey.json().error.details.fields).toHaveProperty(['header.idempotency-key']);
    const shortKey = await checkout(cart, 'short');
    expect(shortKey.status).toBe(400);
    const invalid = await checkout(cart, `bad-${randomUUID()}`, { cartId: cart.id, email: 'not-an-email', shippingAddress: { ...address, country: 'XX' }, payment: { provider: 'test', card: 'abc' } });
    expect(invalid.status).toBe(400);
    expect(Object.keys(invalid.json().error.details.fields).sort()).toEqual(['email', 'payment.card', 'shippingAddress.country']);
    const badCard = await checkout(cart, `card-${randomUUID()}`, body(cart.id, '4242424242424241'));
    expect(badCard.status).toBe(422);
    expect(badCard.json().error.code).toBe('invalid_card');
    const noToken = await call(postCheckout, 'POST', '/checkout', { body: body(cart.id), headers: { 'idempotency-key': `nt-${randomUUID()}` } });
    expect(noToken.status).toBe(401);
    const other = await apiCart();
    const wrongToken = await checkout({ id: cart.id, token: other.token }, `wt-${randomUUID()}`);
    expect(wrongToken.status).toBe(404);
    const unknownCart = await checkout(cart, `uc-${randomUUID()}`, body(randomUUID()));
    expect(unknownCart.text).toBe(wrongToken.text);
    expect(await checkoutsOf(cart.id)).toHaveLength(0);
    expect(await t().db.select().from(apiIdempotencyKeys).where(eq(apiIdempotencyKeys.scope, `cart:${other.id}`))).toHaveLength(0);
  });

  it('50 concurrent submits with one key: one order, one authorization, one capture, 50 identical answers', async () => {
    const cart = await apiCart(10, 1);
    const key = `fifty-${randomUUID()}`;
    const results = await Promise.all(Array.from({ length: 50 }, () => checkout(cart, key)));
    expect(results.map((r) => r.status)).toEqual(Array(50).fill(201));
    expect(new Set(results.map((r) => r.text)).size).toBe(1);
    expect(results.filter((r) => r.headers.get('idempotent-replayed') === null)).toHaveLength(1);
    const all = await checkoutsOf(cart.id);
    expect(all).toHaveLength(1);
    const c = all[0];
    expect(await t().db.select().from(orders).where(eq(orders.checkoutId, c!.id))).toHaveLength(1);
    expect(await t().db.select().from(payments).where(eq(payments.checkoutId, c!.id))).toHaveLength(1);
    const intents = await intentsOf(c!.id);
    expect(intents).toHaveLength(1);
    expect(intents[0]!.status).toBe('captured');
    const captures = await t().db.select().from(testProviderOperations).where(sql`${testProviderOperations.intentId} = ${intents[0]!.id} and ${testProviderOperations.kind} = 'capture'`);
    expect(captures).toHaveLength(1);
    expect(await units(cart.variantId)).toEqual({ onHand: 9, reserved: 0 });
  });

  it('rate limits checkout per cart (and per IP) with 429 and Retry-After', async () => {
    setApiLimitsForTests({ ...HIGH_LIMITS, checkoutCart: { limit: 2, windowMs: 60_000 } });
    try {
      const cart = await apiCart();
      const statuses = [];
      // Invalid cards: refused without a checkout, so each attempt counts and nothing is bought.
      for (let i = 0; i < 3; i++) statuses.push(await checkout(cart, `rl-${i}-${randomUUID()}`, body(cart.id, '4242424242424241')));
      expect(statuses.map((r) => r.status)).toEqual([422, 422, 429]);
      expect(statuses[2]!.json().error.code).toBe('rate_limited');
      expect(Number(statuses[2]!.headers.get('retry-after'))).toBeGreaterThan(0);
      // Another cart from the same IP is not limited by this cart's counter.
      const other = await apiCart();
      expect((await checkout(other, `rl-other-${randomUUID()}`, body(other.id, '4242424242424241'))).status).toBe(422);
    } finally {
      setApiLimitsForTests(HIGH_LIMITS);
    }
  });

  it('GET /orders/{id}: the cart token, the order access token or the signed-in owner; anyone else gets 404', async () => {
    const cart = await apiCart();
    const placed = checkoutSchema.parse((await checkout(cart, `order-${randomUUID()}`)).json());
    const order = placed.order!;
    const get = (id: string, token?: string) => call(getOrder, 'GET', `/orders/${id}`, { params: { id }, token });

    const byCart = await get(order.id, cart.token);
    expect(byCart.status).toBe(200);
    expect(orderSchema.parse(byCart.json())).toMatchObject({ id: order.id, number: order.number, status: 'paid', stores: [{ items: [{ quantity: 1 }] }] });
    expect(byCart.json()).not.toHaveProperty('userId');
    expect((await get(order.id, order.accessToken)).status).toBe(200);
    expect((await get(order.number, cart.token)).json().id).toBe(order.id);

    const anonymous = await get(order.id);
    expect(anonymous.status).toBe(401);
    const other = await apiCart();
    const stranger = await get(order.id, other.token);
    const unknown = await get(randomUUID(), other.token);
    expect([stranger.status, unknown.status]).toEqual([404, 404]);
    expect(stranger.text).toBe(unknown.text);

    const [owner] = await t().db.insert(users).values({ email: `owner-${randomUUID()}@example.com` }).returning({ id: users.id });
    await t().db.update(orders).set({ userId: owner!.id }).where(eq(orders.id, order.id));
    try {
      actor = { userId: owner!.id, role: 'shopper', stores: {} };
      expect((await get(order.id)).status).toBe(200);
      actor = { userId: randomUUID(), role: 'shopper', stores: {} };
      expect((await get(order.id)).status).toBe(404);
    } finally {
      actor = null;
    }
  });
});
