import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkouts } from '@/db/schema/checkout';
import { inventoryLevels } from '@/db/schema/inventory';
import { orders } from '@/db/schema/orders';
import { testProviderIntents, testProviderOperations } from '@/db/schema/payments';
import { addItem, createCart } from '@/lib/cart/service';
import { createTestProvider } from '@/lib/payments/test-provider';
import { assertMoneyInvariants, CARDS, insertSellable, testCheckoutRequest } from '@/test/checkout-fixtures';
import { startInProcessSaga, stopInProcessSaga } from '@/test/saga';
import { BACKENDS, useTestDatabase } from '@/test/db';
import { StockConflictError, submitCheckout } from './service';

const request = testCheckoutRequest;

describe.each(BACKENDS)('checkout through carts (%s)', (backend) => {
  const t = useTestDatabase(backend, { poolSize: 30 });

  beforeAll(() => {
    startInProcessSaga({ db: t().db, provider: createTestProvider(t().db, { timeoutMs: 20 }) });
  });
  afterAll(() => {
    stopInProcessSaga();
  });

  async function cartWith(variantId: string, quantity = 1) {
    const cartId = await createCart(t().db);
    await addItem(t().db, cartId, { variantId, quantity });
    return cartId;
  }
  const stock = async (variantId: string) =>
    (await t().db.select({ onHand: sql<number>`sum(${inventoryLevels.onHand})::int`, reserved: sql<number>`sum(${inventoryLevels.reserved})::int` }).from(inventoryLevels).where(eq(inventoryLevels.variantId, variantId)))[0]!;

  it('prices the cart, places one order and closes the cart', async () => {
    const f = await insertSellable(t().db, [6]);
    const cartId = await cartWith(f.variantIds[0]!, 2);
    const { checkout, created } = await submitCheckout(t().db, { idempotencyKey: 'key-single-0001', cartId, userId: null, request: request(), wait: 20_000 });
    expect(created).toBe(true);
    expect(checkout).toMatchObject({ status: 'completed', total: 2 * 1000 + 599 });
    expect(checkout.order?.number).toMatch(/^MK-/);
    await expect(submitCheckout(t().db, { idempotencyKey: 'key-single-0002', cartId, userId: null, request: request() })).rejects.toMatchObject({ code: 'cart_not_found' });
  });

  it('50 concurrent submits with one key: one checkout, one order, one authorization, one capture', async () => {
    const f = await insertSellable(t().db, [10]);
    const cartId = await cartWith(f.variantIds[0]!, 1);
    const results = await Promise.all(
      Array.from({ length: 50 }, () => submitCheckout(t().db, { idempotencyKey: 'same-key-for-all-50', cartId, userId: null, request: request(), wait: 20_000 })),
    );
    expect(new Set(results.map((r) => r.checkout.id)).size).toBe(1);
    expect(results.filter((r) => r.created)).toHaveLength(1);
    const [c] = await t().db.select().from(checkouts).where(eq(checkouts.idempotencyKey, 'same-key-for-all-50'));
    expect(await t().db.select().from(orders).where(eq(orders.checkoutId, c!.id))).toHaveLength(1);
    const intents = await t().db.select().from(testProviderIntents).where(sql`${testProviderIntents.metadata}->>'checkoutId' = ${c!.id}`);
    expect(intents).toHaveLength(1);
    expect(await t().db.select().from(testProviderOperations).where(sql`${testProviderOperations.intentId} = ${intents[0]!.id} and ${testProviderOperations.kind} = 'capture'`)).toHaveLength(1);
    expect(await stock(f.variantIds[0]!)).toEqual({ onHand: 9, reserved: 0 });
  });

  it('the same key with a different request is refused and changes nothing', async () => {
    const f = await insertSellable(t().db, [10]);
    const cartId = await cartWith(f.variantIds[0]!, 1);
    await submitCheckout(t().db, { idempotencyKey: 'key-reuse-000001', cartId, userId: null, request: request(CARDS.declined), wait: 20_000 });
    await expect(submitCheckout(t().db, { idempotencyKey: 'key-reuse-000001', cartId, userId: null, request: request(CARDS.ok, 'other@example.com') })).rejects.toMatchObject({ code: 'idempotency_key_reused', status: 422 });
    expect(await t().db.select().from(checkouts).where(eq(checkouts.cartId, cartId))).toHaveLength(1);
  });

  it('a declined card leaves the cart usable: a retry with a new key and a good card succeeds', async () => {
    const f = await insertSellable(t().db, [3]);
    const cartId = await cartWith(f.variantIds[0]!, 1);
    const first = await submitCheckout(t().db, { idempotencyKey: 'retry-key-000001', cartId, userId: null, request: request(CARDS.declined), wait: 20_000 });
    expect(first.checkout).toMatchObject({ status: 'failed', failure: { code: 'payment_declined' } });
    const second = await submitCheckout(t().db, { idempotencyKey: 'retry-key-000002', cartId, userId: null, request: request(CARDS.ok), wait: 20_000 });
    expect(second.checkout.status).toBe('completed');
    expect(await stock(f.variantIds[0]!)).toEqual({ onHand: 2, reserved: 0 });
  });

  it('a cart asking for more than is left is a stock conflict naming the line', async () => {
    const f = await insertSellable(t().db, [3]);
    const cartId = await cartWith(f.variantIds[0]!, 3);
    await t().db.update(inventoryLevels).set({ onHand: 1 }).where(eq(inventoryLevels.variantId, f.variantIds[0]!));
    const err = await submitCheckout(t().db, { idempotencyKey: 'conflict-key-0001', cartId, userId: null, request: request() }).catch((e) => e);
    expect(err).toBeInstanceOf(StockConflictError);
    expect(err.status).toBe(409);
    expect(err.lines).toEqual([expect.objectContaining({ variantId: f.variantIds[0], requested: 3, available: 2 })]);
  });

  it('100 buyers racing for the last 5 units: exactly 5 orders, no negative stock', async () => {
    const buyers = backend === 'postgres' ? 100 : 30;
    const f = await insertSellable(t().db, [5]);
    const carts = await Promise.all(Array.from({ length: buyers }, () => cartWith(f.variantIds[0]!, 1)));
    const results = await Promise.all(
      carts.map((cartId, i) => submitCheckout(t().db, { idempotencyKey: `race-${backend}-${i}-key`, cartId, userId: null, request: request(), wait: 60_000 })),
    );
    const statuses = results.map((r) => r.checkout.status);
    expect(statuses.filter((s) => s === 'completed')).toHaveLength(5);
    expect(statuses.filter((s) => s === 'failed')).toHaveLength(buyers - 5);
    expect(results.filter((r) => r.checkout.status === 'failed').every((r) => r.checkout.failure?.code === 'out_of_stock')).toBe(true);
    expect(await stock(f.variantIds[0]!)).toEqual({ onHand: 0, reserved: 0 });
    await assertMoneyInvariants(t().db, (v, msg) => expect(v, msg));
  });
});
