import { and, asc, eq, inArray, lt, sql } from 'drizzle-orm';
import { orderLineCancellations, type OrderLineCancellation } from '@/db/schema/fulfilment';
import { orderItems, orders, storeOrders, type OrderStatus } from '@/db/schema/orders';
import { payments, refunds } from '@/db/schema/payments';
import { formatMoney } from '@/lib/money';
import { orderTrackUrl } from '@/lib/orders/emails';
import { applyStoreOrderStatus, recordOrderEvent } from '@/lib/orders/service';
import type { PaymentProvider } from '@/lib/payments/provider';
import { refundPayment, reserveRefund } from '@/lib/payments/service';
import type { Db } from '@/lib/platform/db';
import { enqueueEmail } from '@/lib/platform/email';
import { DomainError, NotFoundError } from '@/lib/platform/errors';
import { errorFields, logger } from '@/lib/platform/logger';
import type { StoreScope } from '@/lib/seller-catalog/scope';
import { itemsCancelledEmail } from './emails';
import { reasonText, type CancelLineInput } from './inputs';
import { lockStoreOrder } from './locks';
import { cancellationAmounts } from './refund-math';
import { closedReason, isOpenStatus, openUnits, storeOrderStatusFor } from './status';

export type CancelResult = { cancellation: OrderLineCancellation; created: boolean; storeOrderStatus: OrderStatus };

/** The refund's idempotency key: one per cancellation, derived from what caused it. */
export const cancellationKey = (orderItemId: string, seq: number) => `cancel:${orderItemId}:${seq}`;

/**
 * Step 1 of a cancellation, in ONE transaction: `quantity` unshipped units of a line are
 * cancelled (conditional update; the CHECK behind it), the cancellation and its pending refund
 * row are recorded, the store order's and the order's refunded totals grow (their CHECKs keep
 * them within the totals), the statuses move through the state machine, the timeline and the
 * shopper's email are written. No money moves yet: step 2 (`settleCancellationRefund`) asks the
 * provider, idempotently, and can be retried until it succeeds, so a cancelled line always has
 * a refund on its way. `input.seq` is the line's cancellation number the form expected; the
 * same number again is the same cancellation (a double submit cancels once).
 */
