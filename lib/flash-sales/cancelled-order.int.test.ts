import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import IORedis from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { flashSales } from '@/db/schema/flash-sales';
import { orderItems, orders, storeOrders } from '@/db/schema/orders';
import { payments } from '@/db/schema/payments';
import { submitFlashCheckout } from '@/lib/checkout/flash';
import type { CheckoutRequest } from '@/lib/checkout/inputs';
import { cancelLineAndRefund } from '@/lib/fulfilment/cancellations';
import { insertStoreMember } from '@/lib/fulfilment/test-fixtures';
import type { PaymentProvider } from '@/lib/payments/provider';
import { createTestProvider } from '@/lib/payments/test-provider';
import { armFault, clearFaults } from '@/lib/platform/faults';
import { CARDS, testCheckoutRequest } from '@/test/checkout-fixtures';
import { startInProcessSaga, stopInProcessSaga } from '@/test/saga';
import { useTestDatabase } from '@/test/db';
import { createStockGate, type StockGate } from './gate';
import { endDueSales } from './lifecycle';
import { readLatestReconciliation, reconcileFlashSale } from './reconcile';
import { ioredisScriptClient } from './redis-client';
import { insertFlashStock, insertLiveSale } from './test-fixtures';

const request = (): CheckoutRequest => testCheckoutRequest(CARDS.ok, 'flash@example.com');

/**
 * A flash-sale unit bought (paid, captured) and then cancelled and refunded (the seller cancels
 * the line, or the checkout's compensation cancels the order after capture) stays sold: the gate's sold count, the customer's limit and the stock do not move,
 * exactly like a cancelled line of any order (a seller cancels when the unit can't ship). The
 * reconciliation report counts it as `cancelled` beside the units still `kept` by live orders,
 * and reports drift 0.
 */
describe.each(['postgres', 'redis'] as const)('flash-sale order cancelled after capture (%s engine)', (engine) => {
  const t = useTestDatabase('postgres', { poolSize: 20 });
  let gate: StockGate;
  let provider: PaymentProvider;
  let close: (() => Promise<void>) | undefined;
  const prefix = `test-flash-cancel-${randomUUID().slice(0, 8)}`;

  beforeAll(async () => {
    const client = engine === 'redis' ? await ioredisScriptClient('redis://127.0.0.1:6379') : null;
    close = client ? () => client.close() : undefined;
    gate = createStockGate(t().db, { redis: client, keyPrefix: prefix });
    provider = createTestProvider(t().db, { timeoutMs: 10 });
    startInProcessSaga({ db: t().db, provider, gate });
  });
  afterAll(async () => {
    stopInProcessSaga();
    await close?.();
    if (engine === 'redis') {
      const raw = new IORedis('redis://127.0.0.1:6379');
      const keys = await raw.keys(`${prefix}*`);
      if (keys.length) await raw.del(...keys);
      raw.disconnect();
    }
  });

  async function buy(saleId: string, customer: string, quantity = 1) {
    const r = await gate.reserve(saleId, customer, quantity);
    if (!r.ok) throw new Error(r.reason);
    const { checkout } = await submitFlashCheckout(t().db, { idempotencyKey: randomUUID(), holdId: r.holdId, customerKey: customer, userId: null, request: request(), wait: 20_000 });
    expect(checkout.status).toBe('completed');
    const [line] = await t().db.select().from(orderItems).where(eq(orderItems.orderId, checkout.order!.id));
    return { orderId: checkout.order!.id, line: line! };
  }

  it('the cancelled unit stays sold, is reported as cancelled, and the sale reconciles with drift 0', async () => {
    const db = t().db;
    const f = await insertFlashStock(db, 100);
    const sale = await insertLiveSale(db, f, { engine, allocation: 5, limit: 2 });
    await gate.open(sale);
    const seller = await insertStoreMember(db, f.storeId);

    const a = await buy(sale.id, 'customer-a', 2);
    const b = await buy(sale.id, 'customer-b', 1);
    const [so] = await db.select().from(storeOrders).where(eq(storeOrders.orderId, a.orderId));
    // The seller cancels one of A's two units, then (in a second cancellation) the other: A's order ends cancelled and refunded.
    for (const seq of [1, 2]) {
      const r = await cancelLineAndRefund(db, provider, seller.scope, { storeOrderId: so!.id, orderItemId: a.line.id, quantity: 1, seq, reason: 'out_of_stock', note: '' });
      expect(r.refund).toBe('refunded');
    }
    const [order] = await db.select().from(orders).where(eq(orders.id, a.orderId));
    expect(order!.status).toBe('cancelled');
    expect(b.line.quantity).toBe(1);

    // While live: the units stay sold and A still counts them against the limit.
    expect(await gate.snapshot(sale.id)).toMatchObject({ sold: 3, held: 0, remaining: 2 });
    expect(await reconcileFlashSale(db, gate, sale.id)).toMatchObject({ sold: 3, drift: 0, details: expect.objectContaining({ ordered: 3, kept: 1, cancelled: 2 }) });
    expect(await gate.reserve(sale.id, 'customer-a', 1)).toMatchObject({ ok: false, reason: 'over_limit' });

    // At the end the 2 units neither sold nor held go back to stock; the report is stored with drift 0.
    await db.update(flashSales).set({ endsAt: new Date(Date.now() - 1000), startsAt: new Date(Date.now() - 7200_000) }).where(eq(flashSales.id, sale.id));
    const end = await endDueSales(db, gate, new Date());
    expect(end.failed).toEqual([]);
    expect(end.settled).toContain(sale.id);
    const report = await readLatestReconciliation(db, sale.id);
    expect(report).toMatchObject({ allocation: 5, sold: 3, held: 0, remaining: 2, returned: 2, drift: 0 });
    expect(report!.details).toMatchObject({ ordered: 3, kept: 1, cancelled: 2 });
  });

  it('an order cancelled by the checkout after capture (refunded in full) counts as cancelled, drift 0', async () => {
    const db = t().db;
    const f = await insertFlashStock(db, 100);
    const sale = await insertLiveSale(db, f, { engine, allocation: 3, limit: 1 });
    await gate.open(sale);
    await buy(sale.id, 'customer-c');
    // Captured, then marking the order paid keeps failing: the saga refunds and cancels the order.
    armFault('saga.complete', { times: 1000 });
    const r = await gate.reserve(sale.id, 'customer-d', 1);
    if (!r.ok) throw new Error(r.reason);
    const { checkout } = await submitFlashCheckout(db, { idempotencyKey: randomUUID(), holdId: r.holdId, customerKey: 'customer-d', userId: null, request: request(), wait: 20_000 });
    clearFaults();
    expect(checkout.status).toBe('failed');
    const [order] = await db.select().from(orders).where(eq(orders.checkoutId, checkout.id));
    expect(order!.status).toBe('cancelled');
    const [payment] = await db.select().from(payments).where(eq(payments.checkoutId, checkout.id));
    expect(payment).toMatchObject({ status: 'refunded', amountRefunded: payment!.amountCaptured });
    expect(await gate.snapshot(sale.id)).toMatchObject({ sold: 2, held: 0, remaining: 1 });
    expect(await reconcileFlashSale(db, gate, sale.id)).toMatchObject({ sold: 2, drift: 0, details: expect.objectContaining({ ordered: 2, kept: 1, cancelled: 1 }) });
  });
});
