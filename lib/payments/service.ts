import { and, eq, sql } from 'drizzle-orm';
import { checkouts } from '@/db/schema/checkout';
import { orders, storeOrders } from '@/db/schema/orders';
import { type Payment, paymentEvents, payments, type PaymentStatus, type Refund, refunds } from '@/db/schema/payments';
import type { Db, DbOrTx, Tx } from '@/lib/platform/db';
import { DomainError } from '@/lib/platform/errors';
import { logger } from '@/lib/platform/logger';
import type { PaymentProvider, ProviderPaymentState } from './provider';
import { canMovePayment, refundStatusFor } from './state';

/** The payment row of a checkout, created on first use (unique per checkout). */
export async function ensurePayment(db: DbOrTx, checkoutId: string): Promise<Payment> {
  const [c] = await db.select().from(checkouts).where(eq(checkouts.id, checkoutId));
  if (!c) throw new DomainError('not_found', 'Checkout not found.', 404);
  await db
    .insert(payments)
    .values({ checkoutId, provider: c.paymentProvider, amount: c.total, currency: c.currency })
    .onConflictDoNothing({ target: payments.checkoutId });
  const [p] = await db.select().from(payments).where(eq(payments.checkoutId, checkoutId));
  return p!;
}

export async function getPaymentForCheckout(db: DbOrTx, checkoutId: string): Promise<Payment | null> {
  const [p] = await db.select().from(payments).where(eq(payments.checkoutId, checkoutId));
  return p ?? null;
}

/**
 * Moves our row to the provider's state, only forwards (a late or repeated answer never undoes
 * a newer one). Amounts only grow. Returns the row as it is afterwards.
 */
export async function syncPayment(db: DbOrTx, paymentId: string, s: ProviderPaymentState): Promise<Payment> {
  // Its own transaction (a savepoint inside a caller's), so the row lock spans read and write:
  // a webhook landing in between can't have its newer status overwritten.
  return db.transaction(async (tx) => {
    const [cur] = await tx.select().from(payments).where(eq(payments.id, paymentId)).for('update');
    if (!cur) throw new Error(`payment ${paymentId} vanished`);
    const captured = Math.max(cur.amountCaptured, s.amountCaptured);
    const refunded = Math.max(cur.amountRefunded, s.amountRefunded);
    // Amounts decide once money moved: a refund event that overtakes the capture event still lands as a refund.
    let status: PaymentStatus = s.status === 'captured' || (captured > 0 && refunded > 0) ? refundStatusFor(captured, refunded) : s.status;
    if (status === cur.status || !canMovePayment(cur.status, status)) status = cur.status;
    const [row] = await tx
      .update(payments)
      .set({
        status,
        providerRef: cur.providerRef ?? s.ref,
        amountCaptured: captured,
        amountRefunded: refunded,
        failureCode: status === 'failed' ? (s.failureCode ?? cur.failureCode) : cur.failureCode,
        failureMessage: status === 'failed' ? (s.failureMessage ?? cur.failureMessage) : cur.failureMessage,
      })
      .where(eq(payments.id, paymentId))
      .returning();
    return row!;
  });
}

export type AuthorizationOutcome =
  | { status: 'authorized'; paymentId: string }
  | { status: 'requires_action'; paymentId: string; actionUrl: string | null; clientSecret: string | null }
  | { status: 'declined'; paymentId: string; code: string; message: string };

function outcomeOf(p: Payment, s?: ProviderPaymentState): AuthorizationOutcome {
  if (p.status === 'requires_action') return { status: 'requires_action', paymentId: p.id, actionUrl: s?.actionUrl ?? null, clientSecret: s?.clientSecret ?? null };
  if (p.status === 'authorized' || p.status === 'captured') return { status: 'authorized', paymentId: p.id };
  return { status: 'declined', paymentId: p.id, code: p.failureCode ?? 'card_declined', message: p.failureMessage ?? 'The payment was declined.' };
}

/**
 * Authorizes the checkout's total (manual capture). Idempotent: the provider call is keyed by
 * our payment id, and a payment that already has an outcome is answered from our row.
 * A provider timeout throws, so the saga step retries and the provider replays its answer.
 */
export async function authorizePayment(db: Db, provider: PaymentProvider, checkoutId: string, returnUrl: string): Promise<AuthorizationOutcome> {
  const payment = await ensurePayment(db, checkoutId);
  if (payment.status !== 'pending' && payment.status !== 'requires_action') return outcomeOf(payment);
  if (payment.status === 'requires_action' && payment.providerRef) return refreshAuthorization(db, provider, checkoutId);
  const [c] = await db.select().from(checkouts).where(eq(checkouts.id, checkoutId));
  const result = await provider.authorize({
    paymentId: payment.id,
    checkoutId,
    amount: payment.amount,
    currency: payment.currency,
    paymentMethod: c!.paymentMethod,
    email: c!.email,
    returnUrl,
  });
  logger.info('payment authorization', { checkoutId, paymentId: payment.id, provider: provider.name, amount: payment.amount, outcome: result.status, ...(result.status === 'declined' ? { declineCode: result.declineCode } : {}) });
  if (result.status === 'declined') {
    const [row] = await db
      .update(payments)
      .set({ status: 'failed', providerRef: result.ref ?? payment.providerRef, failureCode: result.declineCode, failureMessage: result.message })
      .where(and(eq(payments.id, payment.id), eq(payments.status, 'pending')))
      .returning();
    return outcomeOf(row ?? (await getPaymentForCheckout(db, checkoutId))!);
  }
  return outcomeOf(await syncPayment(db, payment.id, result), result);
}

