import { InngestTestEngine } from '@inngest/test';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { checkouts } from '@/db/schema/checkout';
import { orders } from '@/db/schema/orders';
import { setSagaDepsForTests } from '@/lib/checkout/saga-steps';
import { completeTestChallenge, createTestProvider } from '@/lib/payments/test-provider';
import { CARDS, insertCheckout, insertSellable } from '@/test/checkout-fixtures';
import { useTestDatabase } from '@/test/db';
import { checkoutSagaFunction } from '.';
import { events } from '../events';

const checkoutId = '00000000-0000-4000-8000-000000000001';
const event = { name: events.checkoutSubmitted, data: { checkoutId } };
// A fresh engine per execution: an engine remembers the mocked steps it already ran.
const engine = { execute: (opts: InngestTestEngine.InlineOptions) => new InngestTestEngine({ function: checkoutSagaFunction, events: [event] }).execute(opts) };

/*
 * @inngest/test does not model retries ("Any error halts execution until retries are modelled"):
 * a mocked step that throws resolves to undefined instead of raising the StepError Inngest raises
 * once retries are exhausted. The thrown-and-exhausted compensation paths (authorize, place-order,
 * capture, mark-paid) run the same function code under the in-process driver in
 * lib/checkout/saga.int.test.ts, which does model retries and exhaustion.
 */

/** Step mocks: each step id answers what we say; compensation steps record that they ran. */
function mocks(over: Record<string, () => unknown>) {
  const ran: string[] = [];
  const ok: Record<string, () => unknown> = {
    'reserve-stock': () => ({ ok: true }),
    'authorize-payment': () => ({ status: 'authorized', paymentId: 'p1' }),
    'place-order': () => ({ ok: true, orderId: 'o1', number: 'MK-100001' }),
    'capture-payment': () => ({ captured: 1000 }),
    'mark-paid': () => null,
    'order-placed': () => ({ ids: [] }),
    ...over,
  };
  const compensations = ['compensate-authorization', 'compensate-declined', 'compensate-order', 'compensate-capture', 'compensate-after-capture', 'fail-out-of-stock'];
  const steps = [
    ...Object.entries(ok).map(([id, handler]) => ({ id, handler })),
    ...compensations.map((id) => ({ id, handler: () => (ran.push(id), null) })),
  ];
  return { steps, ran };
}


