import { eq } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { orderLineCancellations } from '@/db/schema/fulfilment';
import { payments, refunds, testProviderIntents } from '@/db/schema/payments';
import type { PaymentProvider } from '@/lib/payments/provider';
import { refundPayment } from '@/lib/payments/service';
import { createTestProvider } from '@/lib/payments/test-provider';
import { DomainError } from '@/lib/platform/errors';
import { insertSellable } from '@/test/checkout-fixtures';
import { BACKENDS, useTestDatabase } from '@/test/db';
import { cancelLineAndRefund, retryPendingCancellationRefunds } from './cancellations';
import { insertStoreMember, sagaBuyer } from './test-fixtures';

/**
 * Sellers cancelling lines (each submitted several times at once) while refunds are made some
 * other way on the same order (support, compensation): however they interleave, what our books
 * promise (pending + succeeded refunds) never passes what was captured, every promise is paid,
 * and our books equal the provider's.
 */
describe.each(BACKENDS)('cancellations racing other refunds of the order (%s)', (backend) => {
  const t = useTestDatabase(backend, { poolSize: 24 });
  let buyer: ReturnType<typeof sagaBuyer>;
  let provider: PaymentProvider;

  beforeAll(() => {
    provider = createTestProvider(t().db, { timeoutMs: 20 });
    buyer = sagaBuyer(t().db, provider);
  });
  afterAll(() => buyer?.done());

  async function race(units: number[], supportRefunds: number[]) {
    const db = t().db;
    const f = await insertSellable(db, units.map(() => 20));
    const seller = await insertStoreMember(db, f.storeId);
    const bought = await buyer.buy([{ f, lines: units.map((quantity, variant) => ({ variant, quantity, unitPrice: 1000 })), shipping: 500 }]);
    const so = bought.storeOrders[0]!;
    const lines = bought.lines(so.id);
    const [payment] = await db.select().from(payments).where(eq(payments.orderId, bought.order.id));
    const captured = payment!.amountCaptured;

    // Every line cancelled in full, each cancellation submitted three times at once; support refunds alongside.
    const cancels = lines.flatMap((l) => [0, 1, 2].map(() => () => cancelLineAndRefund(db, provider, seller.scope, { storeOrderId: so.id, orderItemId: l.id, quantity: l.quantity, seq: 1, reason: 'out_of_stock', note: '' })));
    const support = supportRefunds.map((amount, i) => () => refundPayment(db, provider, { paymentId: payment!.id, amount, reason: 'support', idempotencyKey: `support:${payment!.id}:${i}` }));
    const calls = [...cancels, ...support].sort(() => Math.random() - 0.5);
    const outcomes = await Promise.allSettled(calls.map((c) => c()));
    for (const o of outcomes) {
      if (o.status === 'rejected') {
        expect(o.reason, String((o.reason as { cause?: unknown }).cause ?? o.reason)).toBeInstanceOf(DomainError);
        expect(['refund_exceeds_captured', 'stale_cancellation', 'not_cancellable', 'over_cancellation']).toContain((o.reason as DomainError).code);
      }
    }
    // What a crash or an outage would have left pending is paid by the retry sweep.
    await retryPendingCancellationRefunds(db, provider, { olderThanMs: -60_000 });

    const rows = await db.select().from(refunds).where(eq(refunds.paymentId, payment!.id));
    const promised = rows.filter((r) => r.status !== 'failed').reduce((n, r) => n + r.amount, 0);
    expect(promised, 'refunds promised beyond what was captured').toBeLessThanOrEqual(captured);
    expect(rows.filter((r) => r.status !== 'succeeded'), 'refunds that can never be paid').toEqual([]);
    const [after] = await db.select().from(payments).where(eq(payments.id, payment!.id));
    const [intent] = await db.select().from(testProviderIntents).where(eq(testProviderIntents.id, after!.providerRef!));
    expect(after!.amountRefunded).toBe(promised);
    expect(intent!.amountRefunded).toBe(promised);
    const cancellations = await db.select().from(orderLineCancellations).where(eq(orderLineCancellations.storeOrderId, so.id));
    for (const c of cancellations) expect(c.status).toBe('refunded');
    // Nothing refused had room left for it.
    const left = captured - promised;
    const refusedSupport = supportRefunds.filter((_, i) => !rows.some((r) => r.idempotencyKey === `support:${payment!.id}:${i}`));
    for (const amount of refusedSupport) expect(amount).toBeGreaterThan(left);
    return { captured, promised, cancellations: cancellations.length };
  }

  it('3 lines cancelled (9 submits) and 4 support refunds of 30.00 on 95.00 captured', async () => {
    const r = await race([3, 3, 3], [3000, 3000, 3000, 3000]);
    expect(r.captured).toBe(9500);
  });

  it('randomised lines and support refunds', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.integer({ min: 1, max: 3 }), { minLength: 1, maxLength: 3 }), fc.array(fc.integer({ min: 1, max: 6000 }), { maxLength: 5 }), async (units, support) => {
        await race(units, support);
      }),
      { numRuns: backend === 'postgres' ? 10 : 4, endOnFailure: true },
    );
  });
});
