import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import IORedis from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkouts } from '@/db/schema/checkout';
import { flashHolds } from '@/db/schema/flash-sales';
import { orders } from '@/db/schema/orders';
import { createStockGate, type StockGate } from '@/lib/flash-sales/gate';
import { ioredisScriptClient } from '@/lib/flash-sales/redis-client';
import { insertFlashStock, insertLiveSale } from '@/lib/flash-sales/test-fixtures';
import { createTestProvider } from '@/lib/payments/test-provider';
import { CARDS, testCheckoutRequest } from '@/test/checkout-fixtures';
import { startInProcessSaga, stopInProcessSaga } from '@/test/saga';
import { useTestDatabase } from '@/test/db';
import { submitFlashCheckout } from './flash';
import type { CheckoutRequest } from './inputs';

const request = (card: string = CARDS.ok): CheckoutRequest => testCheckoutRequest(card, 'flash@example.com');

describe.each(['postgres', 'redis'] as const)('flash-sale express checkout (%s engine)', (engine) => {
  const t = useTestDatabase('postgres', { poolSize: 20 });
  let gate: StockGate;
  let close: (() => Promise<void>) | undefined;
  const prefix = `test-flash-checkout-${randomUUID().slice(0, 8)}`;

  beforeAll(async () => {
    const client = engine === 'redis' ? await ioredisScriptClient('redis://127.0.0.1:6379') : null;
    close = client ? () => client.close() : undefined;
    gate = createStockGate(t().db, { redis: client, keyPrefix: prefix });
    startInProcessSaga({ db: t().db, provider: createTestProvider(t().db, { timeoutMs: 10 }), gate });
  });
  afterAll(async () => {
    stopInProcessSaga();
    await close?.();
    if (engine === 'redis') {
      const raw = new IORedis('redis://127.0.0.1:6379');
      const keys = await raw.keys(`${prefix}*`);
      if (keys.length) await raw.del(...keys);
      raw.disconnect();
    }
  });

  async function liveSale(allocation = 3) {
    const f = await insertFlashStock(t().db, 100);
    const sale = await insertLiveSale(t().db, f, { engine, allocation, limit: 1 });
    await gate.open(sale);
    return sale;
  }

  it('a hold is bought at the sale price; the hold is confirmed and linked to the order', async () => {
    const sale = await liveSale();
    const r = await gate.reserve(sale.id, 'customer-1', 1);
    if (!r.ok) throw new Error(r.reason);
    const { checkout } = await submitFlashCheckout(t().db, { idempotencyKey: randomUUID(), holdId: r.holdId, customerKey: 'customer-1', userId: null, request: request(), wait: 20_000 });
    expect(checkout.status).toBe('completed');
    const [o] = await t().db.select().from(orders).where(eq(orders.id, checkout.order!.id));
    expect(o!.subtotal).toBe(500);
    const [h] = await t().db.select().from(flashHolds).where(eq(flashHolds.id, r.holdId));
    expect(h).toMatchObject({ status: 'confirmed', orderId: o!.id });
    expect(await gate.snapshot(sale.id)).toMatchObject({ sold: 1, held: 0, remaining: 2 });
  });

  it('a declined card releases the hold back to the sale', async () => {
    const sale = await liveSale();
    const r = await gate.reserve(sale.id, 'customer-2', 1);
    if (!r.ok) throw new Error(r.reason);
    const { checkout } = await submitFlashCheckout(t().db, { idempotencyKey: randomUUID(), holdId: r.holdId, customerKey: 'customer-2', userId: null, request: request(CARDS.declined), wait: 20_000 });
    expect(checkout.status).toBe('failed');
    expect(await gate.snapshot(sale.id)).toMatchObject({ sold: 0, held: 0, remaining: 3 });
  });

  it('someone else cannot buy my hold; an expired hold cannot be bought', async () => {
    const sale = await liveSale();
    const r = await gate.reserve(sale.id, 'customer-3', 1, 50);
    if (!r.ok) throw new Error(r.reason);
    await expect(submitFlashCheckout(t().db, { idempotencyKey: randomUUID(), holdId: r.holdId, customerKey: 'intruder', userId: null, request: request() })).rejects.toMatchObject({ code: 'not_found' });
    await new Promise((res) => setTimeout(res, 80));
    await expect(submitFlashCheckout(t().db, { idempotencyKey: randomUUID(), holdId: r.holdId, customerKey: 'customer-3', userId: null, request: request() })).rejects.toMatchObject({ code: 'hold_expired' });
    expect(await t().db.select().from(checkouts).where(eq(checkouts.email, 'nobody'))).toHaveLength(0);
  });
});
