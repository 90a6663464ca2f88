import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import { shipmentItems, shipments } from '@/db/schema/fulfilment';
import { orderItems, type OrderStatus } from '@/db/schema/orders';
import { shippingUpdateEmail, orderTrackUrl } from '@/lib/orders/emails';
import { applyStoreOrderStatus, recordOrderEvent } from '@/lib/orders/service';
import type { Db } from '@/lib/platform/db';
import { enqueueEmail } from '@/lib/platform/email';
import { DomainError, NotFoundError } from '@/lib/platform/errors';
import type { StoreScope } from '@/lib/seller-catalog/scope';
import type { FulfilInput } from './inputs';
import { lockStoreOrder } from './locks';
import { closedReason, isOpenStatus, openUnits, storeOrderStatusFor } from './status';
import { carrierName, trackingUrlFor } from './tracking';

export type ShipmentResult = { shipmentId: string; created: boolean; storeOrderStatus: OrderStatus };

const lineLabel = (l: { title: string; variantTitle: string }) => (l.variantTitle ? `${l.title} (${l.variantTitle})` : l.title);

/**
 * Ships units of a store order as one parcel, in ONE transaction: the shipment and its items,
 * the lines' shipped counts (a conditional update each, the CHECK behind it), the store order's
 * status through the state machine with the order rolled up, a "shipped" timeline event and
 * the shopper's shipping email in the outbox. Two fulfilments of one order queue on its row
 * lock, so together they never ship more than was ordered. Submitting the same tracking number
 * again with the same units returns the first shipment (a double click ships once).
 */
export async function createShipment(db: Db, scope: StoreScope, input: Omit<FulfilInput, 'storeId'>): Promise<ShipmentResult> {
  const carrier = carrierName(input.carrier, input.carrierName);
  const trackingUrl = trackingUrlFor(input.carrier, input.trackingNumber, input.trackingUrl);
  const wanted = input.items.filter((i) => i.quantity > 0);
  return db.transaction(async (tx) => {
    const so = await lockStoreOrder(tx, scope.storeId, input.storeOrderId);
    const [dup] = await tx
      .select({ id: shipments.id })
      .from(shipments)
      .where(and(eq(shipments.storeOrderId, so.id), eq(shipments.carrier, carrier), eq(shipments.trackingNumber, input.trackingNumber)));
    if (dup) {
      const had = await tx.select({ orderItemId: shipmentItems.orderItemId, quantity: shipmentItems.quantity }).from(shipmentItems).where(eq(shipmentItems.shipmentId, dup.id));
      const same = had.length === wanted.length && wanted.every((w) => had.some((h) => h.orderItemId === w.orderItemId && h.quantity === w.quantity));
      if (same) return { shipmentId: dup.id, created: false, storeOrderStatus: so.status };
      throw new DomainError('tracking_in_use', `${carrier} ${input.trackingNumber} is already on a shipment of this order.`, 409);
    }
    if (!isOpenStatus(so.status)) throw new DomainError('not_fulfillable', closedReason(so.status), 409);

    const lines = await tx.select().from(orderItems).where(eq(orderItems.storeOrderId, so.id)).orderBy(asc(orderItems.id)).for('update');
    for (const w of wanted) {
      const line = lines.find((l) => l.id === w.orderItemId);
      if (!line) throw new NotFoundError('That line');
      if (w.quantity > openUnits(line)) throw new DomainError('over_fulfilment', `Only ${openUnits(line)} of ${lineLabel(line)} left to ship.`, 409);
    }
    for (const w of wanted) {
      const [u] = await tx
        .update(orderItems)
        .set({ quantityFulfilled: sql`${orderItems.quantityFulfilled} + ${w.quantity}` })
        .where(and(eq(orderItems.id, w.orderItemId), eq(orderItems.storeOrderId, so.id), sql`${orderItems.quantityFulfilled} + ${orderItems.quantityCancelled} + ${w.quantity} <= ${orderItems.quantity}`))
        .returning({ id: orderItems.id, quantityFulfilled: orderItems.quantityFulfilled });
      if (!u) throw new DomainError('over_fulfilment', 'Those units were shipped or cancelled meanwhile. Reload the order.', 409);
      lines.find((l) => l.id === u.id)!.quantityFulfilled = u.quantityFulfilled;
    }
    const [s] = await tx
      .insert(shipments)
      .values({ storeOrderId: so.id, orderId: so.orderId, storeId: scope.storeId, carrier, trackingNumber: input.trackingNumber, trackingUrl, createdBy: scope.userId })
      .returning({ id: shipments.id });
    await tx.insert(shipmentItems).values(wanted.map((w) => ({ shipmentId: s!.id, orderItemId: w.orderItemId, quantity: w.quantity })));

    const to = storeOrderStatusFor(lines);
    await applyStoreOrderStatus(tx, so.id, to);
    const shipped = wanted.map((w) => {
      const l = lines.find((x) => x.id === w.orderItemId)!;
      return { title: l.title, variantTitle: l.variantTitle, quantity: w.quantity };
    });
    await recordOrderEvent(tx, {
      orderId: so.orderId,
      storeOrderId: so.id,
      type: 'shipped',
      message: `Shipped by ${so.storeName} via ${carrier} ${input.trackingNumber}`,
      data: { carrier, trackingNumber: input.trackingNumber, trackingUrl, shipmentId: s!.id, items: shipped },
      dedupeKey: `shipment:${s!.id}`,
    });
    await enqueueEmail(
      tx,
      await shippingUpdateEmail({
        number: so.order.number,
        email: so.order.email,
        storeName: so.storeName,
        carrier,
        trackingNumber: input.trackingNumber,
        trackingUrl,
        trackUrl: orderTrackUrl(so.order),
        lines: shipped,
      }),
      `order-shipped:${s!.id}`,
    );
    return { shipmentId: s!.id, created: true, storeOrderStatus: to };
  });
}

