import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeOrders } from '@/db/schema/orders';
import type { PaymentProvider } from '@/lib/payments/provider';
import { createTestProvider } from '@/lib/payments/test-provider';
import { insertSellable } from '@/test/checkout-fixtures';
import { BACKENDS, useTestDatabase } from '@/test/db';
import { cancelLineAndRefund } from './cancellations';
import { getDailySales, getPendingFulfilments, getSalesSummary, getTopProducts, utcDayStart } from './dashboard';
import { countOpenStoreOrders, getSellerOrder, listSellerOrders, parseOrderSearch } from './queries';
import { createShipment } from './shipments';
import { insertStoreMember, sagaBuyer } from './test-fixtures';

const DAY = 86_400_000;

describe('parseOrderSearch', () => {
  it.each([
    ['MK-100001', { orderNumber: 'MK-100001', storeOrderNumber: null }],
    ['#mk 100001', { orderNumber: 'MK-100001', storeOrderNumber: null }],
    ['100001', { orderNumber: 'MK-100001', storeOrderNumber: null }],
    ['MK-100001-2', { orderNumber: 'MK-100001', storeOrderNumber: 'MK-100001-2' }],
    ['100001-2', { orderNumber: 'MK-100001', storeOrderNumber: 'MK-100001-2' }],
    ['shoes', null],
    ["1' or 1=1", null],
  ])('%s', (q, want) => expect(parseOrderSearch(q)).toEqual(want));
});

