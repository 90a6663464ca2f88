import { and, eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { variants } from '@/db/schema/catalog';
import { inventoryLevels, stockMovements } from '@/db/schema/inventory';
import { emailOutbox } from '@/db/schema/messaging';
import { lowStockAlerts } from '@/db/schema/seller-catalog';
import { tags } from '@/lib/platform/cache-tags';
import { NotFoundError } from '@/lib/platform/errors';
import { BACKENDS, useTestDatabase } from '@/test/db';
import { CatalogRuleError, StockConflictError } from './errors';
import { adjustStock, listMovements, listStock, setLowStockThreshold } from './inventory';
import { listLowStock, syncLowStock, syncStoreLowStock } from './low-stock';
import { createProduct, saveOptions, setProductStatus } from './products';
import { insertCategories, insertSeller, type SellerFixture } from './test-fixtures';

describe.each(BACKENDS)('seller inventory (%s)', (backend) => {
  const t = useTestDatabase(backend, { poolSize: 12 });
  let a: SellerFixture;
  let b: SellerFixture;
  let leaf: string;

  beforeAll(async () => {
    leaf = (await insertCategories(t().db)).leaf;
    a = await insertSeller(t().db, 'Alpha');
    b = await insertSeller(t().db, 'Beta');
  });

  async function product(s: SellerFixture, title: string, threshold = 0) {
    const { productId } = await createProduct(t().db, s.scope, { title, description: '', categoryId: leaf, brand: '', tags: [], seoTitle: null, seoDescription: null, price: 1000, compareAtPrice: null });
    const [v] = await t().db.update(variants).set({ lowStockThreshold: threshold }).where(eq(variants.productId, productId)).returning();
    return { productId, variantId: v!.id };
  }

  const ledgerSum = async (variantId: string, locationId: string) =>
    Number(
      (
        await t().db.execute<{ s: number }>(sql`select coalesce(sum(delta), 0)::int as s from stock_movements where variant_id = ${variantId} and location_id = ${locationId}`)
      ).rows[0]?.s,
    );
  const level = async (variantId: string, locationId: string) =>
    (await t().db.select().from(inventoryLevels).where(and(eq(inventoryLevels.variantId, variantId), eq(inventoryLevels.locationId, locationId))))[0];

  it('records each adjustment in the ledger with its reason, in the same transaction as the level', async () => {
    const { productId, variantId } = await product(a, 'Ledger tee');
    const loc = a.locationIds.MAIN;
    const first = await adjustStock(t().db, a.scope, { variantId, locationId: loc, mode: 'delta', quantity: 10, reason: 'restock', note: 'PO 12' });
    expect(first).toMatchObject({ onHand: 10, reserved: 0 });
    // Out of stock → in stock changes listings: the catalog tags come back.
    expect(first.tags).toEqual(expect.arrayContaining([tags.stock(productId), tags.product(productId), tags.catalog]));
    const second = await adjustStock(t().db, a.scope, { variantId, locationId: loc, mode: 'delta', quantity: -3, reason: 'damage' });
    expect(second.onHand).toBe(7);
    expect(second.tags).not.toContain(tags.catalog);
    const third = await adjustStock(t().db, a.scope, { variantId, locationId: loc, mode: 'set', quantity: 12, reason: 'correction' });
    expect(third.onHand).toBe(12);
    await expect(adjustStock(t().db, a.scope, { variantId, locationId: loc, mode: 'set', quantity: 12, reason: 'correction' })).rejects.toBeInstanceOf(CatalogRuleError);
    const moves = await t().db.select().from(stockMovements).where(eq(stockMovements.variantId, variantId)).orderBy(stockMovements.createdAt);
    expect(moves.map((m) => [m.delta, m.reason, m.actorId, m.note])).toEqual([
      [10, 'restock', a.ownerId, 'PO 12'],
      [-3, 'damage', a.ownerId, null],
      [5, 'correction', a.ownerId, null],
    ]);
    expect(await ledgerSum(variantId, loc)).toBe(12);
    const history = await listMovements(t().db, a.scope, { variantId });
    expect(history.items.map((m) => m.delta)).toEqual([5, -3, 10]);
    expect(history.items[0]).toMatchObject({ locationName: 'Main warehouse', productTitle: 'Ledger tee', actorName: 'Alpha owner' });
  });

  it('never goes below zero or below the units held by checkouts, with a clear message, and changes nothing', async () => {
    const { variantId } = await product(a, 'Held hoodie');
    const loc = a.locationIds.EAST;
    await adjustStock(t().db, a.scope, { variantId, locationId: loc, mode: 'delta', quantity: 5, reason: 'restock' });
    const negative = await adjustStock(t().db, a.scope, { variantId, locationId: loc, mode: 'delta', quantity: -6, reason: 'damage' }).catch((e: unknown) => e);
    expect(negative).toBeInstanceOf(StockConflictError);
    expect((negative as Error).message).toBe('Only 5 on hand at East hub: you can remove at most 5.');
    await t().db.update(inventoryLevels).set({ reserved: 3 }).where(and(eq(inventoryLevels.variantId, variantId), eq(inventoryLevels.locationId, loc)));
    const belowHeld = await adjustStock(t().db, a.scope, { variantId, locationId: loc, mode: 'set', quantity: 2, reason: 'correction' }).catch((e: unknown) => e);
    expect(belowHeld).toBeInstanceOf(StockConflictError);
    expect((belowHeld as Error).message).toMatch(/3 unit\(s\) at East hub are held by checkouts in progress, so on hand can't go below 3/);
    expect(await level(variantId, loc)).toMatchObject({ onHand: 5, reserved: 3 });
    expect(await ledgerSum(variantId, loc)).toBe(5);
  });

  it('parallel adjustments all land: the level equals the ledger sum', async () => {
    const { variantId } = await product(a, 'Busy bottle');
    const loc = a.locationIds.MAIN;
    await adjustStock(t().db, a.scope, { variantId, locationId: loc, mode: 'delta', quantity: 20, reason: 'restock' });
    const ops = Array.from({ length: 24 }, (_, i) => (i % 3 === 0 ? 2 : -1));
    const results = await Promise.allSettled(ops.map((q) => adjustStock(t().db, a.scope, { variantId, locationId: loc, mode: 'delta', quantity: q, reason: q > 0 ? 'restock' : 'damage' })));
    expect(results.every((r) => r.status === 'fulfilled')).toBe(true);
    const expected = 20 + ops.reduce((s, q) => s + q, 0);
    expect((await level(variantId, loc))?.onHand).toBe(expected);
    expect(await ledgerSum(variantId, loc)).toBe(expected);
  });

  it('alerts once per crossing of the low-stock threshold: dashboard list, one email per owner, cleared on restock', async () => {
    const { variantId } = await product(a, 'Low lamp', 3);
    const loc = a.locationIds.MAIN;
    const adjust = (q: number) => adjustStock(t().db, a.scope, { variantId, locationId: loc, mode: 'delta', quantity: q, reason: q > 0 ? 'restock' : 'damage' });
    const emails = async () => (await t().db.select().from(emailOutbox).where(eq(emailOutbox.template, 'seller-low-stock'))).filter((e) => e.text.includes('Low lamp'));

    await adjust(10); // above: no alert
    expect(await emails()).toHaveLength(0);
    await adjust(-7); // 3 ≤ 3: crossing #1
    await adjust(-1); // still low: nothing new
    await adjust(-1);
    let sent = await emails();
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ to: a.ownerEmail, subject: 'Low stock: Low lamp (3 left)' });
    expect(sent[0]!.text).toContain(`/seller/inventory?store=${a.slug}&low=1`);
    const low = await listLowStock(t().db, a.storeId);
    expect(low.find((l) => l.variantId === variantId)).toMatchObject({ available: 1, threshold: 3, productTitle: 'Low lamp' });
    expect(low.find((l) => l.variantId === variantId)?.since).toBeInstanceOf(Date);
    // Another store's dashboard never sees it.
    expect((await listLowStock(t().db, b.storeId)).find((l) => l.variantId === variantId)).toBeUndefined();

    await adjust(9); // 10 > 3: cleared
    expect((await listLowStock(t().db, a.storeId)).find((l) => l.variantId === variantId)).toBeUndefined();
    await adjust(-8); // 2 ≤ 3: crossing #2 → a second email
    sent = await emails();
    expect(sent).toHaveLength(2);
    const alerts = await t().db.select().from(lowStockAlerts).where(eq(lowStockAlerts.variantId, variantId)).orderBy(lowStockAlerts.openedAt);
    expect(alerts.map((x) => x.clearedAt === null)).toEqual([false, true]);

    // Racing syncs of one crossing still make one alert.
    await Promise.all(Array.from({ length: 8 }, () => syncLowStock(t().db, [variantId])));
    expect(await emails()).toHaveLength(2);

    // Raising the threshold above stock opens nothing new while an alert is open; 0 turns it off and clears it.
    await setLowStockThreshold(t().db, a.scope, variantId, 0);
    expect((await t().db.select().from(lowStockAlerts).where(and(eq(lowStockAlerts.variantId, variantId), sql`cleared_at is null`))).length).toBe(0);
    expect((await listLowStock(t().db, a.storeId)).find((l) => l.variantId === variantId)).toBeUndefined();
  });

  it('the store sweep catches drops made outside the portal (sales) and archived products stay quiet', async () => {
    const { variantId } = await product(a, 'Sold out socks', 2);
    await adjustStock(t().db, a.scope, { variantId, locationId: a.locationIds.MAIN, mode: 'delta', quantity: 5, reason: 'restock' });
    // A sale takes stock directly (as lib/inventory/reservations does).
    await t().db.update(inventoryLevels).set({ onHand: 1 }).where(eq(inventoryLevels.variantId, variantId));
    const swept = await syncStoreLowStock(t().db, a.storeId);
    expect(swept.opened).toBeGreaterThanOrEqual(1);
    expect((await syncStoreLowStock(t().db, a.storeId)).opened).toBe(0);
    const archived = await product(a, 'Archived anchor', 5);
    await setProductStatus(t().db, a.scope, archived.productId, 'archived');
    await syncLowStock(t().db, [archived.variantId]);
    expect((await listLowStock(t().db, a.storeId)).find((l) => l.variantId === archived.variantId)).toBeUndefined();
  });

  it('the stock table lists variants per location, filters low stock, and is scoped to the store', async () => {
    const { productId } = await createProduct(t().db, a.scope, { title: 'Grid gloves', description: '', categoryId: leaf, brand: '', tags: [], seoTitle: null, seoDescription: null, price: 1000, compareAtPrice: null, sku: 'GG-1' });
    await saveOptions(t().db, a.scope, { productId, options: [{ name: 'Size', values: ['S', 'L'] }], defaultPrice: null });
    const vs = await t().db.select().from(variants).where(eq(variants.productId, productId)).orderBy(variants.position);
    await adjustStock(t().db, a.scope, { variantId: vs[0]!.id, locationId: a.locationIds.MAIN, mode: 'delta', quantity: 4, reason: 'restock' });
    await adjustStock(t().db, a.scope, { variantId: vs[0]!.id, locationId: a.locationIds.EAST, mode: 'delta', quantity: 6, reason: 'restock' });
    const page = await listStock(t().db, a.scope, { q: 'grid gloves' });
    expect(page.rows.map((r) => [r.variantTitle, r.levels[a.locationIds.MAIN]?.onHand ?? 0, r.levels[a.locationIds.EAST]?.onHand ?? 0, r.available])).toEqual([
      ['S', 4, 6, 10],
      ['L', 0, 0, 0],
    ]);
    const low = await listStock(t().db, a.scope, { q: 'GG-1', lowOnly: true });
    expect(low.rows.map((r) => r.variantTitle)).toEqual(['L']);
    expect((await listStock(t().db, b.scope, { q: 'grid' })).rows).toEqual([]);
    // Another store's variant in the history filter reads as not found.
    await expect(listMovements(t().db, b.scope, { variantId: vs[0]!.id })).rejects.toBeInstanceOf(NotFoundError);
    expect((await listMovements(t().db, b.scope, {})).items.find((m) => m.productId === productId)).toBeUndefined();
    await expect(setLowStockThreshold(t().db, b.scope, vs[0]!.id, 9)).rejects.toBeInstanceOf(NotFoundError);
  });
});
