import { eq, sql } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { variants } from '@/db/schema/catalog';
import { checkouts } from '@/db/schema/checkout';
import { lowStockAlerts } from '@/db/schema/seller-catalog';
import { inventoryLevels, reservations } from '@/db/schema/inventory';
import { emailOutbox } from '@/db/schema/messaging';
import { orders } from '@/db/schema/orders';
import { payments, testProviderIntents } from '@/db/schema/payments';
import { workflowRuns } from '@/db/schema/workflows';
import { events } from '@/inngest/events';
import { definitions } from '@/inngest/functions/definitions';
import { setSagaDepsForTests } from '@/lib/checkout/saga-steps';
import { reconcileStaleCheckouts } from '@/lib/checkout/reconcile';
import { completeTestChallenge, createTestProvider } from '@/lib/payments/test-provider';
import { armFault, clearFaults } from '@/lib/platform/faults';
import { WorkflowDriver } from '@/lib/platform/workflow-driver';
import { assertMoneyInvariants, CARDS, insertCheckout, insertSellable } from '@/test/checkout-fixtures';
import { BACKENDS, useTestDatabase } from '@/test/db';

describe.each(BACKENDS)('checkout saga (%s)', (backend) => {
  const t = useTestDatabase(backend, { poolSize: 20 });
  let driver: WorkflowDriver;

  beforeAll(() => {
    setSagaDepsForTests({ db: t().db, provider: createTestProvider(t().db, { timeoutMs: 20 }) });
    driver = new WorkflowDriver(t().db, definitions, { leaseMs: 150, retryDelaysMs: [1, 5, 10] });
  });
  afterAll(() => setSagaDepsForTests(undefined));
  afterEach(() => clearFaults());

  const submit = async (checkoutId: string) => driver.driveAll(await driver.dispatch([{ name: events.checkoutSubmitted, data: { checkoutId }, id: `checkout-${checkoutId}` }]));

  /** Ticks the driver until no run is queued or running (crashed runs come back after their lease). */
  async function settle(maxMs = 30_000) {
    const deadline = Date.now() + maxMs;
    while (Date.now() < deadline) {
      await driver.tick();
      const [busy] = await t().db.select({ n: sql<number>`count(*)::int` }).from(workflowRuns).where(sql`${workflowRuns.status} in ('queued', 'running')`);
      if (busy!.n === 0) return;
      await new Promise((r) => setTimeout(r, 60));
    }
    throw new Error('workflow runs did not settle');
  }

  const checkout = async (id: string) => (await t().db.select().from(checkouts).where(eq(checkouts.id, id)))[0]!;
  const stock = async (variantId: string) =>
    (await t().db.select({ onHand: sql<number>`sum(${inventoryLevels.onHand})::int`, reserved: sql<number>`sum(${inventoryLevels.reserved})::int` }).from(inventoryLevels).where(eq(inventoryLevels.variantId, variantId)))[0]!;

  it('a good card: one order, captured, stock taken, confirmation queued', async () => {
    const f = await insertSellable(t().db, [10]);
    const c = await insertCheckout(t().db, f, { lines: [{ quantity: 3 }] });
    await submit(c.id);
    const after = await checkout(c.id);
    expect(after.status).toBe('completed');
    const [o] = await t().db.select().from(orders).where(eq(orders.checkoutId, c.id));
    expect(o).toMatchObject({ status: 'paid', total: 3500 });
    expect(o!.number).toMatch(/^MK-\d{6,}$/);
    const [p] = await t().db.select().from(payments).where(eq(payments.checkoutId, c.id));
    expect(p).toMatchObject({ status: 'captured', amountCaptured: 3500, orderId: o!.id });
    expect(await stock(f.variantIds[0]!)).toEqual({ onHand: 7, reserved: 0 });
    const mails = await t().db.select().from(emailOutbox).where(eq(emailOutbox.dedupeKey, `order-confirmation:${o!.id}`));
    expect(mails).toHaveLength(1);
    expect(mails[0]!.subject).toContain(o!.number);
    // Replaying the event changes nothing: one run per checkout.
    await submit(c.id);
    expect(await t().db.select().from(orders).where(eq(orders.checkoutId, c.id))).toHaveLength(1);
  });

  it('a sale that takes stock below the threshold raises the seller’s low-stock alert', async () => {
    const f = await insertSellable(t().db, [6]);
    await t().db.update(variants).set({ lowStockThreshold: 3 }).where(eq(variants.id, f.variantIds[0]!));
    const c = await insertCheckout(t().db, f, { lines: [{ quantity: 4 }] });
    await submit(c.id);
    await settle();
    const deadline = Date.now() + 10_000;
    let alerts: unknown[] = [];
    while (Date.now() < deadline && !alerts.length) {
      alerts = await t().db.select().from(lowStockAlerts).where(eq(lowStockAlerts.variantId, f.variantIds[0]!));
      if (!alerts.length) await new Promise((r) => setTimeout(r, 100));
    }
    expect(alerts).toHaveLength(1);
  });

  it('a declined card: no order, stock released, checkout failed with the reason', async () => {
    const f = await insertSellable(t().db, [4]);
    const c = await insertCheckout(t().db, f, { lines: [{ quantity: 2 }], card: CARDS.declined });
    await submit(c.id);
    const after = await checkout(c.id);
    expect(after.status).toBe('failed');
    expect(after.failure).toMatchObject({ code: 'payment_declined', message: 'Your card was declined.' });
    expect(await t().db.select().from(orders).where(eq(orders.checkoutId, c.id))).toHaveLength(0);
    expect(await stock(f.variantIds[0]!)).toEqual({ onHand: 4, reserved: 0 });
  });

  it('out of stock: fails before any payment, naming the line and what is left', async () => {
    const f = await insertSellable(t().db, [2]);
    const c = await insertCheckout(t().db, f, { lines: [{ quantity: 3 }] });
    await submit(c.id);
    const after = await checkout(c.id);
    expect(after.status).toBe('failed');
    expect(after.failure).toMatchObject({ code: 'out_of_stock', lines: [{ variantId: f.variantIds[0], requested: 3, available: 2 }] });
    expect(await t().db.select().from(payments).where(eq(payments.checkoutId, c.id))).toHaveLength(0);
  });

  it('3-D Secure: the saga waits for the challenge, then completes', async () => {
    const f = await insertSellable(t().db, [5]);
    const c = await insertCheckout(t().db, f, { card: CARDS.threeDS });
    await submit(c.id);
    const waiting = await checkout(c.id);
    expect(waiting.status).toBe('requires_action');
    expect(waiting.actionUrl).toMatch(/^\/pay\/test\/ti_/);
    const ref = waiting.actionUrl!.split('/').pop()!;
    await completeTestChallenge(t().db, ref, 'succeed');
    await driver.driveAll(await driver.dispatch([{ name: events.authenticationCompleted, data: { checkoutId: c.id } }]));
    expect((await checkout(c.id)).status).toBe('completed');
  });

  it('3-D Secure failed or abandoned: authorization voided, stock released', async () => {
    const f = await insertSellable(t().db, [5]);
    const failed = await insertCheckout(t().db, f, { card: CARDS.threeDS });
    const abandoned = await insertCheckout(t().db, f, { card: CARDS.threeDS });
    await submit(failed.id);
    await submit(abandoned.id);
    const ref = (await checkout(failed.id)).actionUrl!.split('/').pop()!;
    await completeTestChallenge(t().db, ref, 'fail');
    await driver.driveAll(await driver.dispatch([{ name: events.authenticationCompleted, data: { checkoutId: failed.id } }]));
    expect((await checkout(failed.id)).failure).toMatchObject({ code: 'authentication_failed' });
    // The 15-minute wait runs out (moved to now).
    await t().db.update(workflowRuns).set({ runAt: new Date(Date.now() - 1000) }).where(eq(workflowRuns.status, 'waiting'));
    await settle();
    const gone = await checkout(abandoned.id);
    expect(gone.failure).toMatchObject({ code: 'authentication_timeout' });
    const [p] = await t().db.select().from(payments).where(eq(payments.checkoutId, abandoned.id));
    expect(p!.status).toBe('voided');
    expect(await stock(f.variantIds[0]!)).toEqual({ onHand: 5, reserved: 0 });
  });

  it('a timeout after the provider charged: the retry finds the same authorization; one charge', async () => {
    const f = await insertSellable(t().db, [5]);
    const c = await insertCheckout(t().db, f, { card: CARDS.timeout });
    await submit(c.id);
    expect((await checkout(c.id)).status).toBe('completed');
    const [p] = await t().db.select().from(payments).where(eq(payments.checkoutId, c.id));
    const intents = await t().db.select().from(testProviderIntents).where(sql`${testProviderIntents.metadata}->>'checkoutId' = ${c.id}`);
    expect(intents).toHaveLength(1);
    expect(intents[0]).toMatchObject({ id: p!.providerRef, status: 'captured' });
  });

  it('a timeout that never recovers: the charge it made is found and voided', async () => {
    const f = await insertSellable(t().db, [5]);
    const c = await insertCheckout(t().db, f);
    // The first call reaches the provider and charges, then the line drops; every retry fails to connect.
    armFault('provider.authorize.after-charge');
    armFault('provider.authorize.before', { skip: 1, times: 10 });
    await submit(c.id);
    expect((await checkout(c.id)).failure).toMatchObject({ code: 'payment_error' });
    const intents = await t().db.select().from(testProviderIntents).where(sql`${testProviderIntents.metadata}->>'checkoutId' = ${c.id}`);
    expect(intents.map((i) => i.status)).toEqual(['voided']);
    expect(await t().db.select().from(reservations).where(sql`${reservations.checkoutId} = ${c.id} and ${reservations.status} = 'active'`)).toHaveLength(0);
  });

  it('capture fails for good: the placed order is cancelled, restocked, the authorization voided', async () => {
    const f = await insertSellable(t().db, [5]);
    const c = await insertCheckout(t().db, f, { lines: [{ quantity: 2 }] });
    armFault('provider.capture', { times: 10 });
    await submit(c.id);
    const [o] = await t().db.select().from(orders).where(eq(orders.checkoutId, c.id));
    expect(o!.status).toBe('cancelled');
    expect(await stock(f.variantIds[0]!)).toEqual({ onHand: 5, reserved: 0 });
    const [p] = await t().db.select().from(payments).where(eq(payments.checkoutId, c.id));
    expect(p!.status).toBe('voided');
  });

  it('a failure after capture is compensated by a refund', async () => {
    const f = await insertSellable(t().db, [5]);
    const c = await insertCheckout(t().db, f);
    armFault('saga.complete', { times: 10 });
    await submit(c.id);
    const [p] = await t().db.select().from(payments).where(eq(payments.checkoutId, c.id));
    expect(p).toMatchObject({ status: 'refunded', amountRefunded: 1500 });
    const [o] = await t().db.select().from(orders).where(eq(orders.checkoutId, c.id));
    expect(o!.status).toBe('cancelled');
    expect(await stock(f.variantIds[0]!)).toEqual({ onHand: 5, reserved: 0 });
  });

  it('a crash between steps: the run resumes after its lease and finishes once', async () => {
    const f = await insertSellable(t().db, [5]);
    const c = await insertCheckout(t().db, f);
    armFault('driver.crash-after:authorize-payment');
    await submit(c.id);
    expect((await checkout(c.id)).status).toBe('processing');
    await settle();
    expect((await checkout(c.id)).status).toBe('completed');
    expect(await t().db.select().from(testProviderIntents).where(sql`${testProviderIntents.metadata}->>'checkoutId' = ${c.id}`)).toHaveLength(1);
  });

  const faultPoints = [
    'saga.reserve',
    'saga.authorize',
    'provider.authorize.before',
    'provider.authorize.after-charge',
    'saga.place-order',
    'orders.place.in-transaction',
    'saga.capture',
    'provider.capture',
    'saga.complete',
    'provider.refund',
    'driver.crash-after-any',
  ];

  it('randomized faults at every step: no order without payment, no payment without order, nothing left reserved', async () => {
    const runs = backend === 'postgres' ? 30 : 12;
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          cards: fc.array(fc.constantFrom(CARDS.ok, CARDS.ok, CARDS.declined, CARDS.timeout, CARDS.threeDS), { minLength: 1, maxLength: 4 }),
          faults: fc.array(fc.record({ point: fc.constantFrom(...faultPoints), times: fc.integer({ min: 1, max: 6 }), probability: fc.constantFrom(0.3, 0.6, 1) }), { maxLength: 4 }),
          stock: fc.integer({ min: 1, max: 4 }),
          challenge: fc.constantFrom('succeed', 'fail', 'abandon'),
        }),
        async ({ cards, faults, stock: onHand, challenge }) => {
          clearFaults();
          const f = await insertSellable(t().db, [onHand]);
          const list = [];
          for (const card of cards) list.push(await insertCheckout(t().db, f, { card, lines: [{ quantity: 1 }] }));
          for (const x of faults) armFault(x.point, { times: x.times, probability: x.probability });
          await Promise.all(list.map((c) => submit(c.id).catch(() => {})));
          await settle();
          clearFaults();
          // Whoever is waiting on 3-D Secure: complete, fail, or let the wait run out.
          for (const c of list) {
            const cur = await checkout(c.id);
            if (cur.status !== 'requires_action') continue;
            const ref = cur.actionUrl!.split('/').pop()!;
            if (challenge !== 'abandon') {
              await completeTestChallenge(t().db, ref, challenge);
              await driver.driveAll(await driver.dispatch([{ name: events.authenticationCompleted, data: { checkoutId: c.id } }]));
            }
          }
          await t().db.update(workflowRuns).set({ runAt: new Date(Date.now() - 1000) }).where(eq(workflowRuns.status, 'waiting'));
          await settle();
          // Runs that failed for good leave their checkout to the reconciler (the maintenance cron).
          await reconcileStaleCheckouts(t().db, 0);
          await assertMoneyInvariants(t().db, (v, msg) => expect(v, msg));
          const sold = await t().db.select({ n: sql<number>`count(*)::int` }).from(orders).where(sql`${orders.checkoutId} in (select id from checkouts where cart_id in (select cart_id from checkouts)) and ${orders.status} <> 'cancelled' and ${orders.checkoutId} = any(array[${sql.join(list.map((c) => sql`${c.id}::uuid`), sql`, `)}])`);
          expect(await stock(f.variantIds[0]!)).toEqual({ onHand: onHand - sold[0]!.n, reserved: 0 });
        },
      ),
      { numRuns: runs },
    );
  });
});