export async function cancelOrderLine(db: Db, scope: StoreScope, input: Omit<CancelLineInput, 'storeId'>): Promise<CancelResult> {
  return db.transaction(async (tx) => {
    const so = await lockStoreOrder(tx, scope.storeId, input.storeOrderId);
    const lines = await tx.select().from(orderItems).where(eq(orderItems.storeOrderId, so.id)).orderBy(asc(orderItems.id)).for('update');
    const line = lines.find((l) => l.id === input.orderItemId);
    if (!line) throw new NotFoundError('That line');
    const done = await tx.select().from(orderLineCancellations).where(eq(orderLineCancellations.orderItemId, line.id)).orderBy(asc(orderLineCancellations.seq));
    const same = done.find((c) => c.seq === input.seq);
    if (same) {
      if (same.quantity === input.quantity) return { cancellation: same, created: false, storeOrderStatus: so.status };
      throw new DomainError('stale_cancellation', 'This line changed since you opened the page. Reload and try again.', 409);
    }
    if (input.seq !== done.length + 1) throw new DomainError('stale_cancellation', 'This line changed since you opened the page. Reload and try again.', 409);
    if (!isOpenStatus(so.status)) throw new DomainError('not_cancellable', closedReason(so.status), 409);
    const open = openUnits(line);
    if (input.quantity > open) {
      throw new DomainError('over_cancellation', open ? `Only ${open} of ${line.title} can still be cancelled; the rest shipped or was cancelled.` : `Nothing of ${line.title} is left to cancel.`, 409);
    }

    const cancelsEverything = lines.every((l) => (l.id === line.id ? l.quantityCancelled + input.quantity : l.quantityCancelled) === l.quantity);
    const amounts = cancellationAmounts(line, so, input.quantity, cancelsEverything);
    const [u] = await tx
      .update(orderItems)
      .set({ quantityCancelled: sql`${orderItems.quantityCancelled} + ${input.quantity}` })
      .where(and(eq(orderItems.id, line.id), sql`${orderItems.quantityFulfilled} + ${orderItems.quantityCancelled} + ${input.quantity} <= ${orderItems.quantity}`))
      .returning({ quantityCancelled: orderItems.quantityCancelled });
    if (!u) throw new DomainError('over_cancellation', 'Those units were shipped or cancelled meanwhile. Reload the order.', 409);
    line.quantityCancelled = u.quantityCancelled;

    const key = cancellationKey(line.id, input.seq);
    const reason = reasonText(input);
    let refundId: string | null = null;
    if (amounts.amount > 0) {
      const [pay] = await tx.select({ id: payments.id }).from(payments).where(eq(payments.orderId, so.orderId));
      if (!pay) throw new DomainError('payment_not_captured', 'This order has no captured payment to refund.', 409);
      // Reserved against the payment under its row lock: with refunds made some other way (or
      // in flight) the cancellation never promises more than is left of what was captured.
      const r = await reserveRefund(tx, { paymentId: pay.id, orderId: so.orderId, storeOrderId: so.id, amount: amounts.amount, reason: `Cancelled by ${so.storeName}: ${reason}`, idempotencyKey: key });
      refundId = r.id;
      await tx.update(storeOrders).set({ refundedTotal: sql`${storeOrders.refundedTotal} + ${amounts.amount}` }).where(eq(storeOrders.id, so.id));
      await tx.update(orders).set({ refundedTotal: sql`${orders.refundedTotal} + ${amounts.amount}` }).where(eq(orders.id, so.orderId));
    }
    const [c] = await tx
      .insert(orderLineCancellations)
      .values({
        orderItemId: line.id,
        storeOrderId: so.id,
        orderId: so.orderId,
        storeId: scope.storeId,
        seq: input.seq,
        quantity: input.quantity,
        ...amounts,
        reason,
        status: amounts.amount > 0 ? 'refund_pending' : 'no_refund',
        idempotencyKey: key,
        refundId,
        createdBy: scope.userId,
      })
      .returning();

    const to = storeOrderStatusFor(lines);
    await applyStoreOrderStatus(tx, so.id, to);
    const what = `${input.quantity} × ${line.variantTitle ? `${line.title} (${line.variantTitle})` : line.title}`;
    const money = formatMoney(amounts.amount, so.currency);
    await recordOrderEvent(tx, {
      orderId: so.orderId,
      storeOrderId: so.id,
      type: amounts.amount > 0 ? 'refunded' : 'items_cancelled',
      message: `${so.storeName} cancelled ${what}${amounts.amount > 0 ? `; ${money} refunded` : ''}`,
      data: { amount: amounts.amount, quantity: input.quantity, orderItemId: line.id, cancellationId: c!.id },
      dedupeKey: `cancellation:${c!.id}`,
    });
    await enqueueEmail(
      tx,
      await itemsCancelledEmail({
        number: so.order.number,
        email: so.order.email,
        storeName: so.storeName,
        currency: so.currency,
        amount: amounts.amount,
        reason,
        trackUrl: orderTrackUrl(so.order),
        lines: [{ title: line.title, variantTitle: line.variantTitle, quantity: input.quantity }],
      }),
      `order-items-cancelled:${c!.id}`,
    );
    return { cancellation: c!, created: true, storeOrderStatus: to };
  });
}

const LEASE_SECONDS = 60;
const WAIT_FOR_OTHER_MS = 5_000;

/**
 * Step 2: pays a cancellation's refund through the payments module, once, and marks it
 * refunded. The refund row and the provider call are keyed by the cancellation, and a lease on
 * the cancellation keeps a single request in flight (a double submit and the scheduled retry
 * don't both call the provider; a crashed settler's lease runs out after a minute). Safe to call
 * any number of times; a provider failure throws and leaves it pending for the next try.
 * `storeId` limits it to one store's cancellations (the seller's retry button).
 */
