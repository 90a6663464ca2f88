import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { verifyPassword } from '@/lib/accounts/password';
import type { Db } from '@/lib/platform/db';
import { BACKENDS, seedCatalog, truncateAll, useTestDatabase, type Backend } from '@/test/db';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, isSeeded, resetDatabase } from './seed';

const PRODUCTS = 60;

/** Everything a shopper would notice, in a stable order. */
async function snapshot(db: Db) {
  const q = async <T extends Record<string, unknown>>(query: ReturnType<typeof sql>) => (await db.execute<T>(query)).rows;
  return {
    products: await q(sql`select id, slug, title, brand, status, price_min, price_max, compare_at_max, facets, sales_count, rating::text, review_count, created_at::text as created_at from products order by slug`),
    variants: await q(sql`select v.sku, v.title, v.price, v.compare_at_price, v.options from variants v order by v.sku`),
    stock: await q(sql`select v.sku, l.code, il.on_hand, il.reserved from inventory_levels il join variants v on v.id = il.variant_id join locations l on l.id = il.location_id order by v.sku, l.code`),
    images: await q(sql`select product_id, url, position from product_images order by product_id, position`),
    categories: await q(sql`select id, path from categories order by path`),
    users: await q(sql`select id, email, role from users order by email`),
    terms: await q(sql`select term, documents from search_terms order by term`),
  };
}

const snapshots = new Map<Backend, Awaited<ReturnType<typeof snapshot>>>();

describe.each(BACKENDS)('seed on %s', (backend) => {
  const t = useTestDatabase(backend);

  it('fills an empty database', async () => {
    expect(await isSeeded(t().db)).toBe(false);
    const summary = await seedCatalog(t().db, PRODUCTS);
    expect(summary.products).toBe(PRODUCTS);
    expect(await isSeeded(t().db)).toBe(true);
    const first = await snapshot(t().db);
    expect(first.products).toHaveLength(PRODUCTS);
    expect(first.users.length).toBe(summary.users);
    expect(first.terms.length).toBeGreaterThan(100);
    snapshots.set(backend, first);
  });

  // Regression: the table filter once sat in a sql`` template as `not like '\_\_%'`, whose cooked
  // string is '__%', so resetDatabase truncated nothing and `db:seed --reset` hit duplicate keys.
  it('resetDatabase empties every table', async () => {
    await resetDatabase(t().db);
    const rows = await t().db.execute<{ n: number }>(sql`
      select (select count(*) from users) + (select count(*) from products) + (select count(*) from categories)
        + (select count(*) from inventory_levels) + (select count(*) from search_terms) as n`);
    expect(Number(rows.rows[0]?.n)).toBe(0);
    expect(await isSeeded(t().db)).toBe(false);
  });

  it('is deterministic: reseeding with the same options gives the same marketplace', async () => {
    const first = snapshots.get(backend)!;
    await truncateAll(t().db);
    expect(await isSeeded(t().db)).toBe(false);
    await seedCatalog(t().db, PRODUCTS);
    const second = await snapshot(t().db);
    expect(second.products.map((p) => [p.slug, p.price_min, p.price_max])).toEqual(first.products.map((p) => [p.slug, p.price_min, p.price_max]));
    expect(second).toEqual(first);
  });

  it('keeps denormalised product columns in step with variants and options', async () => {
    const rows = await t().db.execute<{ slug: string; price_min: number; price_max: number; vmin: number; vmax: number; facets: string[]; expected: string[] }>(sql`
      select p.slug, p.price_min, p.price_max,
        (select min(price) from variants v where v.product_id = p.id) as vmin,
        (select max(price) from variants v where v.product_id = p.id) as vmax,
        p.facets,
        coalesce((select array_agg(lower(o.name) || ':' || val order by o.position, ord)
                  from product_options o, unnest(o.values) with ordinality as u(val, ord) where o.product_id = p.id), '{}') as expected
      from products p`);
    expect(rows.rows).toHaveLength(PRODUCTS);
    for (const r of rows.rows) {
      expect([r.slug, r.price_min, r.price_max]).toEqual([r.slug, r.vmin, r.vmax]);
      expect(r.facets).toEqual(r.expected);
    }
  });

  it('creates the demo accounts with the documented password', async () => {
    const rows = await t().db.execute<{ email: string; password_hash: string }>(sql`select email, password_hash from users where password_hash is not null order by email`);
    expect(rows.rows.map((r) => r.email).sort()).toEqual(DEMO_ACCOUNTS.map((a) => a.email).sort());
    expect(await verifyPassword(DEMO_PASSWORD, rows.rows[0]!.password_hash)).toBe(true);
  });
});

describe('seed across backends', () => {
  afterAll(() => snapshots.clear());
  it('gives Postgres and PGlite the same marketplace', () => {
    expect(snapshots.size).toBe(BACKENDS.length);
    expect(snapshots.get('pglite')).toEqual(snapshots.get('postgres'));
  });
});
