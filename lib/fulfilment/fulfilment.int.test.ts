import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shipmentItems, shipments } from '@/db/schema/fulfilment';
import { emailOutbox } from '@/db/schema/messaging';
import { orderEvents, orderItems, orders, storeOrders } from '@/db/schema/orders';
import { getOrderById } from '@/lib/orders/queries';
import { createTestProvider } from '@/lib/payments/test-provider';
import { DomainError } from '@/lib/platform/errors';
import { insertSellable } from '@/test/checkout-fixtures';
import { BACKENDS, useTestDatabase } from '@/test/db';
import { expectPgError } from '@/test/fixtures';
import { createShipment, markShipmentDelivered } from './shipments';
import { insertStoreMember, sagaBuyer } from './test-fixtures';

const UPS = (n: number) => `1Z999AA1${String(n).padStart(10, '0')}`;

async function domainError(p: Promise<unknown>): Promise<DomainError> {
  try {
    await p;
  } catch (err) {
    if (err instanceof DomainError) return err;
    throw err;
  }
  throw new Error('expected a DomainError');
}

describe.each(BACKENDS)('fulfilment (%s)', (backend) => {
  const t = useTestDatabase(backend, { poolSize: 20 });
  let buyer: ReturnType<typeof sagaBuyer>;

  beforeAll(() => {
    buyer = sagaBuyer(t().db, createTestProvider(t().db, { timeoutMs: 20 }));
  });
  afterAll(() => buyer?.done());

  async function shop(lines: { variant?: number; quantity: number }[], stock = [20, 20]) {
    const f = await insertSellable(t().db, stock);
    const seller = await insertStoreMember(t().db, f.storeId);
    const bought = await buyer.buy([{ f, lines }], { email: `buyer-${f.storeId.slice(0, 6)}@example.com` });
    const so = bought.storeOrders[0]!;
    return { f, seller, ...bought, so, items: bought.lines(so.id) };
  }
  const reload = async (storeOrderId: string) => {
    const [so] = await t().db.select().from(storeOrders).where(eq(storeOrders.id, storeOrderId));
    const [o] = await t().db.select().from(orders).where(eq(orders.id, so!.orderId));
    const lines = await t().db.select().from(orderItems).where(eq(orderItems.storeOrderId, storeOrderId)).orderBy(orderItems.sku);
    return { so: so!, order: o!, lines };
  };

  it('ships everything: shipment, lines, statuses rolled up, timeline event, shipping email', async () => {
    const { seller, so, items, order } = await shop([{ quantity: 2 }, { variant: 1, quantity: 1 }]);
    const r = await createShipment(t().db, seller.scope, {
      storeOrderId: so.id,
      carrier: 'ups',
      carrierName: '',
      trackingNumber: UPS(1),
      items: items.map((l) => ({ orderItemId: l.id, quantity: l.quantity })),
    });
    expect(r).toMatchObject({ created: true, storeOrderStatus: 'fulfilled' });
    const after = await reload(so.id);
    expect(after.so.status).toBe('fulfilled');
    expect(after.order.status).toBe('fulfilled');
    expect(after.lines.map((l) => l.quantityFulfilled)).toEqual([2, 1]);
    const [s] = await t().db.select().from(shipments).where(eq(shipments.id, r.shipmentId));
    expect(s).toMatchObject({ carrier: 'UPS', trackingNumber: UPS(1), trackingUrl: `https://www.ups.com/track?tracknum=${UPS(1)}`, createdBy: seller.userId, storeId: so.storeId });
    expect(await t().db.select().from(shipmentItems).where(eq(shipmentItems.shipmentId, r.shipmentId))).toHaveLength(2);
    // What the shopper's tracking page reads.
    const detail = await getOrderById(t().db, order.id);
    const shipped = detail!.events.find((e) => e.type === 'shipped')!;
    expect(shipped.message).toMatch(/^Shipped by Store .+ via UPS 1Z999AA10000000001$/);
    expect(shipped.data).toMatchObject({ carrier: 'UPS', trackingNumber: UPS(1), trackingUrl: s!.trackingUrl });
    expect(detail!.status).toBe('fulfilled');
    const [mail] = await t().db.select().from(emailOutbox).where(eq(emailOutbox.dedupeKey, `order-shipped:${r.shipmentId}`));
    expect(mail).toMatchObject({ to: order.email, template: 'order.shipped', subject: `Your order ${order.number} has shipped` });
    expect(mail!.html).toContain(UPS(1));
    expect(mail!.html).toContain(`/orders/${order.number}?t=`);
  });

  it('ships in parts: partially fulfilled, then fulfilled; one email per parcel', async () => {
    const { seller, so, items } = await shop([{ quantity: 3 }]);
    const line = items[0]!;
    const first = await createShipment(t().db, seller.scope, { storeOrderId: so.id, carrier: 'fedex', carrierName: '', trackingNumber: '123456789012', items: [{ orderItemId: line.id, quantity: 1 }] });
    expect(first.storeOrderStatus).toBe('partially_fulfilled');
    expect((await reload(so.id)).order.status).toBe('partially_fulfilled');
    const second = await createShipment(t().db, seller.scope, {
      storeOrderId: so.id,
      carrier: 'other',
      carrierName: 'Royal Mail',
      trackingNumber: 'RM-77',
      trackingUrl: 'https://track.example.com/RM-77',
      items: [{ orderItemId: line.id, quantity: 2 }],
    });
    expect(second.storeOrderStatus).toBe('fulfilled');
    const after = await reload(so.id);
    expect(after.lines[0]!.quantityFulfilled).toBe(3);
    expect(after.order.status).toBe('fulfilled');
    const mails = await t().db.select().from(emailOutbox).where(sql`${emailOutbox.dedupeKey} in (${`order-shipped:${first.shipmentId}`}, ${`order-shipped:${second.shipmentId}`})`);
    expect(mails).toHaveLength(2);
    const events = await t().db.select().from(orderEvents).where(and(eq(orderEvents.storeOrderId, so.id), eq(orderEvents.type, 'shipped')));
    expect(events.map((e) => (e.data as { carrier: string }).carrier).sort()).toEqual(['FedEx', 'Royal Mail']);
  });

  it('refuses to ship more than is open, lines of another order, and a closed order; nothing changes', async () => {
    const { seller, so, items } = await shop([{ quantity: 2 }]);
    const other = await shop([{ quantity: 1 }]);
    const over = await domainError(createShipment(t().db, seller.scope, { storeOrderId: so.id, carrier: 'ups', carrierName: '', trackingNumber: UPS(2), items: [{ orderItemId: items[0]!.id, quantity: 3 }] }));
    expect(over).toMatchObject({ code: 'over_fulfilment', status: 409 });
    const foreign = await domainError(createShipment(t().db, seller.scope, { storeOrderId: so.id, carrier: 'ups', carrierName: '', trackingNumber: UPS(3), items: [{ orderItemId: other.items[0]!.id, quantity: 1 }] }));
    expect(foreign).toMatchObject({ code: 'not_found', status: 404 });
    const after = await reload(so.id);
    expect(after.lines[0]!.quantityFulfilled).toBe(0);
    expect(after.so.status).toBe('paid');
    expect(await t().db.select().from(shipments).where(eq(shipments.storeOrderId, so.id))).toHaveLength(0);
    expect((await reload(other.so.id)).lines[0]!.quantityFulfilled).toBe(0);
    // Fully shipped: nothing more to ship.
    await createShipment(t().db, seller.scope, { storeOrderId: so.id, carrier: 'ups', carrierName: '', trackingNumber: UPS(4), items: [{ orderItemId: items[0]!.id, quantity: 2 }] });
    const closed = await domainError(createShipment(t().db, seller.scope, { storeOrderId: so.id, carrier: 'ups', carrierName: '', trackingNumber: UPS(5), items: [{ orderItemId: items[0]!.id, quantity: 1 }] }));
    expect(closed).toMatchObject({ code: 'not_fulfillable', message: 'Everything in this order has shipped.' });
  });

  it('the CHECK refuses over-fulfilment even from raw SQL', async () => {
    const { items } = await shop([{ quantity: 2 }]);
    const err = await expectPgError(() => t().db.update(orderItems).set({ quantityFulfilled: 3 }).where(eq(orderItems.id, items[0]!.id)));
    expect(err).toMatchObject({ code: '23514', constraint: 'order_items_quantities' });
  });

  it('a double submit (same tracking number and units) ships once; the same number with other units is a conflict', async () => {
    const { seller, so, items } = await shop([{ quantity: 4 }]);
    const input = { storeOrderId: so.id, carrier: 'ups' as const, carrierName: '', trackingNumber: UPS(6), items: [{ orderItemId: items[0]!.id, quantity: 1 }] };
    const [a, b] = await Promise.all([createShipment(t().db, seller.scope, input), createShipment(t().db, seller.scope, input)]);
    expect(a.shipmentId).toBe(b.shipmentId);
    expect([a.created, b.created].sort()).toEqual([false, true]);
    expect((await reload(so.id)).lines[0]!.quantityFulfilled).toBe(1);
    const conflict = await domainError(createShipment(t().db, seller.scope, { ...input, items: [{ orderItemId: items[0]!.id, quantity: 2 }] }));
    expect(conflict).toMatchObject({ code: 'tracking_in_use', status: 409 });
  });

  it('parallel fulfilments never ship more than was ordered', async () => {
    const { seller, so, items } = await shop([{ quantity: 5 }]);
    const wants = [2, 1, 3, 1, 2, 1, 3, 2];
    const results = await Promise.allSettled(
      wants.map((q, i) => createShipment(t().db, seller.scope, { storeOrderId: so.id, carrier: 'ups', carrierName: '', trackingNumber: UPS(100 + i), items: [{ orderItemId: items[0]!.id, quantity: q }] })),
    );
    for (const r of results) if (r.status === 'rejected') expect(r.reason).toMatchObject({ code: expect.stringMatching(/^(over_fulfilment|not_fulfillable)$/) });
    const shippedByCalls = wants.filter((_, i) => results[i]!.status === 'fulfilled').reduce((n, q) => n + q, 0);
    const after = await reload(so.id);
    const [sum] = await t().db
      .select({ n: sql<number>`coalesce(sum(${shipmentItems.quantity}), 0)::int` })
      .from(shipmentItems)
      .where(eq(shipmentItems.orderItemId, items[0]!.id));
    expect(after.lines[0]!.quantityFulfilled).toBe(shippedByCalls);
    expect(sum!.n).toBe(shippedByCalls);
    expect(shippedByCalls).toBeLessThanOrEqual(5);
    // Greedy in some order: once fewer than the smallest request is left, nothing else fits.
    expect(5 - shippedByCalls).toBeLessThan(1);
    expect(after.so.status).toBe('fulfilled');
  });

  it('rolls the order up across sellers and through delivery', async () => {
    const a = await insertSellable(t().db, [10]);
    const b = await insertSellable(t().db, [10]);
    const sa = await insertStoreMember(t().db, a.storeId);
    const sb = await insertStoreMember(t().db, b.storeId, 'staff');
    const bought = await buyer.buy([
      { f: a, lines: [{ quantity: 1 }] },
      { f: b, lines: [{ quantity: 2 }] },
    ]);
    const [soA, soB] = bought.storeOrders as [typeof bought.storeOrders[0], typeof bought.storeOrders[0]];
    const shipA = await createShipment(t().db, sa.scope, { storeOrderId: soA.id, carrier: 'dhl', carrierName: '', trackingNumber: '1234567890', items: [{ orderItemId: bought.lines(soA.id)[0]!.id, quantity: 1 }] });
    expect((await reload(soA.id)).order.status).toBe('partially_fulfilled');
    expect((await reload(soB.id)).so.status).toBe('paid');
    const shipB = await createShipment(t().db, sb.scope, { storeOrderId: soB.id, carrier: 'usps', carrierName: '', trackingNumber: 'EC123456789US', items: [{ orderItemId: bought.lines(soB.id)[0]!.id, quantity: 2 }] });
    expect((await reload(soB.id)).order.status).toBe('fulfilled');
    expect(await markShipmentDelivered(t().db, sa.scope, shipA.shipmentId)).toEqual({ storeOrderStatus: 'delivered', changed: true });
    expect(await markShipmentDelivered(t().db, sa.scope, shipA.shipmentId)).toMatchObject({ changed: false });
    expect((await reload(soA.id)).order.status).toBe('fulfilled');
    await markShipmentDelivered(t().db, sb.scope, shipB.shipmentId);
    const after = await reload(soB.id);
    expect(after.so.status).toBe('delivered');
    expect(after.order.status).toBe('delivered');
    const delivered = await t().db.select().from(orderEvents).where(and(eq(orderEvents.orderId, bought.order.id), eq(orderEvents.type, 'delivered')));
    expect(delivered).toHaveLength(2);
    // One seller's parcel is not the other's to mark.
    expect(await domainError(markShipmentDelivered(t().db, sa.scope, shipB.shipmentId))).toMatchObject({ code: 'not_found' });
  });
});