describe.each(BACKENDS)('seller order reads and dashboard (%s)', (backend) => {
  const t = useTestDatabase(backend, { poolSize: 10 });
  let buyer: ReturnType<typeof sagaBuyer>;
  let provider: PaymentProvider;
  const now = new Date();
  const today = utcDayStart(now);
  // Inside a UTC day whatever the time of the run: the start of that day plus a minute.
  const dayAt = (daysAgo: number) => new Date(today.getTime() - daysAgo * DAY + 60_000);

  let store: Awaited<ReturnType<typeof insertSellable>>;
  let seller: Awaited<ReturnType<typeof insertStoreMember>>;
  let empty: Awaited<ReturnType<typeof insertStoreMember>>;
  const ids: Record<string, string> = {};
  const numbers: Record<string, string> = {};

  beforeAll(async () => {
    provider = createTestProvider(t().db, { timeoutMs: 20 });
    buyer = sagaBuyer(t().db, provider);
    store = await insertSellable(t().db, [50, 50]);
    seller = await insertStoreMember(t().db, store.storeId);
    empty = await insertStoreMember(t().db, (await insertSellable(t().db, [1])).storeId);
    const other = await insertSellable(t().db, [50]);
    // [name, days ago, lines] — variant 0 sells at 10.00, variant 1 at 25.00; shipping 5.00.
    const plan: [string, number, { variant: number; quantity: number; unitPrice: number }[]][] = [
      ['today', 0, [{ variant: 0, quantity: 2, unitPrice: 1000 }]],
      ['threeDays', 3, [{ variant: 1, quantity: 1, unitPrice: 2500 }]],
      ['twentyDays', 20, [{ variant: 0, quantity: 1, unitPrice: 1000 }, { variant: 1, quantity: 2, unitPrice: 2500 }]],
      ['fortyDays', 40, [{ variant: 1, quantity: 4, unitPrice: 2500 }]],
    ];
    for (const [name, ago, lines] of plan) {
      const b = await buyer.buy([{ f: store, lines, shipping: 500 }]);
      const so = b.storeOrders[0]!;
      ids[name] = so.id;
      numbers[name] = b.order.number;
      if (name === 'twentyDays') {
        // One of the 25.00 units cancelled and refunded; the rest shipped.
        const l25 = b.lines(so.id).find((l) => l.unitPrice === 2500)!;
        const l10 = b.lines(so.id).find((l) => l.unitPrice === 1000)!;
        await cancelLineAndRefund(t().db, provider, seller.scope, { storeOrderId: so.id, orderItemId: l25.id, quantity: 1, seq: 1, reason: 'out_of_stock', note: '' });
        await createShipment(t().db, seller.scope, { storeOrderId: so.id, carrier: 'ups', carrierName: '', trackingNumber: '1Z999AA10000000020', items: [{ orderItemId: l25.id, quantity: 1 }, { orderItemId: l10.id, quantity: 1 }] });
      }
      await t().db.update(storeOrders).set({ createdAt: dayAt(ago) }).where(eq(storeOrders.id, so.id));
    }
    // Another store's sale today is not ours.
    await buyer.buy([{ f: other, lines: [{ quantity: 3, unitPrice: 9999 }] }]);
  });
  afterAll(() => buyer?.done());

  it('a new store: no sales, thirty empty days, no products, nothing to ship', async () => {
    const { db } = t();
    expect(await getSalesSummary(db, empty.scope, now)).toEqual([]);
    const days = await getDailySales(db, empty.scope, 'USD', 30, now);
    expect(days).toHaveLength(30);
    expect(days.every((d) => d.amount === 0 && d.orders === 0)).toBe(true);
    expect(days.at(-1)!.day).toBe(today.toISOString().slice(0, 10));
    expect(await getTopProducts(db, empty.scope, 'USD', { now })).toEqual([]);
    expect(await getPendingFulfilments(db, empty.scope)).toEqual({ count: 0, items: [] });
    expect((await listSellerOrders(db, empty.scope, { filter: 'all' })).items).toEqual([]);
  });

  it('net sales today, 7 and 30 days; refunds taken off; other stores and older orders left out', async () => {
    const [s] = await getSalesSummary(t().db, seller.scope, now);
    // today 2×10 + 5; 3 days ago 25 + 5; 20 days ago 10 + 2×25 + 5 − 25 refunded.
    expect(s).toEqual({ currency: 'USD', today: { amount: 2500, orders: 1 }, last7: { amount: 5500, orders: 2 }, last30: { amount: 9500, orders: 3 } });
  });

  it('daily sales over 30 days put each order on its UTC day', async () => {
    const days = await getDailySales(t().db, seller.scope, 'USD', 30, now);
    const byDay = Object.fromEntries(days.filter((d) => d.amount).map((d) => [d.day, d.amount]));
    const key = (ago: number) => dayAt(ago).toISOString().slice(0, 10);
    expect(byDay).toEqual({ [key(0)]: 2500, [key(3)]: 3000, [key(20)]: 4000 });
  });

  it('top products by revenue count what was not cancelled', async () => {
    const top = await getTopProducts(t().db, seller.scope, 'USD', { now });
    // One product (both variants): 2 + 1 + 1 + 1 units, 20 + 25 + 10 + 25 = 80.00.
    expect(top).toEqual([{ productId: store.productId, title: 'Product 0.0', units: 5, revenue: 8000 }]);
  });

  it('pending fulfilments: the paid ones, oldest first', async () => {
    const p = await getPendingFulfilments(t().db, seller.scope);
    expect(p.count).toBe(3);
    expect(p.items.map((i) => i.id)).toEqual([ids.fortyDays, ids.threeDays, ids.today]);
    expect(await countOpenStoreOrders(t().db, seller.scope)).toBe(3);
  });

  it('the order list: newest first, filters, search by number, keyset pages', async () => {
    const { db } = t();
    const all = await listSellerOrders(db, seller.scope, { filter: 'all' });
    expect(all.items.map((i) => i.id)).toEqual([ids.today, ids.threeDays, ids.twentyDays, ids.fortyDays]);
    expect(all.items[0]).toMatchObject({ units: 2, openUnits: 2, customerName: 'Ada Buyer', status: 'paid', total: 2500 });
    expect((await listSellerOrders(db, seller.scope, { filter: 'shipped' })).items.map((i) => i.id)).toEqual([ids.twentyDays]);
    expect((await listSellerOrders(db, seller.scope, { filter: 'open' })).items).toHaveLength(3);
    expect((await listSellerOrders(db, seller.scope, { filter: 'all', q: numbers.threeDays! })).items.map((i) => i.id)).toEqual([ids.threeDays]);
    expect((await listSellerOrders(db, seller.scope, { filter: 'all', q: `${numbers.threeDays}-1` })).items.map((i) => i.id)).toEqual([ids.threeDays]);
    expect(await listSellerOrders(db, seller.scope, { filter: 'all', q: 'shoes' })).toMatchObject({ items: [], badQuery: true });
    const p1 = await listSellerOrders(db, seller.scope, { filter: 'all' }, 3);
    expect(p1.nextCursor).not.toBeNull();
    const p2 = await listSellerOrders(db, seller.scope, { filter: 'all', cursor: p1.nextCursor! }, 3);
    expect(p2.items.map((i) => i.id)).toEqual([ids.fortyDays]);
    expect(p2.nextCursor).toBeNull();
  });

  it('the order page: lines with open units, the parcel, the cancellation and this store’s timeline', async () => {
    const d = await getSellerOrder(t().db, seller.scope, ids.twentyDays!);
    expect(d).toMatchObject({ status: 'fulfilled', refundedTotal: 2500, shippingAddress: { name: 'Ada Buyer' } });
    expect(d!.lines.map((l) => [l.unitPrice, l.quantityFulfilled, l.quantityCancelled, l.openUnits, l.nextCancellationSeq])).toEqual([
      [1000, 1, 0, 0, 1],
      [2500, 1, 1, 0, 2],
    ]);
    expect(d!.shipments).toEqual([expect.objectContaining({ carrier: 'UPS', trackingNumber: '1Z999AA10000000020', items: expect.arrayContaining([expect.objectContaining({ quantity: 1 })]) })]);
    expect(d!.cancellations).toEqual([expect.objectContaining({ quantity: 1, amount: 2500, status: 'refunded', reason: 'Out of stock' })]);
    expect(d!.events.map((e) => e.type)).toEqual(['placed', 'paid', 'refunded', 'shipped']);
    expect(await getSellerOrder(t().db, seller.scope, 'not-a-uuid')).toBeNull();
  });
});