describe('checkout saga through @inngest/test (orchestration, steps mocked)', () => {
  it('runs the happy path without compensation and announces the order', async () => {
    const m = mocks({});
    const { result, ctx } = await engine.execute({ steps: m.steps });
    expect(result).toEqual({ status: 'completed', orderId: 'o1', number: 'MK-100001' });
    expect(m.ran).toEqual([]);
    expect(ctx.step.sendEvent).toHaveBeenCalledWith('order-placed', { name: events.orderPlaced, data: { orderId: 'o1', checkoutId } });
  });

  it('out of stock: fails before paying', async () => {
    const m = mocks({ 'reserve-stock': () => ({ ok: false, failure: { code: 'out_of_stock', message: 'x' } }) });
    const { result, ctx } = await engine.execute({ steps: m.steps });
    expect(result).toEqual({ status: 'failed', code: 'out_of_stock' });
    expect(m.ran).toEqual(['fail-out-of-stock']);
    expect(ctx.step.run).not.toHaveBeenCalledWith('authorize-payment', expect.anything());
  });

  it('declined: voids and releases (compensate-declined)', async () => {
    const m = mocks({ 'authorize-payment': () => ({ status: 'declined', paymentId: 'p1', code: 'card_declined', message: 'Your card was declined.' }) });
    const { result } = await engine.execute({ steps: m.steps });
    expect(result).toEqual({ status: 'failed', code: 'payment_declined' });
    expect(m.ran).toEqual(['compensate-declined']);
  });

  it('3-D Secure: waits for the authentication event, then continues', async () => {
    const m = mocks({
      'authorize-payment': () => ({ status: 'requires_action', paymentId: 'p1', actionUrl: '/pay/test/x', clientSecret: null }),
      'confirm-authentication': () => ({ status: 'authorized', paymentId: 'p1' }),
    });
    const waitForEvent = vi.fn(async () => ({ name: events.authenticationCompleted, data: { checkoutId } }));
    // The documented step mock for waitForEvent hits inngest-js#1652; override the tool instead.
    const { result } = await engine.execute({
      steps: m.steps,
      transformCtx: (ctx) => ({ ...ctx, step: { ...ctx.step, waitForEvent } }) as typeof ctx,
    });
    expect(waitForEvent).toHaveBeenCalledWith('wait-for-authentication', expect.objectContaining({ event: events.authenticationCompleted, match: 'data.checkoutId', timeout: '15m' }));
    expect(result).toMatchObject({ status: 'completed' });
  });

  it('3-D Secure never completed: treated as a timeout and compensated', async () => {
    const m = mocks({
      'authorize-payment': () => ({ status: 'requires_action', paymentId: 'p1', actionUrl: '/pay/test/x', clientSecret: null }),
      'confirm-authentication': () => ({ status: 'requires_action', paymentId: 'p1', actionUrl: '/pay/test/x', clientSecret: null }),
    });
    const { result } = await engine.execute({ steps: m.steps, transformCtx: (ctx) => ({ ...ctx, step: { ...ctx.step, waitForEvent: async () => null } }) as typeof ctx });
    expect(result).toEqual({ status: 'failed', code: 'authentication_timeout' });
    expect(m.ran).toEqual(['compensate-declined']);
  });

  it('the stock hold lost before the order is placed: compensates before capture', async () => {
    const m = mocks({ 'place-order': () => ({ ok: false, failure: { code: 'reservation_expired', message: 'x' } }) });
    const { result } = await engine.execute({ steps: m.steps });
    expect(result).toEqual({ status: 'failed', code: 'reservation_expired' });
    expect(m.ran).toEqual(['compensate-order']);
  });

});

describe('checkout saga through @inngest/test (real steps, Postgres)', () => {
  const t = useTestDatabase('postgres');
  beforeAll(() => setSagaDepsForTests({ db: t().db, provider: createTestProvider(t().db, { timeoutMs: 10 }) }));
  afterAll(() => setSagaDepsForTests(undefined));

  it('places and pays a real order', async () => {
    const f = await insertSellable(t().db, [3]);
    const c = await insertCheckout(t().db, f, { lines: [{ quantity: 2 }] });
    const { result } = await engine.execute({ events: [{ name: events.checkoutSubmitted, data: { checkoutId: c.id } }], steps: [{ id: 'order-placed', handler: () => ({ ids: [] }) }] });
    expect(result).toMatchObject({ status: 'completed' });
    const [o] = await t().db.select().from(orders).where(eq(orders.checkoutId, c.id));
    expect(o?.status).toBe('paid');
  });

  it('3-D Secure with the real steps: the challenge completes while the saga waits', async () => {
    const f = await insertSellable(t().db, [3]);
    const c = await insertCheckout(t().db, f, { card: CARDS.threeDS });
    // The engine replays the function once per step, so this runs more than once.
    const waitForEvent = vi.fn(async () => {
      const [row] = await t().db.select().from(checkouts).where(eq(checkouts.id, c.id));
      if (row!.actionUrl) await completeTestChallenge(t().db, row!.actionUrl.split('/').pop()!, 'succeed');
      return { name: events.authenticationCompleted, data: { checkoutId: c.id } };
    });
    const { result } = await engine.execute({
      events: [{ name: events.checkoutSubmitted, data: { checkoutId: c.id } }],
      steps: [{ id: 'order-placed', handler: () => ({ ids: [] }) }],
      transformCtx: (ctx) => ({ ...ctx, step: { ...ctx.step, waitForEvent } }) as typeof ctx,
    });
    const [row] = await t().db.select().from(checkouts).where(eq(checkouts.id, c.id));
    expect(row!.failure).toBeNull();
    expect(result).toMatchObject({ status: 'completed' });
  });
});