/** Re-reads the provider after the shopper's 3-D Secure step (or a webhook) and records it. */
export async function refreshAuthorization(db: Db, provider: PaymentProvider, checkoutId: string): Promise<AuthorizationOutcome> {
  const payment = await ensurePayment(db, checkoutId);
  const state = payment.providerRef ? await provider.retrieve(payment.providerRef) : await provider.findByPaymentId(payment.id);
  if (!state) return outcomeOf(payment);
  return outcomeOf(await syncPayment(db, payment.id, state), state);
}

/** Captures the authorized amount once (idempotency key from our payment id). */
export async function capturePayment(db: Db, provider: PaymentProvider, checkoutId: string): Promise<Payment> {
  const payment = await ensurePayment(db, checkoutId);
  if (payment.status === 'captured' || payment.status === 'partially_refunded' || payment.status === 'refunded') return payment;
  if (payment.status !== 'authorized' || !payment.providerRef) throw new DomainError('payment_not_authorized', `Payment is ${payment.status}; nothing to capture.`, 409);
  const state = await provider.capture(payment.providerRef, payment.amount, `capture:${payment.id}`);
  logger.info('payment captured', { checkoutId, paymentId: payment.id, provider: provider.name, amount: state.amountCaptured });
  return syncPayment(db, payment.id, state);
}

/**
 * Compensation before capture: cancels whatever authorization the provider holds for this
 * checkout, even one we never heard back about (found by our payment id). A captured payment
 * is refunded in full instead. Safe to repeat.
 */
export async function voidOrRefundPayment(db: Db, provider: PaymentProvider, checkoutId: string, reason: string): Promise<Payment | null> {
  const payment = await getPaymentForCheckout(db, checkoutId);
  if (!payment) return null;
  const state = payment.providerRef ? await provider.retrieve(payment.providerRef) : await provider.findByPaymentId(payment.id);
  if (!state) {
    // The provider never created anything: close our row so it can't be mistaken for money.
    const [row] = await db.update(payments).set({ status: 'voided' }).where(and(eq(payments.id, payment.id), eq(payments.status, 'pending'))).returning();
    return row ?? payment;
  }
  if (state.status === 'authorized' || state.status === 'requires_action') {
    logger.info('payment voided', { checkoutId, paymentId: payment.id, provider: provider.name, reason });
    return syncPayment(db, payment.id, await provider.void(state.ref, `void:${payment.id}`));
  }
  if (state.status === 'captured') {
    await syncPayment(db, payment.id, state);
    const remaining = state.amountCaptured - state.amountRefunded;
    if (remaining > 0) await refundPayment(db, provider, { paymentId: payment.id, amount: remaining, reason, idempotencyKey: `refund-all:${payment.id}` });
    return (await getPaymentForCheckout(db, checkoutId))!;
  }
  return syncPayment(db, payment.id, state);
}

export type RefundRequest = { paymentId: string; amount: number; reason: string; idempotencyKey: string; orderId?: string | null; storeOrderId?: string | null };

/**
 * Step 1 of a refund, in the caller's transaction: records the refund (pending) under its
 * idempotency key, only if it fits in what is left of the payment. The payment row is locked
 * first, so concurrent refunds of one payment queue here and each sees the others' amounts:
 * left = captured − max(refunded as the provider reported it, our succeeded + pending refunds)
 * (a pending refund keeps its amount until it settles). The same key again
 * returns its row and reserves nothing more. Too large → 409 `refund_exceeds_captured`, nothing
 * recorded.
 */
