import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS, useTestDatabase } from '@/test/db';
import { listStock } from './inventory';
import { listLowStock } from './low-stock';
import { countSellerProducts, listSellerProducts } from './queries';
import { insertCategories, insertSeller, type SellerFixture } from './test-fixtures';

/**
 * The seller's product list for a store with 10,000 products (30,000 variants, stock at two
 * locations, an image each) beside another store's 2,000: p99 of each list query over 40 runs.
 */
const PRODUCTS = 10_000;

function p99(ms: number[]): number {
  const s = [...ms].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(s.length * 0.99) - 1)]!;
}

async function time(fn: () => Promise<unknown>, runs = 40): Promise<{ p50: number; p99: number }> {
  await fn(); // warm
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    ms.push(performance.now() - t0);
  }
  const s = [...ms].sort((a, b) => a - b);
  return { p50: s[Math.floor(s.length / 2)]!, p99: p99(ms) };
}

async function bulkStore(db: ReturnType<ReturnType<typeof useTestDatabase>>['db'], s: SellerFixture, categoryId: string, n: number, tag: string) {
  await db.execute(sql`
    insert into products (store_id, category_id, slug, title, status, price_min, price_max, created_at)
    select ${s.storeId}, ${categoryId}, ${tag} || '-' || g, initcap(${tag}) || ' trail product ' || g,
      (array['draft','active','active','active','archived'])[1 + g % 5]::product_status, 1000 + g % 900, 1000 + g % 900,
      now() - make_interval(secs => g)
    from generate_series(1, ${n}) g`);
  await db.execute(sql`
    insert into variants (product_id, sku, title, options, price, position)
    select p.id, upper(p.slug) || '-' || v, 'Size ' || v, jsonb_build_object('Size', v::text), p.price_min, v
    from products p, generate_series(1, 3) v where p.store_id = ${s.storeId}`);
  await db.execute(sql`
    insert into inventory_levels (variant_id, location_id, on_hand, reserved)
    select v.id, l.id, (hashtext(v.sku || l.code) & 15), 0
    from variants v join products p on p.id = v.product_id join locations l on l.store_id = p.store_id
    where p.store_id = ${s.storeId}`);
  await db.execute(sql`
    insert into product_images (product_id, url, alt, width, height, position)
    select p.id, '/media/products/shoe-red-0.webp', p.title, 640, 640, 0 from products p where p.store_id = ${s.storeId}`);
}

describe.each(BACKENDS)('seller list performance at 10,000 products (%s)', (backend) => {
  const t = useTestDatabase(backend);
  let big: SellerFixture;

  beforeAll(async () => {
    const cats = await insertCategories(t().db);
    big = await insertSeller(t().db, 'Big');
    const other = await insertSeller(t().db, 'Other');
    await bulkStore(t().db, big, cats.leaf, PRODUCTS, 'big');
    await bulkStore(t().db, other, cats.leaf, 2000, 'other');
    await t().db.execute(sql`analyze`);
  }, 600_000);

  it('lists, filters, searches and pages fast (p50 and p99 reported)', async () => {
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
    const report: string[] = [];
    const results: { name: string; p50: number; p99: number }[] = [];
    for (const [name, fn] of cases) {
      const r = await time(fn);
      results.push({ name, ...r });
      report.push(`${name.padEnd(30)} p50 ${r.p50.toFixed(1).padStart(6)} ms   p99 ${r.p99.toFixed(1).padStart(6)} ms`);
    }
    console.info(`[${backend}] seller list, ${PRODUCTS} products:\n${report.join('\n')}`);
    // A regression guard that tolerates a busy machine (other suites run beside this one); the
    // figures measured alone are in the report. The dashboard's low-stock list aggregates every
    // variant's stock (30,000 here), so it gets a wider bound than the paged list queries.
    if (backend === 'postgres') {
      for (const r of results) {
        const dashboard = r.name === 'dashboard low stock';
        expect(r.p50, r.name).toBeLessThan(dashboard ? 400 : 50);
        expect(r.p99, r.name).toBeLessThan(dashboard ? 1500 : 500);
      }
    }
    expect((await listSellerProducts(db, big.scope, { q: 'BIG-777-' })).items.map((p) => p.slug)).toEqual(['big-777']);
  }, 600_000);
});