export async function settleCancellationRefund(db: Db, provider: PaymentProvider, cancellationId: string, storeId?: string): Promise<OrderLineCancellation> {
  const mine = and(eq(orderLineCancellations.id, cancellationId), storeId ? eq(orderLineCancellations.storeId, storeId) : undefined);
  const [claimed] = await db
    .update(orderLineCancellations)
    .set({ refundClaimedUntil: sql`now() + make_interval(secs => ${LEASE_SECONDS})` })
    .where(and(mine, eq(orderLineCancellations.status, 'refund_pending'), sql`(${orderLineCancellations.refundClaimedUntil} is null or ${orderLineCancellations.refundClaimedUntil} < now())`))
    .returning();
  if (!claimed) {
    const [c] = await db.select().from(orderLineCancellations).where(mine);
    if (!c) throw new NotFoundError('That cancellation');
    // Refunded already, or another settler holds the call: give it a moment to finish.
    return c.status === 'refund_pending' ? waitForSettlement(db, c) : c;
  }
  const c = claimed;
  try {
    const [r] = await db.select().from(refunds).where(eq(refunds.idempotencyKey, c.idempotencyKey));
    if (!r) throw new Error(`cancellation ${c.id}: refund row ${c.idempotencyKey} is missing`);
    if (r.status !== 'succeeded') {
      await refundPayment(db, provider, { paymentId: r.paymentId, amount: r.amount, reason: r.reason, idempotencyKey: c.idempotencyKey, orderId: c.orderId, storeOrderId: c.storeOrderId });
    }
    // Read back: refundPayment may hand back its first read of the row.
    const [after] = await db.select().from(refunds).where(eq(refunds.id, r.id));
    if (after!.status !== 'succeeded') throw new Error(`cancellation ${c.id}: refund ${r.id} is ${after!.status}`);
    const [done] = await db
      .update(orderLineCancellations)
      .set({ status: 'refunded', refundedAt: after!.settledAt ?? new Date(), refundId: after!.id, refundClaimedUntil: null })
      .where(and(eq(orderLineCancellations.id, c.id), eq(orderLineCancellations.status, 'refund_pending')))
      .returning();
    return done ?? (await db.select().from(orderLineCancellations).where(eq(orderLineCancellations.id, c.id)))[0]!;
  } catch (err) {
    // Let the next try (button or sweep) go at once.
    await db.update(orderLineCancellations).set({ refundClaimedUntil: null }).where(and(eq(orderLineCancellations.id, c.id), eq(orderLineCancellations.status, 'refund_pending')));
    throw err;
  }
}

async function waitForSettlement(db: Db, c: OrderLineCancellation): Promise<OrderLineCancellation> {
  const deadline = Date.now() + WAIT_FOR_OTHER_MS;
  let cur = c;
  while (cur.status === 'refund_pending' && cur.refundClaimedUntil && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 100));
    cur = (await db.select().from(orderLineCancellations).where(eq(orderLineCancellations.id, c.id)))[0]!;
  }
  return cur;
}

export type CancelAndRefundResult = CancelResult & { refund: 'refunded' | 'pending' | 'none' };

/** Both steps, for the seller's action: the cancellation stands even when the provider is down (then the refund stays pending and is retried). */
export async function cancelLineAndRefund(db: Db, provider: PaymentProvider, scope: StoreScope, input: Omit<CancelLineInput, 'storeId'>): Promise<CancelAndRefundResult> {
  const r = await cancelOrderLine(db, scope, input);
  if (r.cancellation.status === 'no_refund') return { ...r, refund: 'none' };
  try {
    const settled = await settleCancellationRefund(db, provider, r.cancellation.id);
    return { ...r, cancellation: settled, refund: settled.status === 'refunded' ? 'refunded' : 'pending' };
  } catch (err) {
    logger.warn('fulfilment: refund of a cancellation failed; it stays pending for a retry', { cancellationId: r.cancellation.id, ...errorFields(err) });
    return { ...r, refund: 'pending' };
  }
}

/**
 * Retries refunds of cancellations still pending after `olderThanMs` (a crash or a provider
 * outage between the two steps), oldest first. For a scheduled job; returns what happened.
 */
export async function retryPendingCancellationRefunds(db: Db, provider: PaymentProvider, opts: { olderThanMs?: number; limit?: number } = {}): Promise<{ refunded: number; failed: number }> {
  const rows = await db
    .select({ id: orderLineCancellations.id })
    .from(orderLineCancellations)
    .where(and(eq(orderLineCancellations.status, 'refund_pending'), lt(orderLineCancellations.createdAt, new Date(Date.now() - (opts.olderThanMs ?? 60_000)))))
    .orderBy(asc(orderLineCancellations.createdAt))
    .limit(opts.limit ?? 100);
  let refunded = 0;
  let failed = 0;
  for (const { id } of rows) {
    try {
      if ((await settleCancellationRefund(db, provider, id)).status === 'refunded') refunded++;
    } catch (err) {
      failed++;
      logger.warn('fulfilment: refund retry failed', { cancellationId: id, ...errorFields(err) });
    }
  }
  return { refunded, failed };
}

/** A line's cancellations so far (for the form's next `seq`). */
export async function countLineCancellations(db: Db, orderItemIds: readonly string[]): Promise<Map<string, number>> {
  if (!orderItemIds.length) return new Map();
  const rows = await db
    .select({ id: orderLineCancellations.orderItemId, n: sql<number>`count(*)::int` })
    .from(orderLineCancellations)
    .where(inArray(orderLineCancellations.orderItemId, [...orderItemIds]))
    .groupBy(orderLineCancellations.orderItemId);
  return new Map(rows.map((r) => [r.id, r.n]));
}
