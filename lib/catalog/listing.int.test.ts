import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { Db } from '@/lib/platform/db';
import { BACKENDS, useTestDatabase } from '@/test/db';
import { encodeCursor } from './cursor';
import { PAGE_SIZE, parseListingParams, type ListingFilters, type Sort } from './inputs';
import { listProducts, type Facets, type ListingPage, type Scope } from './listing';
import { readCategories, readCategoryListing, subtreeIds } from './reads';

type Row = {
  id: string;
  slug: string;
  brand: string;
  status: string;
  categoryId: string;
  priceMin: number;
  priceMax: number;
  facets: string[];
  salesCount: number;
  rating: number;
  createdAtUs: number;
  inStock: boolean;
};

/** Every product with the fields listings filter and sort on; stock computed here from raw levels. */
async function loadCatalog(db: Db): Promise<Row[]> {
  const products = await db.execute<{
    id: string;
    slug: string;
    brand: string;
    status: string;
    category_id: string;
    price_min: number;
    price_max: number;
    facets: string[];
    sales_count: number;
    rating: string;
    created_us: string;
  }>(sql`select id, slug, brand, status, category_id, price_min, price_max, facets, sales_count, rating::text as rating,
           (extract(epoch from created_at) * 1000000)::bigint::text as created_us from products`);
  const levels = await db.execute<{ product_id: string; on_hand: number; reserved: number }>(
    sql`select v.product_id, il.on_hand, il.reserved from inventory_levels il join variants v on v.id = il.variant_id`,
  );
  const stocked = new Set(levels.rows.filter((l) => l.on_hand > l.reserved).map((l) => l.product_id));
  return products.rows.map((p) => ({
    id: p.id,
    slug: p.slug,
    brand: p.brand,
    status: p.status,
    categoryId: p.category_id,
    priceMin: p.price_min,
    priceMax: p.price_max,
    facets: p.facets,
    salesCount: p.sales_count,
    rating: Number(p.rating),
    createdAtUs: Number(p.created_us),
    inStock: stocked.has(p.id),
  }));
}

type Group = 'brand' | 'price' | 'stock' | `option:${string}` | 'options' | 'none';

/** The listing's rules, written out plainly: what a product must satisfy, ignoring one group. */
function matches(p: Row, scope: Scope, f: ListingFilters, ignore: Group = 'none'): boolean {
  if (p.status !== 'active') return false;
  if (scope.categoryIds && !scope.categoryIds.includes(p.categoryId)) return false;
  if (ignore !== 'brand' && f.brands.length && !f.brands.includes(p.brand)) return false;
  for (const [key, values] of Object.entries(f.options)) {
    if (ignore === 'options' || ignore === `option:${key}`) continue;
    if (!values.some((v) => p.facets.includes(`${key}:${v}`))) return false;
  }
  if (ignore !== 'price' && f.minPrice !== undefined && p.priceMax < f.minPrice) return false;
  if (ignore !== 'price' && f.maxPrice !== undefined && p.priceMin > f.maxPrice) return false;
  if (ignore !== 'stock' && f.inStock && !p.inStock) return false;
  return true;
}

const countBy = <T>(items: T[], key: (t: T) => string[]) => {
  const m = new Map<string, number>();
  for (const it of items) for (const k of key(it)) m.set(k, (m.get(k) ?? 0) + 1);
  return m;
};

/** Facets by brute force. `optionScope` picks how an option group ignores filters. */
function expectedFacets(all: Row[], scope: Scope, f: ListingFilters, optionScope: 'own-key' | 'all-options') {
  const under = (g: Group) => all.filter((p) => matches(p, scope, f, g));
  const brands = [...countBy(under('brand'), (p) => (p.brand ? [p.brand] : []))].map(([value, count]) => ({ value, count }));
  const optionKeys = new Set(all.flatMap((p) => p.facets.map((fv) => fv.slice(0, fv.indexOf(':')))));
  const options = [...optionKeys]
    .map((key) => {
      const pool = under(optionScope === 'own-key' ? `option:${key}` : 'options');
      const counts = countBy(pool, (p) => p.facets.filter((fv) => fv.startsWith(`${key}:`)).map((fv) => fv.slice(key.length + 1)));
      return { key, values: [...counts].map(([value, count]) => ({ value, count })) };
    })
    .filter((o) => o.values.length);
  const priced = under('price');
  return {
    total: under('none').length,
    brands,
    options,
    price: priced.length ? { min: Math.min(...priced.map((p) => p.priceMin)), max: Math.max(...priced.map((p) => p.priceMax)) } : null,
    inStock: under('stock').filter((p) => p.inStock).length,
  };
}

