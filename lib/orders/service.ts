import { eq, inArray, sql } from 'drizzle-orm';
import { checkouts } from '@/db/schema/checkout';
import { orderEvents, orderItems, orderNumberSeq, orders, storeOrders, type OrderStatus } from '@/db/schema/orders';
import { payments } from '@/db/schema/payments';
import { markConverted } from '@/lib/cart/service';
import { attachHoldToOrder } from '@/lib/flash-sales/holds';
import { commitStock, restockCommitted } from '@/lib/inventory/reservations';
import type { Db, DbOrTx, Tx } from '@/lib/platform/db';
import { enqueueEmail } from '@/lib/platform/email';
import { DomainError } from '@/lib/platform/errors';
import { maybeFail } from '@/lib/platform/faults';
import { loadOrderEmailData, orderConfirmationEmail } from './emails';
import { assertTransition, canTransition, rollUpStatus } from './state';

export type PlacedOrder = { orderId: string; number: string };

export const formatOrderNumber = (seq: number | string) => `MK-${seq}`;

/** Records a timeline event once per dedupe key. */
export async function recordOrderEvent(
  db: DbOrTx,
  e: { orderId: string; storeOrderId?: string | null; type: string; message: string; data?: Record<string, unknown>; dedupeKey?: string },
): Promise<void> {
  await db
    .insert(orderEvents)
    .values({ orderId: e.orderId, storeOrderId: e.storeOrderId ?? null, type: e.type, message: e.message, data: e.data ?? null, dedupeKey: e.dedupeKey ?? null })
    .onConflictDoNothing();
}

/**
 * Places the order for a checkout in ONE transaction: the order, one store order per seller,
 * the lines (frozen from the checkout's quote), the reservations committed to sales, the
 * payment linked, the cart closed. Idempotent: the checkout id is unique on orders, so a
 * retried step returns the order it already made. Fails when the stock hold is gone.
 */
export async function placeOrder(db: Db, checkoutId: string, flashHoldId: string | null = null): Promise<PlacedOrder> {
  return db.transaction(async (tx) => {
    const [existing] = await tx.select({ id: orders.id, number: orders.number }).from(orders).where(eq(orders.checkoutId, checkoutId));
    if (existing) return { orderId: existing.id, number: existing.number };
    const [c] = await tx.select().from(checkouts).where(eq(checkouts.id, checkoutId)).for('update');
    if (!c) throw new DomainError('not_found', 'Checkout not found.', 404);
    // A flash-sale hold was confirmed by the gate just before; other checkouts hold reservations.
    if (!flashHoldId && !(await commitStock(tx, checkoutId, `checkout:${checkoutId}`))) {
      throw new DomainError('reservation_expired', 'The items were no longer held for this checkout.', 409);
    }
    await maybeFail('orders.place.in-transaction');
    const seq = await tx.execute<{ n: string }>(sql`select nextval(${sql.raw(`'${orderNumberSeq.seqName}'`)}) as n`);
    const number = formatOrderNumber(seq.rows[0]!.n);
    const q = c.quote;
    const [order] = await tx
      .insert(orders)
      .values({
        number,
        checkoutId,
        userId: c.userId,
        email: c.email,
        currency: q.currency,
        subtotal: q.subtotal,
        shippingTotal: q.shipping,
        taxTotal: q.tax,
        discountTotal: q.discount,
        total: q.total,
        shippingAddress: c.shippingAddress,
        billingAddress: c.billingAddress,
      })
      .returning({ id: orders.id });
    for (const [i, s] of q.stores.entries()) {
      const [so] = await tx
        .insert(storeOrders)
        .values({
          orderId: order!.id,
          storeId: s.storeId,
          number: `${number}-${i + 1}`,
          currency: q.currency,
          subtotal: s.subtotal,
          shippingTotal: s.shipping,
          taxTotal: s.tax,
          discountTotal: s.discount,
          total: s.total,
          shippingMethod: { rateId: s.shippingRateId, name: s.shippingName, minDays: 0, maxDays: 0 },
        })
        .returning({ id: storeOrders.id });
      await tx.insert(orderItems).values(
        s.lines.map((l) => ({
          orderId: order!.id,
          storeOrderId: so!.id,
          variantId: l.variantId,
          productId: l.productId,
          title: l.title,
          variantTitle: l.variantTitle,
          sku: l.sku,
          imageUrl: l.imageUrl,
          unitPrice: l.unitPrice,
          quantity: l.quantity,
          lineTotal: l.lineTotal,
          taxAmount: l.tax,
        })),
      );
    }
    if (flashHoldId && !(await attachHoldToOrder(tx, flashHoldId, order!.id))) {
      throw new DomainError('hold_expired', 'The flash-sale hold is no longer confirmed.', 409);
    }
    await recordOrderEvent(tx, { orderId: order!.id, type: 'placed', message: 'Order placed', dedupeKey: 'placed' });
    await tx.update(payments).set({ orderId: order!.id }).where(eq(payments.checkoutId, checkoutId));
    await tx.update(checkouts).set({ orderId: order!.id, step: 'order_placed' }).where(eq(checkouts.id, checkoutId));
    await markConverted(tx, c.cartId);
    return { orderId: order!.id, number };
  });
}