export async function reserveRefund(tx: Tx, input: RefundRequest): Promise<Refund> {
  if (!Number.isInteger(input.amount) || input.amount <= 0) throw new DomainError('invalid_amount', 'A refund must be a positive amount.', 400);
  // The refund row's order and store order first, as a cancellation takes them (the order, then
  // the payment): left to the row's foreign keys they would be taken after the payment, and a
  // cancellation holding the order while waiting for the payment would deadlock with us.
  const [head] = await tx.select({ orderId: payments.orderId }).from(payments).where(eq(payments.id, input.paymentId));
  const orderId = input.orderId ?? head?.orderId;
  if (orderId) await tx.select({ id: orders.id }).from(orders).where(eq(orders.id, orderId)).for('key share');
  if (input.storeOrderId) await tx.select({ id: storeOrders.id }).from(storeOrders).where(eq(storeOrders.id, input.storeOrderId)).for('key share');
  const [payment] = await tx.select().from(payments).where(eq(payments.id, input.paymentId)).for('update');
  if (!payment?.providerRef || payment.amountCaptured <= 0) throw new DomainError('payment_not_captured', 'There is no captured payment to refund.', 409);
  const [existing] = await tx.select().from(refunds).where(eq(refunds.idempotencyKey, input.idempotencyKey));
  if (existing) {
    if (existing.paymentId !== payment.id) throw new DomainError('idempotency_key_in_use', 'That refund key belongs to another payment.', 409);
    return existing;
  }
  const [sums] = await tx
    .select({
      succeeded: sql<number>`coalesce(sum(${refunds.amount}) filter (where ${refunds.status} = 'succeeded'), 0)::int`,
      pending: sql<number>`coalesce(sum(${refunds.amount}) filter (where ${refunds.status} = 'pending'), 0)::int`,
    })
    .from(refunds)
    .where(eq(refunds.paymentId, payment.id));
  // The provider's figure can already include pending refunds of ours that it executed (another
  // refund's answer synced it), so it is compared with, not added to, what our rows promise; it
  // only wins when money was refunded outside our books.
  const left = payment.amountCaptured - Math.max(payment.amountRefunded, Number(sums!.succeeded) + Number(sums!.pending));
  if (input.amount > left) throw new DomainError('refund_exceeds_captured', 'The refund is larger than what is left to refund.', 409);
  const [row] = await tx
    .insert(refunds)
    .values({ paymentId: payment.id, orderId: input.orderId ?? payment.orderId, storeOrderId: input.storeOrderId ?? null, amount: input.amount, reason: input.reason, idempotencyKey: input.idempotencyKey })
    .returning();
  return row!;
}

/**
 * Refunds part or all of a captured payment, once per idempotency key, and never past what was
 * captured however many refunds run at once. The refund is reserved first (`reserveRefund`, its
 * own short transaction), then the provider is asked, with no lock held, under a key derived
 * from the refund row (`refund:<id>`): a repeat, or a concurrent call with the same key, is one
 * refund at the provider. A provider failure throws and leaves the refund pending, its amount
 * still reserved, for a retry with the same key.
 */
export async function refundPayment(db: Db, provider: PaymentProvider, input: RefundRequest): Promise<Refund> {
  const refund = await db.transaction((tx) => reserveRefund(tx, input));
  if (refund.status === 'succeeded') return refund;
  if (refund.status === 'failed') throw new DomainError('refund_failed', 'This refund failed; ask for a new one.', 409);
  const [payment] = await db.select({ providerRef: payments.providerRef }).from(payments).where(eq(payments.id, refund.paymentId));
  const { refundRef, state } = await provider.refund(payment!.providerRef!, refund.amount, `refund:${refund.id}`);
  logger.info('payment refunded', { paymentId: refund.paymentId, refundId: refund.id, provider: provider.name, amount: refund.amount, reason: input.reason });
  return db.transaction(async (tx) => {
    const [done] = await tx
      .update(refunds)
      .set({ status: 'succeeded', providerRef: refundRef, settledAt: new Date() })
      .where(and(eq(refunds.id, refund.id), eq(refunds.status, 'pending')))
      .returning();
    await syncPayment(tx, refund.paymentId, state);
    return done ?? (await tx.select().from(refunds).where(eq(refunds.id, refund.id)))[0]!;
  });
}

/**
 * Records a provider event (webhook) and applies its state in ONE transaction; the unique
 * (provider, event id) makes a duplicate delivery a no-op. Returns whether it was new and the
 * payment it touched (null when the payment is not ours).
 */
export async function recordProviderEvent(
  db: Db,
  e: { provider: string; eventId: string; type: string; payload: unknown; state: ProviderPaymentState | null },
): Promise<{ duplicate: boolean; payment: Payment | null; previousStatus: PaymentStatus | null }> {
  return db.transaction(async (tx) => {
    const s = e.state;
    const [p] = s
      ? await tx
          .select()
          .from(payments)
          .where(and(eq(payments.provider, e.provider), s.paymentId ? sql`(${payments.providerRef} = ${s.ref} or ${payments.id} = ${s.paymentId})` : eq(payments.providerRef, s.ref)))
          // Locked first: the event row's foreign key takes a share lock on the payment, and two
          // events for one payment upgrading that to syncPayment's FOR UPDATE would deadlock.
          .for('update')
      : [];
    const inserted = await tx
      .insert(paymentEvents)
      .values({ provider: e.provider, eventId: e.eventId, type: e.type, paymentId: p?.id ?? null, payload: e.payload as object })
      .onConflictDoNothing()
      .returning({ id: paymentEvents.id });
    if (!inserted.length) return { duplicate: true, payment: p ?? null, previousStatus: p?.status ?? null };
    if (!p || !e.state) return { duplicate: false, payment: p ?? null, previousStatus: p?.status ?? null };
    return { duplicate: false, payment: await syncPayment(tx, p.id, e.state), previousStatus: p.status };
  });
}