const byValue = (a: { value: string }, b: { value: string }) => (a.value < b.value ? -1 : a.value > b.value ? 1 : 0);
const normOptions = (o: Facets['options']) =>
  [...o].map((g) => ({ key: g.key, values: [...g.values].sort(byValue) })).sort((a, b) => (a.key < b.key ? -1 : 1));

/** Brands are capped at 30 (by count): compare the ones that surely make the cut, and the cut itself. */
function expectBrands(actual: Facets['brands'], expected: Facets['brands']) {
  const sorted = [...expected].sort((a, b) => b.count - a.count || byValue(a, b));
  for (let i = 1; i < actual.length; i++) expect(actual[i - 1]!.count).toBeGreaterThanOrEqual(actual[i]!.count);
  if (sorted.length <= 30) {
    expect([...actual].sort(byValue)).toEqual([...sorted].sort(byValue));
    return;
  }
  expect(actual).toHaveLength(30);
  const cut = sorted[29]!.count;
  expect(actual.filter((b) => b.count > cut).sort(byValue)).toEqual(sorted.filter((b) => b.count > cut).sort(byValue));
  for (const b of actual.filter((x) => x.count === cut)) expect(sorted).toContainEqual(b);
}

function expectFacets(actual: Facets, expected: ReturnType<typeof expectedFacets>) {
  expect(actual.total).toBe(expected.total);
  expect(actual.inStock).toBe(expected.inStock);
  expect(actual.price).toEqual(expected.price);
  expectBrands(actual.brands, expected.brands);
  expect(normOptions(actual.options)).toEqual(normOptions(expected.options));
}

const SORT_KEY: Record<Exclude<Sort, 'relevance'>, { dir: 1 | -1; key: (r: Row) => number }> = {
  'best-selling': { dir: -1, key: (r) => r.salesCount },
  newest: { dir: -1, key: (r) => r.createdAtUs },
  'price-asc': { dir: 1, key: (r) => r.priceMin },
  'price-desc': { dir: -1, key: (r) => r.priceMin },
  rating: { dir: -1, key: (r) => r.rating },
};

/** Expected order: the sort key, then id (as Postgres orders uuids), both in the sort's direction. */
function expectedOrder(rows: Row[], sort: Exclude<Sort, 'relevance'>): string[] {
  const { dir, key } = SORT_KEY[sort];
  return [...rows].sort((a, b) => dir * (key(a) - key(b) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))).map((r) => r.id);
}

const filters = (over: Partial<ListingFilters> = {}): ListingFilters => ({ brands: [], options: {}, inStock: false, sort: 'best-selling', limit: PAGE_SIZE, ...over });

/** Follows nextCursor to the end, checking every page as it goes. */
async function walk(fetch: (f: ListingFilters) => Promise<ListingPage>, f: ListingFilters) {
  const pages: ListingPage[] = [];
  let cursor: string | undefined;
  for (let i = 0; i < 500; i++) {
    const page = await fetch({ ...f, cursor });
    pages.push(page);
    expect(page.items.length).toBeLessThanOrEqual(f.limit);
    if (!page.nextCursor) break;
    expect(page.items).toHaveLength(f.limit);
    cursor = page.nextCursor;
  }
  return { pages, ids: pages.flatMap((p) => p.items.map((i) => i.id)) };
}

