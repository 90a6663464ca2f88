import { and, eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { orderLineCancellations } from '@/db/schema/fulfilment';
import { emailOutbox } from '@/db/schema/messaging';
import { orderEvents, orderItems, orders, storeOrders } from '@/db/schema/orders';
import { payments, refunds, testProviderIntents } from '@/db/schema/payments';
import type { PaymentProvider } from '@/lib/payments/provider';
import { createTestProvider } from '@/lib/payments/test-provider';
import { DomainError } from '@/lib/platform/errors';
import { armFault, clearFaults } from '@/lib/platform/faults';
import { insertSellable } from '@/test/checkout-fixtures';
import { BACKENDS, useTestDatabase } from '@/test/db';
import { cancelLineAndRefund, cancelOrderLine, retryPendingCancellationRefunds, settleCancellationRefund } from './cancellations';
import { createShipment } from './shipments';
import { insertStoreMember, sagaBuyer, type PartSpec } from './test-fixtures';

async function domainError(p: Promise<unknown>): Promise<DomainError> {
  try {
    await p;
  } catch (err) {
    if (err instanceof DomainError) return err;
    throw err;
  }
  throw new Error('expected a DomainError');
}

describe.each(BACKENDS)('line cancellation and refund (%s)', (backend) => {
  const t = useTestDatabase(backend, { poolSize: 20 });
  let buyer: ReturnType<typeof sagaBuyer>;
  let provider: PaymentProvider;

  beforeAll(() => {
    provider = createTestProvider(t().db, { timeoutMs: 20 });
    buyer = sagaBuyer(t().db, provider);
  });
  afterAll(() => buyer?.done());
  afterEach(() => clearFaults());

  async function shop(lines: PartSpec['lines'], extra: Omit<PartSpec, 'f' | 'lines'> = {}) {
    const f = await insertSellable(t().db, [20, 20]);
    const seller = await insertStoreMember(t().db, f.storeId);
    const bought = await buyer.buy([{ f, lines, ...extra }]);
    const so = bought.storeOrders[0]!;
    return { f, seller, ...bought, so, items: bought.lines(so.id) };
  }
  const state = async (storeOrderId: string) => {
    const [so] = await t().db.select().from(storeOrders).where(eq(storeOrders.id, storeOrderId));
    const [o] = await t().db.select().from(orders).where(eq(orders.id, so!.orderId));
    const [p] = await t().db.select().from(payments).where(eq(payments.orderId, o!.id));
    const [intent] = await t().db.select().from(testProviderIntents).where(eq(testProviderIntents.id, p!.providerRef!));
    const lines = await t().db.select().from(orderItems).where(eq(orderItems.storeOrderId, storeOrderId)).orderBy(orderItems.sku);
    const refundRows = await t().db.select().from(refunds).where(eq(refunds.storeOrderId, storeOrderId));
    return { so: so!, order: o!, payment: p!, intent: intent!, lines, refunds: refundRows };
  };

  it('cancels a unit: refund of its price and tax share through the provider; totals, statuses, timeline, email', async () => {
    // 3 × 10.00 with 2.40 tax on the line, 5.00 shipping with 0.40 tax.
    const { seller, so, items, order } = await shop([{ quantity: 3, unitPrice: 1000, tax: 240 }], { shipping: 500, shippingTax: 40 });
    const r = await cancelLineAndRefund(t().db, provider, seller.scope, { storeOrderId: so.id, orderItemId: items[0]!.id, quantity: 1, seq: 1, reason: 'out_of_stock', note: '' });
    expect(r).toMatchObject({ created: true, refund: 'refunded', storeOrderStatus: 'partially_refunded' });
    expect(r.cancellation).toMatchObject({ itemsAmount: 1000, taxAmount: 80, discountAmount: 0, shippingAmount: 0, amount: 1080, status: 'refunded', idempotencyKey: `cancel:${items[0]!.id}:1` });
    const s = await state(so.id);
    expect(s.lines[0]).toMatchObject({ quantityCancelled: 1, quantityFulfilled: 0 });
    expect(s.so).toMatchObject({ status: 'partially_refunded', refundedTotal: 1080 });
    expect(s.order).toMatchObject({ status: 'partially_refunded', refundedTotal: 1080 });
    expect(s.payment).toMatchObject({ status: 'partially_refunded', amountRefunded: 1080 });
    expect(s.intent.amountRefunded).toBe(1080);
    expect(s.refunds).toEqual([expect.objectContaining({ amount: 1080, status: 'succeeded', idempotencyKey: `cancel:${items[0]!.id}:1`, reason: expect.stringMatching(/^Cancelled by Store .+: Out of stock$/) })]);
    const [event] = await t().db.select().from(orderEvents).where(and(eq(orderEvents.orderId, order.id), eq(orderEvents.type, 'refunded')));
    expect(event).toMatchObject({ storeOrderId: so.id, data: expect.objectContaining({ amount: 1080, quantity: 1 }) });
    expect(event!.message).toMatch(/cancelled 1 × Product 0\.0 \(V0\); \$10\.80 refunded$/);
    const [mail] = await t().db.select().from(emailOutbox).where(eq(emailOutbox.dedupeKey, `order-items-cancelled:${r.cancellation.id}`));
    expect(mail).toMatchObject({ to: order.email, template: 'order.items_cancelled' });
    expect(mail!.text).toContain('$10.80');
  });

  it('cancelling every unit returns the whole store order, shipping included; the order ends cancelled', async () => {
    const { seller, so, items } = await shop([{ quantity: 3, unitPrice: 999, tax: 100 }, { variant: 1, quantity: 1, unitPrice: 1500, tax: 33 }], { shipping: 599, shippingTax: 48 });
    const [l1, l2] = items as [typeof items[0], typeof items[0]];
    const steps = [
      { orderItemId: l1.id, quantity: 1, seq: 1 },
      { orderItemId: l2.id, quantity: 1, seq: 1 },
      { orderItemId: l1.id, quantity: 2, seq: 2 },
    ];
    const amounts: number[] = [];
    for (const step of steps) {
      const r = await cancelLineAndRefund(t().db, provider, seller.scope, { storeOrderId: so.id, ...step, reason: 'cannot_ship', note: '' });
      expect(r.refund).toBe('refunded');
      amounts.push(r.cancellation.amount);
    }
    const s = await state(so.id);
    expect(amounts.reduce((a, b) => a + b, 0)).toBe(s.so.total);
    expect(amounts[0]).toBe(999 + 33); // share(100, 1, 3) = 33
    const last = await t().db.select().from(orderLineCancellations).where(eq(orderLineCancellations.seq, 2));
    expect(last.find((c) => c.orderItemId === l1.id)!.shippingAmount).toBe(599 + 48);
    expect(s.so).toMatchObject({ status: 'cancelled', refundedTotal: s.so.total });
    expect(s.order.status).toBe('cancelled');
    expect(s.order.cancelledAt).not.toBeNull();
    expect(s.payment).toMatchObject({ status: 'refunded', amountRefunded: s.so.total });
    expect(s.intent.amountRefunded).toBe(s.so.total);
    // Nothing left to cancel or ship.
    expect(await domainError(cancelOrderLine(t().db, seller.scope, { storeOrderId: so.id, orderItemId: l1.id, quantity: 1, seq: 3, reason: 'other', note: 'again' }))).toMatchObject({ code: 'not_cancellable' });
  });

  it('takes back the share of a store discount', async () => {
    const { seller, so, items } = await shop([{ quantity: 2, unitPrice: 2500 }], { shipping: 500, discount: 500 });
    const r = await cancelLineAndRefund(t().db, provider, seller.scope, { storeOrderId: so.id, orderItemId: items[0]!.id, quantity: 1, seq: 1, reason: 'pricing_error', note: '' });
    expect(r.cancellation).toMatchObject({ itemsAmount: 2500, discountAmount: 250, amount: 2250 });
  });

  it('the same cancellation twice (in a row or at once) refunds once; a stale or changed one is a conflict', async () => {
    const { seller, so, items } = await shop([{ quantity: 4, unitPrice: 1000 }]);
    const input = { storeOrderId: so.id, orderItemId: items[0]!.id, quantity: 1, seq: 1, reason: 'customer_request' as const, note: '' };
    const first = await cancelLineAndRefund(t().db, provider, seller.scope, input);
    const again = await cancelLineAndRefund(t().db, provider, seller.scope, input);
    expect(again).toMatchObject({ created: false, refund: 'refunded' });
    expect(again.cancellation.id).toBe(first.cancellation.id);
    const both = await Promise.all([cancelLineAndRefund(t().db, provider, seller.scope, { ...input, seq: 2 }), cancelLineAndRefund(t().db, provider, seller.scope, { ...input, seq: 2 })]);
    expect(both[0].cancellation.id).toBe(both[1].cancellation.id);
    expect(both.map((b) => b.created).sort()).toEqual([false, true]);
    const s = await state(so.id);
    expect(s.lines[0]!.quantityCancelled).toBe(2);
    expect(s.refunds).toHaveLength(2);
    expect(s.intent.amountRefunded).toBe(2000);
    expect(s.so.refundedTotal).toBe(2000);
    expect(await domainError(cancelOrderLine(t().db, seller.scope, { ...input, seq: 2, quantity: 2 }))).toMatchObject({ code: 'stale_cancellation', status: 409 });
    expect(await domainError(cancelOrderLine(t().db, seller.scope, { ...input, seq: 5 }))).toMatchObject({ code: 'stale_cancellation' });
  });

  it('only unshipped units can be cancelled; cancelling the rest after a partial shipment completes the order without refunding shipping', async () => {
    const { seller, so, items } = await shop([{ quantity: 3, unitPrice: 1000 }], { shipping: 500 });
    await createShipment(t().db, seller.scope, { storeOrderId: so.id, carrier: 'ups', carrierName: '', trackingNumber: '1Z999AA10000000777', items: [{ orderItemId: items[0]!.id, quantity: 2 }] });
    const over = await domainError(cancelOrderLine(t().db, seller.scope, { storeOrderId: so.id, orderItemId: items[0]!.id, quantity: 2, seq: 1, reason: 'out_of_stock', note: '' }));
    expect(over).toMatchObject({ code: 'over_cancellation', message: 'Only 1 of Product 0.0 can still be cancelled; the rest shipped or was cancelled.' });
    const r = await cancelLineAndRefund(t().db, provider, seller.scope, { storeOrderId: so.id, orderItemId: items[0]!.id, quantity: 1, seq: 1, reason: 'out_of_stock', note: '' });
    expect(r.cancellation).toMatchObject({ amount: 1000, shippingAmount: 0 });
    expect(r.storeOrderStatus).toBe('fulfilled');
    const s = await state(so.id);
    expect(s.order.status).toBe('fulfilled');
    expect(s.so.refundedTotal).toBe(1000);
  });

  it('a provider failure leaves the refund pending (never a cancelled line without a refund on its way); retries pay it once', async () => {
    const { seller, so, items } = await shop([{ quantity: 2, unitPrice: 1200 }]);
    armFault('provider.refund', { times: 2 });
    const r = await cancelLineAndRefund(t().db, provider, seller.scope, { storeOrderId: so.id, orderItemId: items[0]!.id, quantity: 1, seq: 1, reason: 'out_of_stock', note: '' });
    expect(r).toMatchObject({ refund: 'pending', cancellation: { status: 'refund_pending', amount: 1200 } });
    let s = await state(so.id);
    expect(s.lines[0]!.quantityCancelled).toBe(1);
    expect(s.refunds).toEqual([expect.objectContaining({ status: 'pending', amount: 1200 })]);
    expect(s.so.refundedTotal).toBe(1200);
    expect(s.intent.amountRefunded).toBe(0);
    // The seller's retry button fails too, then the scheduled sweep succeeds.
    await expect(settleCancellationRefund(t().db, provider, r.cancellation.id, so.storeId)).rejects.toThrow();
    expect(await retryPendingCancellationRefunds(t().db, provider, { olderThanMs: 0 })).toMatchObject({ refunded: 1, failed: 0 });
    expect(await retryPendingCancellationRefunds(t().db, provider, { olderThanMs: 0 })).toMatchObject({ refunded: 0, failed: 0 });
    const settled = await settleCancellationRefund(t().db, provider, r.cancellation.id, so.storeId);
    expect(settled.status).toBe('refunded');
    s = await state(so.id);
    expect(s.refunds).toEqual([expect.objectContaining({ status: 'succeeded' })]);
    expect(s.intent.amountRefunded).toBe(1200);
    expect(s.payment.amountRefunded).toBe(1200);
  });

  it('two settlers at once (the action and the sweep) make one provider call', async () => {
    const { seller, so, items } = await shop([{ quantity: 2, unitPrice: 700 }]);
    const c = await cancelOrderLine(t().db, seller.scope, { storeOrderId: so.id, orderItemId: items[0]!.id, quantity: 1, seq: 1, reason: 'out_of_stock', note: '' });
    const settled = await Promise.all([1, 2, 3].map(() => settleCancellationRefund(t().db, provider, c.cancellation.id)));
    expect(settled.map((x) => x.status)).toEqual(['refunded', 'refunded', 'refunded']);
    const s = await state(so.id);
    expect(s.intent.amountRefunded).toBe(700);
    expect(s.refunds).toEqual([expect.objectContaining({ status: 'succeeded', amount: 700 })]);
  });

  it('a refund the provider took before a crash (our rows still pending) is found by its key, not paid twice', async () => {
    const { seller, so, items } = await shop([{ quantity: 2, unitPrice: 800 }]);
    const c = await cancelOrderLine(t().db, seller.scope, { storeOrderId: so.id, orderItemId: items[0]!.id, quantity: 1, seq: 1, reason: 'out_of_stock', note: '' });
    const [r] = await t().db.select().from(refunds).where(eq(refunds.idempotencyKey, c.cancellation.idempotencyKey));
    // The call refundPayment makes (key refund:<refund id>), answered, then the process died.
    const s0 = await state(so.id);
    await provider.refund(s0.payment.providerRef!, 800, `refund:${r!.id}`);
    expect((await state(so.id)).intent.amountRefunded).toBe(800);
    expect(await retryPendingCancellationRefunds(t().db, provider, { olderThanMs: 0 })).toMatchObject({ refunded: 1 });
    const s = await state(so.id);
    expect(s.intent.amountRefunded).toBe(800);
    expect(s.payment.amountRefunded).toBe(800);
    expect(s.refunds).toEqual([expect.objectContaining({ status: 'succeeded' })]);
  });

  it('refunded totals can never exceed the total (CHECK)', async () => {
    const { so } = await shop([{ quantity: 1 }]);
    await expect(t().db.update(storeOrders).set({ refundedTotal: so.total + 1 }).where(eq(storeOrders.id, so.id))).rejects.toThrow();
  });
});
