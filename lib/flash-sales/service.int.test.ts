import { randomUUID } from 'node:crypto';
import { and, eq, like } from 'drizzle-orm';
import IORedis from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { users } from '@/db/schema/accounts';
import { auditLog } from '@/db/schema/audit';
import { flashHolds, flashSaleReconciliations, flashSales, type FlashGateEngine } from '@/db/schema/flash-sales';
import { inventoryLevels, stockMovements } from '@/db/schema/inventory';
import { orders } from '@/db/schema/orders';
import type { Actor } from '@/lib/accounts/permissions';
import { insertCheckout } from '@/test/checkout-fixtures';
import { useTestDatabase, type Backend } from '@/test/db';
import { FlashSaleError } from './errors';
import { createStockGate } from './gate';
import { attachHoldToCheckout, attachHoldToOrder, readHold } from './holds';
import type { CreateFlashSaleInput } from './inputs';
import { cancelLiveFlashSale, endDueSales, startDueSales, tickFlashSales } from './lifecycle';
import { listFlashSales, readFlashSale, readFlashSaleCards } from './reads';
import { readLatestReconciliation, reconcileFlashSale } from './reconcile';
import { ioredisScriptClient } from './redis-client';
import { cancelFlashSale, createFlashSale, proposeFlashSale, reviewFlashSale, scheduleFlashSale } from './service';
import { insertFlashStock, type StockFixture } from './test-fixtures';

const REDIS_URL = 'redis://127.0.0.1:6379';
const prefix = `test-${randomUUID().slice(0, 8)}:flash`;
let client: Awaited<ReturnType<typeof ioredisScriptClient>>;
let raw: IORedis;
beforeAll(async () => {
  client = await ioredisScriptClient(REDIS_URL);
  raw = new IORedis(REDIS_URL);
});
afterAll(async () => {
  const keys = await raw.keys(`${prefix}:*`);
  if (keys.length) await raw.del(...keys);
  await client.close();
  raw.disconnect();
});

const HOUR = 3600_000;
const CASES: { engine: FlashGateEngine; backend: Backend }[] = [
  { engine: 'redis', backend: 'postgres' },
  { engine: 'postgres', backend: 'postgres' },
  { engine: 'postgres', backend: 'pglite' },
];