/**
 * The carrier delivered a parcel: the shipment is stamped (once), the timeline says so, and when
 * every unit shipped and every parcel arrived the store order becomes delivered (rolled up).
 */
export async function markShipmentDelivered(db: Db, scope: StoreScope, shipmentId: string): Promise<{ storeOrderStatus: OrderStatus; changed: boolean }> {
  return db.transaction(async (tx) => {
    const [ref] = await tx.select({ storeOrderId: shipments.storeOrderId }).from(shipments).where(and(eq(shipments.id, shipmentId), eq(shipments.storeId, scope.storeId)));
    if (!ref) throw new NotFoundError('That shipment');
    const so = await lockStoreOrder(tx, scope.storeId, ref.storeOrderId);
    const [s] = await tx
      .update(shipments)
      .set({ deliveredAt: sql`greatest(now(), ${shipments.shippedAt})` })
      .where(and(eq(shipments.id, shipmentId), isNull(shipments.deliveredAt)))
      .returning();
    if (!s) return { storeOrderStatus: so.status, changed: false };
    await recordOrderEvent(tx, {
      orderId: so.orderId,
      storeOrderId: so.id,
      type: 'delivered',
      message: `Delivered: ${s.carrier} ${s.trackingNumber}`,
      data: { carrier: s.carrier, trackingNumber: s.trackingNumber, trackingUrl: s.trackingUrl, shipmentId: s.id },
      dedupeKey: `delivered:${s.id}`,
    });
    const [{ undelivered }] = (await tx
      .select({ undelivered: sql<number>`count(*)::int` })
      .from(shipments)
      .where(and(eq(shipments.storeOrderId, so.id), isNull(shipments.deliveredAt)))) as [{ undelivered: number }];
    if (so.status === 'fulfilled' && undelivered === 0) {
      await applyStoreOrderStatus(tx, so.id, 'delivered');
      return { storeOrderStatus: 'delivered', changed: true };
    }
    return { storeOrderStatus: so.status, changed: true };
  });
}
