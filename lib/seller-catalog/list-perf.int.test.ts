import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS, useTestDatabase } from '@/test/db';
import { listStock } from './inventory';
import { listLowStock } from './low-stock';
import { countSellerProducts, listSellerProducts } from './queries';
import { insertBulkProducts, insertCategories, insertSeller, type SellerFixture } from './test-fixtures';

/**
 * The seller's product list for a store with 10,000 products (30,000 variants, stock at two
 * locations, an image each) beside another store's 2,000: every list query answers at that
 * size and keeps to its own store. How fast is measured by `npm run bench` (bench/seller.ts),
 * not here: a timed test on a shared machine fails for the wrong reasons.
 */
const PRODUCTS = 10_000;

describe.each(BACKENDS)('seller lists at 10,000 products (%s)', (backend) => {
  const t = useTestDatabase(backend);
  let big: SellerFixture;

  beforeAll(async () => {
    const cats = await insertCategories(t().db);
    big = await insertSeller(t().db, 'Big');
    const other = await insertSeller(t().db, 'Other');
    await insertBulkProducts(t().db, { storeId: big.storeId, categoryId: cats.leaf, count: PRODUCTS, tag: 'big' });
    await insertBulkProducts(t().db, { storeId: other.storeId, categoryId: cats.leaf, count: 2000, tag: 'other' });
    await t().db.execute(sql`analyze`);
  }, 600_000);

  it('lists, filters, searches and pages at that size, only the store’s own products', async () => {
    const { db } = t();
    const first = await listSellerProducts(db, big.scope, {});
    expect(first.items).toHaveLength(50);
    // A deep page: the keyset cursor of page 100.
    let cursor: string | undefined;
    for (let i = 0; i < 100; i++) cursor = (await listSellerProducts(db, big.scope, { cursor })).nextCursor ?? undefined;
    expect(cursor).toBeDefined();
    const cases: [string, () => Promise<unknown>][] = [
      ['first page', () => listSellerProducts(db, big.scope, {})],
      ['status = archived', () => listSellerProducts(db, big.scope, { status: 'archived' })],
      ['page 100 (keyset)', () => listSellerProducts(db, big.scope, { cursor })],
      ['search title "product 4242"', () => listSellerProducts(db, big.scope, { q: 'product 4242' })],
      ['search SKU "BIG-777-"', () => listSellerProducts(db, big.scope, { q: 'BIG-777-' })],
      ['search, no match', () => listSellerProducts(db, big.scope, { q: 'zzzz-nothing' })],
      ['status counts', () => countSellerProducts(db, big.scope)],
      ['stock table first page', () => listStock(db, big.scope, {})],
      ['dashboard low stock', () => listLowStock(db, big.storeId)],
    ];
    for (const [name, fn] of cases) expect(await fn(), name).toBeTruthy();
    const archived = await listSellerProducts(db, big.scope, { status: 'archived' });
    expect(archived.items.length).toBeGreaterThan(0);
    expect(archived.items.every((p) => p.status === 'archived')).toBe(true);
    expect((await listSellerProducts(db, big.scope, { q: 'other' })).items).toEqual([]);
    expect((await listSellerProducts(db, big.scope, { q: 'BIG-777-' })).items.map((p) => p.slug)).toEqual(['big-777']);
  }, 600_000);
});