describe.each(CASES)('flash sale lifecycle: $engine engine on $backend', ({ engine, backend }) => {
  const t = useTestDatabase(backend);
  let stock: StockFixture;
  let admin: Actor;
  let seller: Actor;
  let stranger: Actor;
  const T0 = new Date(Date.now() + HOUR); // sales start an hour from now; the tests move "now"
  let now = T0.getTime();
  const gate = () => createStockGate(t().db, { redis: engine === 'redis' ? client : null, keyPrefix: prefix, clock: () => now });
  const at = (ms: number) => new Date(T0.getTime() + ms);

  beforeAll(async () => {
    stock = await insertFlashStock(t().db, 100); // 100 on hand at location 0, none at location 1
    const ids = [randomUUID(), randomUUID(), randomUUID()];
    await t().db.insert(users).values(ids.map((id, i) => ({ id, email: `${id}@example.com`, role: i === 0 ? ('admin' as const) : ('shopper' as const) })));
    admin = { userId: ids[0]!, role: 'admin', stores: {} };
    seller = { userId: ids[1]!, role: 'shopper', stores: { [stock.storeId]: 'owner' } };
    stranger = { userId: ids[2]!, role: 'shopper', stores: { [randomUUID()]: 'owner' } };
  });

  const terms = (over: Partial<CreateFlashSaleInput> = {}): CreateFlashSaleInput => ({
    variantId: stock.variantIds[0]!,
    allocation: 10,
    salePrice: 500,
    perCustomerLimit: 2,
    startsAt: T0,
    endsAt: at(HOUR),
    schedule: true,
    ...over,
  });
  const onHand = async (locationIndex = 0) =>
    (await t().db.select({ n: inventoryLevels.onHand }).from(inventoryLevels).where(and(eq(inventoryLevels.variantId, stock.variantIds[0]!), eq(inventoryLevels.locationId, stock.locationIds[locationIndex]!))))[0]?.n;
  const saleRow = async (id: string) => (await t().db.select().from(flashSales).where(eq(flashSales.id, id)))[0]!;
  /** An order for a confirmed hold, as the checkout would place it. */
  const placeOrder = async (holdId: string) => {
    const c = await insertCheckout(t().db, stock);
    const [o] = await t()
      .db.insert(orders)
      .values({ number: `F${randomUUID().slice(0, 8)}`, checkoutId: c.id, email: 'buyer@example.com', subtotal: 500, shippingTotal: 0, taxTotal: 0, total: 500, shippingAddress: c.shippingAddress })
      .returning();
    expect(await attachHoldToCheckout(t().db, holdId, c.id)).toBe(false); // confirmed already: too late to attach a checkout
    expect(await t().db.transaction((tx) => attachHoldToOrder(tx, holdId, o!.id))).toBe(true);
    return o!;
  };

  it('admins create sales; the rules refuse bad terms with clear codes', async () => {
    await expect(createFlashSale(t().db, seller, terms())).rejects.toMatchObject({ status: 403 });
    const codes = async (over: Partial<CreateFlashSaleInput>) => createFlashSale(t().db, admin, terms(over)).then(() => 'created', (e: FlashSaleError) => e.code);
    expect(await codes({ salePrice: 1000 })).toBe('price_not_discounted'); // the variant sells at 10.00
    expect(await codes({ currency: 'EUR' })).toBe('currency_mismatch');
    expect(await codes({ allocation: 101, perCustomerLimit: 1 })).toBe('insufficient_stock');
    expect(await codes({ startsAt: new Date(Date.now() - 2 * HOUR), endsAt: new Date(Date.now() - HOUR) })).toBe('window_past');
    expect(await codes({ locationId: randomUUID() })).toBe('not_found');

    const sale = await createFlashSale(t().db, admin, terms());
    expect(sale).toMatchObject({ status: 'scheduled', storeId: stock.storeId, locationId: stock.locationIds[0], remaining: 10, createdBy: admin.userId, approvedBy: admin.userId, currency: 'USD' });
    const announced = await createFlashSale(t().db, admin, terms({ schedule: false }));
    expect(announced.status).toBe('approved');
    expect((await scheduleFlashSale(t().db, admin, announced.id)).status).toBe('scheduled');
    await cancelFlashSale(t().db, admin, announced.id);
    await cancelFlashSale(t().db, admin, sale.id);
    const audit = await t().db.select().from(auditLog).where(eq(auditLog.subjectId, sale.id));
    expect(audit.map((a) => a.action).sort()).toEqual(['flash_sale.cancelled', 'flash_sale.created']);
  });

  it('sellers propose for their own store only; admins approve (scheduling it) or reject with a reason', async () => {
    await expect(proposeFlashSale(t().db, stranger, { ...terms(), storeId: stock.storeId })).rejects.toMatchObject({ status: 403 });
    const otherStore = Object.keys(stranger.stores)[0]!;
    await expect(proposeFlashSale(t().db, { ...stranger, stores: { [otherStore]: 'owner' } }, { ...terms(), storeId: otherStore })).rejects.toMatchObject({ status: 404 });
    const p1 = await proposeFlashSale(t().db, seller, { ...terms(), storeId: stock.storeId });
    expect(p1).toMatchObject({ status: 'proposed', createdBy: seller.userId, approvedBy: null });
    await expect(reviewFlashSale(t().db, seller, p1.id, 'approve')).rejects.toMatchObject({ status: 403 });
    await expect(reviewFlashSale(t().db, admin, p1.id, 'reject')).rejects.toMatchObject({ code: 'reason_required' });
    const approved = await reviewFlashSale(t().db, admin, p1.id, 'approve', 'Looks good');
    expect(approved).toMatchObject({ status: 'scheduled', approvedBy: admin.userId, reviewNote: 'Looks good' });
    await expect(reviewFlashSale(t().db, admin, p1.id, 'approve')).rejects.toMatchObject({ code: 'invalid_transition' });

    const p2 = await proposeFlashSale(t().db, seller, { ...terms(), storeId: stock.storeId });
    expect(await reviewFlashSale(t().db, admin, p2.id, 'reject', 'Too deep a discount')).toMatchObject({ status: 'rejected', reviewNote: 'Too deep a discount' });
    const p3 = await proposeFlashSale(t().db, seller, { ...terms(), storeId: stock.storeId });
    expect((await cancelFlashSale(t().db, seller, p3.id)).status).toBe('cancelled'); // a seller withdraws its own proposal
    await expect(cancelFlashSale(t().db, seller, approved.id)).rejects.toMatchObject({ status: 403 }); // but not an approved sale
    await cancelFlashSale(t().db, admin, approved.id);
  });

  it('start moves the allocation out of stock once; end returns the unsold units; the last hold settles it; drift 0', async () => {
    const before = (await onHand())!;
    const sale = await createFlashSale(t().db, admin, terms({ allocation: 6, perCustomerLimit: 2, startsAt: at(60_000), endsAt: at(HOUR) }));
    const g = gate();

    now = at(0).getTime();
    expect(await startDueSales(t().db, g, at(0))).toEqual({ started: [], refused: [], missed: [] }); // not yet
    now = at(60_000).getTime();
    expect((await startDueSales(t().db, g, at(60_000))).started).toEqual([sale.id]);
    expect((await startDueSales(t().db, g, at(61_000))).started).toEqual([]); // once
    expect(await onHand()).toBe(before - 6);
    expect(await saleRow(sale.id)).toMatchObject({ status: 'live', engine, movedOut: 6, startError: null });
    const ledger = await t().db.select().from(stockMovements).where(like(stockMovements.reference, `flash-sale:${sale.id}:%`));
    expect(ledger.map((l) => [l.reference, l.delta])).toEqual([[`flash-sale:${sale.id}:allocate`, -6]]);

    // Sell 3 (two orders), keep one hold open past the end, let one expire.
    const a = await g.reserve(sale.id, 'alice', 2, 30 * 60_000);
    const b = await g.reserve(sale.id, 'bob', 1, 30 * 60_000);
    const c = await g.reserve(sale.id, 'carol', 1, 2 * HOUR); // still open when the sale ends
    const d = await g.reserve(sale.id, 'dave', 1, 60_000); // expires
    if (!a.ok || !b.ok || !c.ok || !d.ok) throw new Error('expected four holds');
    expect((await readHold(t().db, a.holdId))?.sale).toMatchObject({ salePrice: 500, variantId: stock.variantIds[0] });
    for (const h of [a, b]) {
      expect(await g.confirm(sale.id, h.holdId)).toBe(true);
      await placeOrder(h.holdId);
    }
    expect(await g.snapshot(sale.id)).toEqual({ allocation: 6, remaining: 1, held: 2, sold: 3 });
    expect(await readFlashSaleCards(t().db, new Date(now))).toEqual(expect.arrayContaining([expect.objectContaining({ id: sale.id, status: 'live', regularPrice: 1000, salePrice: 500 })]));

    // The end: d has expired and comes back with the unsold unit; c is still held.
    now = at(HOUR).getTime();
    const end = await endDueSales(t().db, g, at(HOUR));
    expect(end).toMatchObject({ ended: [sale.id], settled: [], returned: 2, failed: [] });
    expect(await onHand()).toBe(before - 6 + 2);
    expect(await g.reserve(sale.id, 'erin', 1)).toEqual({ ok: false, reason: 'not_live' });
    expect(await saleRow(sale.id)).toMatchObject({ status: 'ended', returned: 2, settledAt: null });
    expect((await endDueSales(t().db, g, at(HOUR + 1000))).returned).toBe(0); // nothing new

    // c is released by its checkout's compensation: the next pass returns it and settles the sale.
    expect(await g.release(sale.id, c.holdId)).toBe(true);
    const last = await endDueSales(t().db, g, at(HOUR + 2000));
    expect(last).toMatchObject({ ended: [], settled: [sale.id], returned: 1 });
    expect(await onHand()).toBe(before - 3);
    const settled = await saleRow(sale.id);
    expect(settled).toMatchObject({ returned: 3, sold: 3, held: 0, remaining: 3 });
    expect(settled.settledAt).not.toBeNull();
    const report = await readLatestReconciliation(t().db, sale.id);
    expect(report).toMatchObject({ allocation: 6, sold: 3, held: 0, remaining: 3, returned: 3, drift: 0 });
    expect(report!.details).toMatchObject({ ordered: 3, holds: { confirmed: 3, active: 0, released: 1, expired: 1 } });
    const refs = (await t().db.select().from(stockMovements).where(like(stockMovements.reference, `flash-sale:${sale.id}:%`))).map((l) => [l.reference, l.delta]);
    expect(refs.sort()).toEqual([[`flash-sale:${sale.id}:allocate`, -6], [`flash-sale:${sale.id}:return:2`, 2], [`flash-sale:${sale.id}:return:3`, 1]].sort());
    expect((await endDueSales(t().db, g, at(HOUR + 3000))).settled).toEqual([]);
  });

  it('refuses to start without enough free stock (units reserved by checkouts stay theirs); a missed window cancels', async () => {
    const sale = await createFlashSale(t().db, admin, terms({ allocation: 5, startsAt: at(10_000), endsAt: at(HOUR) }));
    const level = and(eq(inventoryLevels.variantId, stock.variantIds[0]!), eq(inventoryLevels.locationId, stock.locationIds[0]!));
    const { onHand: had, reserved } = (await t().db.select().from(inventoryLevels).where(level))[0]!;
    await t().db.update(inventoryLevels).set({ reserved: had - 3 }).where(level); // only 3 free
    now = at(10_000).getTime();
    const r = await startDueSales(t().db, gate(), at(10_000));
    expect(r.refused).toEqual([{ id: sale.id, code: 'insufficient_stock', message: expect.stringContaining('Only 3 units') }]);
    expect(await saleRow(sale.id)).toMatchObject({ status: 'scheduled', movedOut: 0, startError: expect.stringContaining('Only 3') });
    expect(await onHand()).toBe(had);
    await t().db.update(inventoryLevels).set({ reserved }).where(level);
    expect((await startDueSales(t().db, gate(), at(HOUR + 1))).missed).toEqual([sale.id]);
    expect((await saleRow(sale.id)).status).toBe('cancelled');
  });

  it('cancelling a live sale stops it at once and returns what is not sold or held', async () => {
    const before = (await onHand())!;
    const sale = await createFlashSale(t().db, admin, terms({ allocation: 4, startsAt: at(5000), endsAt: at(HOUR) }));
    now = at(5000).getTime();
    const g = gate();
    await startDueSales(t().db, g, at(5000));
    const h = await g.reserve(sale.id, 'zoe', 1);
    await expect(cancelLiveFlashSale(t().db, g, seller, sale.id)).rejects.toMatchObject({ status: 403 });
    expect(await cancelLiveFlashSale(t().db, g, admin, sale.id, at(6000))).toEqual({ returned: 3, settled: false });
    expect(await g.reserve(sale.id, 'yan', 1)).toEqual({ ok: false, reason: 'not_live' });
    expect(await onHand()).toBe(before - 1);
    expect(h.ok && (await g.release(sale.id, h.holdId))).toBe(true);
    expect((await endDueSales(t().db, g, at(7000))).settled).toEqual([sale.id]);
    expect(await onHand()).toBe(before);
    expect((await saleRow(sale.id)).status).toBe('cancelled');
  });

  it('the scheduler tick starts, sweeps and ends', async () => {
    const sale = await createFlashSale(t().db, admin, terms({ allocation: 2, startsAt: at(2 * HOUR), endsAt: at(3 * HOUR) }));
    const g = gate();
    now = at(2 * HOUR).getTime();
    expect((await tickFlashSales(t().db, g, at(2 * HOUR))).start.started).toEqual([sale.id]);
    await g.reserve(sale.id, 'a', 1, 1000);
    now += 1000;
    expect((await tickFlashSales(t().db, g, new Date(now))).swept).toBe(1);
    expect(await g.snapshot(sale.id)).toMatchObject({ remaining: 2, held: 0 });
    now = at(3 * HOUR).getTime();
    expect((await tickFlashSales(t().db, g, at(3 * HOUR))).end).toMatchObject({ ended: [sale.id], settled: [sale.id], returned: 2 });
  });

  it('reconciliation on demand: drift 0 when counters, holds and orders agree; a sold hold without an order is drift', async () => {
    const sale = await createFlashSale(t().db, admin, terms({ allocation: 3, startsAt: at(1000), endsAt: at(HOUR) }));
    now = at(1000).getTime();
    const g = gate();
    await startDueSales(t().db, g, at(1000));
    const a = await g.reserve(sale.id, 'a', 1);
    const b = await g.reserve(sale.id, 'b', 1);
    if (!a.ok || !b.ok) throw new Error('expected holds');
    await g.confirm(sale.id, a.holdId);
    await placeOrder(a.holdId);
    expect(await reconcileFlashSale(t().db, g, sale.id)).toMatchObject({ allocation: 3, sold: 1, held: 1, remaining: 1, returned: 0, drift: 0 });
    await g.confirm(sale.id, b.holdId); // the checkout then failed: no order
    expect((await reconcileFlashSale(t().db, g, sale.id)).drift).toBe(1);
    expect(await t().db.select().from(flashSaleReconciliations).where(eq(flashSaleReconciliations.saleId, sale.id))).toHaveLength(2);
    const view = await readFlashSale(t().db, sale.id);
    expect(view).toMatchObject({ id: sale.id, productTitle: expect.any(String), sale: { allocation: 3, engine } });
    expect((await listFlashSales(t().db, { statuses: ['live'], storeId: stock.storeId })).items.map((s) => s.id)).toContain(sale.id);
    const holds = await t().db.select().from(flashHolds).where(eq(flashHolds.saleId, sale.id));
    expect(holds.find((h) => h.id === a.holdId)?.orderId).not.toBeNull();
  });
});