describe.each(BACKENDS)('catalog listing on %s', (backend) => {
  const t = useTestDatabase(backend, { products: 60 });
  let all: Row[] = [];
  const catalog = async () => (all.length ? all : (all = await loadCatalog(t().db)));
  const active = async () => (await catalog()).filter((p) => p.status === 'active');
  const mostCommon = (values: string[]) => [...countBy(values, (v) => [v])].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([v]) => v);

  /** Filter sets that exercise every group, picked from the seeded data so each one selects something. */
  const cases = async (): Promise<[string, ListingFilters][]> => {
    const rows = await active();
    const brands = mostCommon(rows.map((r) => r.brand));
    const prices = rows.map((r) => r.priceMin).sort((a, b) => a - b);
    const median = prices[Math.floor(prices.length / 2)]!;
    const p75 = prices[Math.floor(prices.length * 0.75)]!;
    return [
      ['no filters', filters()],
      ['one brand', filters({ brands: [brands[0]!] })],
      ['two brands', filters({ brands: [brands[0]!, brands[1]!] })],
      ['min price', filters({ minPrice: median })],
      ['max price', filters({ maxPrice: median })],
      ['price range', filters({ minPrice: median, maxPrice: p75 })],
      ['in stock', filters({ inStock: true })],
      ['brand + price + stock', filters({ brands: brands.slice(0, 4), minPrice: prices[5]!, inStock: true })],
      ['unknown brand', filters({ brands: ['No Such Brand'] })],
      ['empty price range', filters({ minPrice: 1, maxPrice: 1 })],
    ];
  };

  it('seeds both active and draft products, some out of stock', async () => {
    const rows = await catalog();
    expect(rows).toHaveLength(60);
    expect(rows.some((r) => r.status !== 'active')).toBe(true);
    expect(rows.some((r) => r.status === 'active' && !r.inStock)).toBe(true);
  });

  it('matches brute-force results and facet counts for every filter group (whole catalog)', async () => {
    for (const [name, f] of await cases()) {
      const { pages, ids } = await walk((g) => listProducts(t().db, {}, g), { ...f, limit: 9 });
      const expected = (await active()).filter((p) => matches(p, {}, f)).map((p) => p.id);
      expect(new Set(ids), name).toEqual(new Set(expected));
      expect(ids, name).toHaveLength(expected.length);
      for (const page of pages) expectFacets(page.facets, expectedFacets(await catalog(), {}, f, 'own-key'));
    }
  });

  it('matches brute-force results and facets inside a category subtree (readCategoryListing)', async () => {
    const tree = await readCategories(t().db);
    for (const path of ['fashion', 'electronics/audio', 'fashion/shoes/running-shoes']) {
      const node = tree.find((c) => c.path === path)!;
      expect(node, path).toBeDefined();
      const scope = { categoryIds: subtreeIds(tree, node.id) };
      for (const [name, f] of await cases()) {
        const { pages, ids } = await walk((g) => readCategoryListing(t().db, scope.categoryIds, g), { ...f, limit: 4 });
        const expected = (await active()).filter((p) => matches(p, scope, f)).map((p) => p.id);
        expect(new Set(ids), `${path} ${name}`).toEqual(new Set(expected));
        expectFacets(pages[0]!.facets, expectedFacets(await catalog(), scope, f, 'own-key'));
      }
    }
  });

  it('filters by an option facet, OR within a key and AND across keys', async () => {
    const rows = await active();
    const colors = mostCommon(rows.flatMap((r) => r.facets.filter((f) => f.startsWith('color:')).map((f) => f.slice(6))));
    const sizes = mostCommon(rows.flatMap((r) => r.facets.filter((f) => f.startsWith('size:')).map((f) => f.slice(5))));
    const optionSets: Record<string, string[]>[] = [{ color: [colors[0]!] }, { color: colors.slice(0, 3) }, { color: [colors[0]!], size: [sizes[0]!] }, { size: ['24"'] }, { size: ["5'x8'"] }, { color: ['Ultraviolet'] }];
    for (const options of optionSets) {
      const f = filters({ options });
      const { pages, ids } = await walk((g) => listProducts(t().db, {}, g), { ...f, limit: 10 });
      const expected = rows.filter((p) => matches(p, {}, f));
      expect(new Set(ids), JSON.stringify(options)).toEqual(new Set(expected.map((p) => p.id)));
      for (const p of expected) for (const [k, vs] of Object.entries(options)) expect(vs.some((v) => p.facets.includes(`${k}:${v}`))).toBe(true);
      const facets = pages[0]!.facets;
      expect(facets.total).toBe(expected.length);
      // With one option group selected, that group's counts ignore its own selection (so shoppers
      // can widen it). Across two groups see the test below.
      const keys = Object.keys(options);
      if (keys.length === 1) {
        const want = expectedFacets(await catalog(), {}, f, 'own-key');
        expect(normOptions(facets.options).find((o) => o.key === keys[0])).toEqual(normOptions(want.options).find((o) => o.key === keys[0]));
      }
    }
    // Values with quotes reach the database intact (pgArray escaping), so these matched something.
    expect(rows.some((r) => r.facets.includes('size:24"'))).toBe(true);
  });

  // KNOWN BUG (lib/catalog/listing.ts:168, facetCounts): option counts are computed with
  // conditions(scope, f, 'options'), which drops EVERY option filter, not just the group's own.
  // With color=Black selected the Size counts still count non-black products, so "9 (12)" can
  // lead to fewer than 12 results. The doc comment promises "every other active filter but not
  // its own". Flip to `it` once fixed.
  it('counts an option group under the other option groups’ filters', async () => {
    const rows = await active();
    const color = mostCommon(rows.flatMap((r) => r.facets.filter((f) => f.startsWith('color:')).map((f) => f.slice(6))))[0]!;
    const f = filters({ options: { color: [color] } });
    const page = await listProducts(t().db, {}, f);
    expect(normOptions(page.facets.options)).toEqual(normOptions(expectedFacets(await catalog(), {}, f, 'own-key').options));
  });

  it.each(['best-selling', 'newest', 'price-asc', 'price-desc', 'rating'] as const)(
    'walks every page sorted by %s with no duplicates, no gaps, in order',
    async (sort) => {
      const rows = await active();
      for (const [f, limit] of [
        [filters({ sort }), 3],
        [filters({ sort, inStock: true }), 5],
        [filters({ sort }), rows.length],
        [filters({ sort }), rows.length - 1],
      ] as const) {
        const { pages, ids } = await walk((g) => listProducts(t().db, {}, g), { ...f, limit });
        const want = expectedOrder(rows.filter((p) => matches(p, {}, f)), sort);
        expect(new Set(ids).size).toBe(ids.length);
        expect(ids).toEqual(want);
        expect(pages.at(-1)!.nextCursor).toBeNull();
        expect(pages).toHaveLength(Math.max(1, Math.ceil(want.length / limit)));
      }
    },
  );

  it('starts over when given a cursor for another sort, or a garbled one', async () => {
    const first = await listProducts(t().db, {}, filters({ sort: 'price-asc', limit: 5 }));
    const next = first.nextCursor!;
    const other = await listProducts(t().db, {}, filters({ sort: 'newest', limit: 5, cursor: next }));
    expect(other.items.map((i) => i.id)).toEqual((await listProducts(t().db, {}, filters({ sort: 'newest', limit: 5 }))).items.map((i) => i.id));
    for (const cursor of ['garbage', `${next}x`, 'A'.repeat(5000), "'; drop table products; --"]) {
      const page = await listProducts(t().db, {}, filters({ sort: 'price-asc', limit: 5, cursor }));
      expect(page.items.map((i) => i.id)).toEqual(first.items.map((i) => i.id));
    }
  });

  // KNOWN BUG (lib/catalog/listing.ts:109-110 with cursor.ts:5): the cursor schema lets `v` be any
  // string or number whatever the sort, and listProducts casts it with ::numeric / ::timestamptz.
  // A forged but well-formed cursor, e.g. {"s":"price-asc","v":"x","id":<uuid>} base64url-encoded,
  // makes Postgres throw 22P02 (invalid input syntax): a 500 from /c/...?sort=price-asc&cursor=…
  // instead of "malformed reads as no cursor". Flip to `it` once fixed.
  it('survives a well-formed cursor whose value has the wrong type', async () => {
    const id = (await active())[0]!.id;
    for (const [sort, v] of [['price-asc', 'x'], ['newest', 12], ['rating', 'NaN'], ['newest', 'tomorrow-ish']] as const) {
      await listProducts(t().db, {}, filters({ sort, cursor: encodeCursor({ s: sort, v, id }) }));
    }
  });

  it('never lists draft products', async () => {
    const drafts = new Set((await catalog()).filter((p) => p.status !== 'active').map((p) => p.id));
    const { ids } = await walk((g) => listProducts(t().db, {}, g), filters({ limit: 50 }));
    expect(ids.filter((id) => drafts.has(id))).toEqual([]);
  });

  it('treats SQL and HTML metacharacters in filters as plain values', async () => {
    for (const evil of ["'; drop table products; --", '<script>alert(1)</script>', '\\', '"', '{a,b}', "O'Brien", '%', '_']) {
      const page = await listProducts(t().db, {}, filters({ brands: [evil], options: { color: [evil], [evil]: [evil] } }));
      expect(page.items).toEqual([]);
      expect(page.facets.total).toBe(0);
    }
    expect((await loadCatalog(t().db)).length).toBe(60);
  });

  // Postgres rejects NUL in text (22021), so parseListingParams must drop it before a query runs.
  it('survives a NUL character in URL parameters', async () => {
    const f = parseListingParams({ brand: ['Apex\u0000', 'x'], color: 'Black\u0000', q: 'shoe\u0000' }, ['color'], 'best-selling');
    const page = await listProducts(t().db, {}, f);
    expect(page.facets.total).toBe(0); // only brand "x" survived, and it matches nothing
  });
});