async function setStatus(tx: Tx, orderId: string, to: OrderStatus, extra: Partial<typeof orders.$inferInsert> = {}): Promise<boolean> {
  const [o] = await tx.select({ status: orders.status }).from(orders).where(eq(orders.id, orderId)).for('update');
  if (!o) throw new DomainError('not_found', 'Order not found.', 404);
  if (o.status === to) return false;
  assertTransition(o.status, to);
  await tx.update(orders).set({ status: to, ...extra }).where(eq(orders.id, orderId));
  const parts = await tx.select({ id: storeOrders.id, status: storeOrders.status }).from(storeOrders).where(eq(storeOrders.orderId, orderId));
  const movable = parts.filter((p) => canTransition(p.status, to)).map((p) => p.id);
  if (movable.length) await tx.update(storeOrders).set({ status: to }).where(inArray(storeOrders.id, movable));
  return true;
}

/** After capture: the order is paid and the confirmation email goes to the outbox, once. */
export async function markOrderPaid(db: Db, orderId: string): Promise<void> {
  await db.transaction(async (tx) => {
    const changed = await setStatus(tx, orderId, 'paid', { paidAt: new Date() });
    if (!changed) return;
    await recordOrderEvent(tx, { orderId, type: 'paid', message: 'Payment received', dedupeKey: 'paid' });
    await enqueueEmail(tx, await orderConfirmationEmail(await loadOrderEmailData(tx, orderId)), `order-confirmation:${orderId}`);
  });
}

/**
 * Cancels an order whose payment was never captured (the saga's compensation after the order
 * was placed): the units go back on hand, the timeline says why. Safe to repeat.
 */
export async function cancelUnpaidOrder(db: Db, orderId: string, reason: string): Promise<void> {
  await db.transaction(async (tx) => {
    const [o] = await tx.select({ status: orders.status, checkoutId: orders.checkoutId }).from(orders).where(eq(orders.id, orderId)).for('update');
    if (!o || o.status === 'cancelled') return;
    if (o.status !== 'placed') throw new DomainError('invalid_transition', `A ${o.status} order is refunded, not cancelled.`, 409);
    await setStatus(tx, orderId, 'cancelled', { cancelledAt: new Date() });
    await restockCommitted(tx, o.checkoutId, `cancel:${orderId}`);
    await recordOrderEvent(tx, { orderId, type: 'cancelled', message: reason, dedupeKey: 'cancelled' });
  });
}

export async function getOrderIdForCheckout(db: DbOrTx, checkoutId: string): Promise<PlacedOrder | null> {
  const [o] = await db.select({ orderId: orders.id, number: orders.number }).from(orders).where(eq(orders.checkoutId, checkoutId));
  return o ?? null;
}

export type StatusMove = { from: OrderStatus; to: OrderStatus };

/**
 * Moves one store order to `to` through the state machine (a no-op when it is there already)
 * and rolls its order's status up from all its store orders (`rollUpStatus`). For the seller's
 * fulfilment and cancellation services, inside the transaction that changed the lines. Locks
 * the order row, then its store orders, the order `setStatus` uses, so status writers queue
 * on the order and the roll-up reads settled siblings.
 */
export async function applyStoreOrderStatus(tx: Tx, storeOrderId: string, to: OrderStatus): Promise<{ orderId: string; storeOrder: StatusMove; order: StatusMove }> {
  const [ref] = await tx.select({ orderId: storeOrders.orderId }).from(storeOrders).where(eq(storeOrders.id, storeOrderId));
  if (!ref) throw new DomainError('not_found', 'Order not found.', 404);
  const [o] = await tx.select({ status: orders.status }).from(orders).where(eq(orders.id, ref.orderId)).for('update');
  const parts = await tx.select({ id: storeOrders.id, status: storeOrders.status }).from(storeOrders).where(eq(storeOrders.orderId, ref.orderId)).orderBy(storeOrders.id).for('update');
  const from = parts.find((p) => p.id === storeOrderId)!.status;
  if (from !== to) {
    assertTransition(from, to);
    await tx.update(storeOrders).set({ status: to }).where(eq(storeOrders.id, storeOrderId));
  }
  const rolled = rollUpStatus(parts.map((p) => (p.id === storeOrderId ? to : p.status)));
  if (rolled !== o!.status) {
    assertTransition(o!.status, rolled);
    await tx
      .update(orders)
      .set({ status: rolled, ...(rolled === 'cancelled' ? { cancelledAt: new Date() } : {}) })
      .where(eq(orders.id, ref.orderId));
  }
  return { orderId: ref.orderId, storeOrder: { from, to }, order: { from: o!.status, to: rolled } };
}
