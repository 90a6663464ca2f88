import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GET as getProduct } from '@/app/api/v1/products/[id]/route';
import { GET as listProducts } from '@/app/api/v1/products/route';
import { GET as search } from '@/app/api/v1/search/route';
import { GET as openapi } from '@/app/api/v1/openapi.json/route';
import { products } from '@/db/schema/catalog';
import { BACKENDS, useTestDatabase } from '@/test/db';
import { setApiDepsForTests } from './context';
import { setApiLimitsForTests } from './limits';
import { productListSchema, productSchema, searchResultSchema } from './schemas';
import { call } from './test-client';

type Listed = { id: string; brand: string; priceMin: number; priceMax: number; inStock: boolean };

describe.each(BACKENDS)('API v1 catalog (%s)', (backend) => {
  const t = useTestDatabase(backend, { products: 40 });

  beforeAll(() => {
    setApiDepsForTests({ db: async () => t().db, actor: async () => null });
    setApiLimitsForTests({ read: { limit: 100_000, windowMs: 60_000 } });
  });
  afterAll(() => {
    setApiDepsForTests(undefined);
    setApiLimitsForTests(undefined);
  });

  const list = (query: string) => call(listProducts, 'GET', `/products?${query}`);
  const activeCount = async () => (await t().db.execute<{ n: number }>(sql`select count(*)::int as n from products where status = 'active'`)).rows[0]!.n;

  /** Every page of a listing, following nextCursor. */
  async function walk(query: string): Promise<Listed[]> {
    const seen: Listed[] = [];
    let cursor: string | null = null;
    for (let i = 0; i < 50; i++) {
      const res = await list(`${query}${cursor ? `&cursor=${cursor}` : ''}`);
      expect(res.status, res.text).toBe(200);
      const page = productListSchema.parse(res.json());
      seen.push(...page.data);
      cursor = page.nextCursor;
      if (!cursor) return seen;
    }
    throw new Error('too many pages');
  }

  it('pages through every active product once with the keyset cursor', async () => {
    for (const sort of ['best-selling', 'newest', 'price-asc', 'rating']) {
      const all = await walk(`sort=${sort}&limit=7`);
      expect(all.length).toBe(await activeCount());
      expect(new Set(all.map((p) => p.id)).size).toBe(all.length);
    }
    const first = await list('limit=5');
    expect(first.json().data).toHaveLength(5);
    expect(first.headers.get('cache-control')).toContain('s-maxage');
    expect(first.headers.get('content-type')).toContain('application/json');
  });

  it('filters by category (with subcategories), brand, price range and stock', async () => {
    const [cat] = (await t().db.execute<{ path: string; n: number }>(sql`
      select c.path, (select count(*)::int from products p join categories pc on pc.id = p.category_id
        where p.status = 'active' and (pc.path = c.path or pc.path like c.path || '/%')) as n
      from categories c where c.depth = 0 order by n desc limit 1`)).rows;
    const inCategory = await walk(`category=${encodeURIComponent(cat!.path)}&limit=50`);
    expect(inCategory.length).toBe(cat!.n);

    const everything = await walk('limit=100');
    const brand = everything.find((p) => p.brand)!.brand;
    const byBrand = await walk(`brand=${encodeURIComponent(brand)}&limit=100`);
    expect(byBrand.length).toBe(everything.filter((p) => p.brand === brand).length);
    const other = everything.find((p) => p.brand && p.brand !== brand)!.brand;
    const twoBrands = await walk(`brand=${encodeURIComponent(brand)}&brand=${encodeURIComponent(other)}&limit=100`);
    expect(twoBrands.length).toBe(everything.filter((p) => p.brand === brand || p.brand === other).length);

    const prices = everything.map((p) => p.priceMin).sort((a, b) => a - b);
    const [lo, hi] = [prices[5]!, prices[20]!];
    const ranged = await walk(`minPrice=${lo}&maxPrice=${hi}&limit=100`);
    expect(ranged.length).toBe(everything.filter((p) => p.priceMax >= lo && p.priceMin <= hi).length);
    expect((await walk('inStock=true&limit=100')).every((p) => p.inStock)).toBe(true);
  });

  it('refuses bad parameters with 400 and per-field details, and an unknown category with 404', async () => {
    for (const [query, field] of [
      ['limit=0', 'query.limit'],
      ['limit=101', 'query.limit'],
      ['limit=abc', 'query.limit'],
      ['sort=cheapest', 'query.sort'],
      ['minPrice=-1', 'query.minPrice'],
      ['minPrice=500&maxPrice=100', 'query.maxPrice'],
      ['inStock=yes', 'query.inStock'],
      ['category=Not%20A%20Path', 'query.category'],
      ['cursor=%24%24%24', 'query.cursor'],
      [`q=${'x'.repeat(201)}`, 'query.q'],
      ['q=%00', 'query.q'],
    ] as const) {
      const res = await list(query);
      expect(res.status, query).toBe(400);
      expect(res.json().error.code).toBe('invalid_input');
      expect(res.json().error.details.fields, query).toHaveProperty([field]);
    }
    // A cursor from another sort is refused instead of silently restarting.
    const page = productListSchema.parse((await list('sort=newest&limit=2')).json());
    const mixed = await list(`sort=price-asc&cursor=${page.nextCursor}`);
    expect(mixed.status).toBe(400);
    expect(mixed.json().error.details.fields).toHaveProperty(['query.cursor']);
    const missing = await list('category=no-such-category');
    expect(missing.status).toBe(404);
    expect(missing.json().error.code).toBe('not_found');
  });

  it('gets a product with variants, live availability and absolute image URLs; drafts and unknown ids are 404', async () => {
    const [p] = await t().db.select({ id: products.id }).from(products).where(eq(products.status, 'active')).limit(1);
    const res = await call(getProduct, 'GET', `/products/${p!.id}`, { params: { id: p!.id } });
    expect(res.status).toBe(200);
    const product = productSchema.parse(res.json());
    expect(product.variants.length).toBeGreaterThan(0);
    const stock = await t().db.execute<{ variant_id: string; n: number }>(sql`
      select v.id as variant_id, coalesce(sum(il.on_hand - il.reserved), 0)::int as n
      from variants v left join inventory_levels il on il.variant_id = v.id where v.product_id = ${p!.id} group by v.id`);
    for (const v of product.variants) expect(v.available).toBe(Math.max(0, stock.rows.find((r) => r.variant_id === v.id)!.n));
    for (const i of product.images) expect(i.url).toMatch(/^https?:\/\//);
    expect(product.url).toMatch(new RegExp(`/p/${product.slug}$`));

    await t().db.update(products).set({ status: 'draft' }).where(eq(products.id, p!.id));
    try {
      expect((await call(getProduct, 'GET', `/products/${p!.id}`, { params: { id: p!.id } })).status).toBe(404);
    } finally {
      await t().db.update(products).set({ status: 'active' }).where(eq(products.id, p!.id));
    }
    const unknown = randomUUID();
    expect((await call(getProduct, 'GET', `/products/${unknown}`, { params: { id: unknown } })).status).toBe(404);
    expect((await call(getProduct, 'GET', '/products/abc', { params: { id: 'abc' } })).status).toBe(400);
  });

  it('searches with the storefront search; q is required', async () => {
    const [p] = await t().db.select({ title: products.title }).from(products).where(eq(products.status, 'active')).limit(1);
    const word = p!.title.split(/\s+/).find((w) => /^[a-z]{4,}$/i.test(w)) ?? p!.title.split(/\s+/)[0]!;
    const res = await call(search, 'GET', `/search?q=${encodeURIComponent(word)}&limit=5`);
    expect(res.status).toBe(200);
    const result = searchResultSchema.parse(res.json());
    expect(result.query).toBe(word);
    expect(result.data.length).toBeGreaterThan(0);
    const missing = await call(search, 'GET', '/search');
    expect(missing.status).toBe(400);
    expect(missing.json().error.details.fields).toHaveProperty(['query.q']);
  });

  it('serves the OpenAPI document', async () => {
    const res = await call(openapi, 'GET', '/openapi.json');
    expect(res.status).toBe(200);
    expect(res.json()).toMatchObject({ openapi: '3.1.0', paths: { '/checkout': { post: { operationId: 'createCheckout' } } } });
  });
});
