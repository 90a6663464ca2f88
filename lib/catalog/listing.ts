import { pgArray } from '@/lib/platform/sql';
import { sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '@/lib/platform/db';
import { decodeCursor, encodeCursor, type Cursor } from './cursor';
import { sellableSql } from './sellable';
import type { ListingFilters, Sort } from './inputs';

export type ProductCard = {
  id: string;
  slug: string;
  title: string;
  brand: string;
  priceMin: number;
  priceMax: number;
  compareAtMax: number | null;
  currency: string;
  rating: number;
  reviewCount: number;
  imageUrl: string | null;
  imageAlt: string;
  storeName: string;
  inStock: boolean;
};

export type Facets = {
  total: number;
  brands: { value: string; count: number }[];
  options: { key: string; values: { value: string; count: number }[] }[];
  price: { min: number; max: number } | null;
  inStock: number;
};

export type ListingPage = { items: ProductCard[]; nextCursor: string | null; facets: Facets };

/** Either a category subtree or a prepared full-text query narrows the listing. */
export type Scope = { categoryIds?: string[]; tsquery?: string; trigram?: string };

/** Filters left out of a count: facet groups count under every filter but their own. */
type Without = { brand?: boolean; optionKey?: string; price?: boolean; stock?: boolean };

const IN_STOCK = sql`exists (
  select 1 from variants v join inventory_levels il on il.variant_id = v.id
  where v.product_id = p.id and il.on_hand > il.reserved)`;

function conditions(scope: Scope, f: ListingFilters, without: Without = {}): SQL {
  const parts: SQL[] = [sellableSql('p')];
  if (scope.categoryIds) parts.push(sql`p.category_id = any(${pgArray(scope.categoryIds, 'uuid')})`);
  if (scope.tsquery) parts.push(sql`p.search_vector @@ to_tsquery('english', ${scope.tsquery})`);
  if (scope.trigram) parts.push(sql`p.title % ${scope.trigram}`);
  if (!without.brand && f.brands.length) parts.push(sql`p.brand = any(${pgArray(f.brands)})`);
  for (const [key, values] of Object.entries(f.options)) {
    if (key !== without.optionKey) parts.push(sql`p.facets && ${pgArray(values.map((v) => `${key}:${v}`))}`);
  }
  if (!without.price) {
    if (f.minPrice !== undefined) parts.push(sql`p.price_max >= ${f.minPrice}`);
    if (f.maxPrice !== undefined) parts.push(sql`p.price_min <= ${f.maxPrice}`);
  }
  if (!without.stock && f.inStock) parts.push(IN_STOCK);
  return sql.join(parts, sql` and `);
}

function rankExpr(scope: Scope): SQL {
  if (scope.tsquery) {
    return sql`(ts_rank_cd(p.search_vector, to_tsquery('english', ${scope.tsquery}), 32) * (1 + ln(1 + p.sales_count) / 20))::real`;
  }
  if (scope.trigram) return sql`similarity(p.title, ${scope.trigram})::real`;
  return sql`p.sales_count::real`;
}

type Order = { col: SQL; dir: 'asc' | 'desc'; key: (r: Row) => number | string };
const SORT_SQL: Record<Exclude<Sort, 'relevance'>, Order> = {
  'best-selling': { col: sql`p.sales_count`, dir: 'desc', key: (r) => r.sales_count },
  newest: { col: sql`p.created_at`, dir: 'desc', key: (r) => r.created_at },
  'price-asc': { col: sql`p.price_min`, dir: 'asc', key: (r) => r.price_min },
  'price-desc': { col: sql`p.price_min`, dir: 'desc', key: (r) => r.price_min },
  rating: { col: sql`p.rating`, dir: 'desc', key: (r) => Number(r.rating) },
};

type Row = {
  id: string;
  slug: string;
  title: string;
  brand: string;
  price_min: number;
  price_max: number;
  compare_at_max: number | null;
  currency: string;
  rating: string;
  review_count: number;
  sales_count: number;
  created_at: string;
  image_url: string | null;
  image_alt: string | null;
  store_name: string;
  in_stock: boolean;
  rank: number;
};

/** One page of products (keyset-paginated) plus facet counts, for a category or a search. */
export async function listProducts(db: DbOrTx, scope: Scope, f: ListingFilters): Promise<ListingPage> {
  const sort = f.sort === 'relevance' && !scope.tsquery && !scope.trigram ? 'best-selling' : f.sort;
  const order: Order =
    sort === 'relevance'
      ? { col: rankExpr(scope), dir: 'desc' as const, key: (r: Row) => r.rank }
      : SORT_SQL[sort];
  const where = conditions(scope, f);
  const cursor = usableCursor(decodeCursor(f.cursor, sort), sort);
  const cmp = order.dir === 'desc' ? sql`<` : sql`>`;
  const castCursor = sort === 'newest' ? sql`::timestamptz` : sort === 'relevance' ? sql`::real` : sql`::numeric`;
  const after = cursor ? sql` and (${order.col}, p.id) ${cmp} (${cursor.v}${castCursor}, ${cursor.id}::uuid)` : sql``;
  const dir = order.dir === 'desc' ? sql`desc` : sql`asc`;

  const itemsQuery = db.execute<Row>(sql`
    select p.id, p.slug, p.title, p.brand, p.price_min, p.price_max, p.compare_at_max, p.currency,
      p.rating, p.review_count, p.sales_count, p.created_at::text as created_at, ${sort === 'relevance' ? rankExpr(scope) : sql`0`} as rank,
      img.url as image_url, img.alt as image_alt, s.name as store_name, ${IN_STOCK} as in_stock
    from products p
    join stores s on s.id = p.store_id
    left join lateral (select url, alt from product_images i where i.product_id = p.id order by position limit 1) img on true
    where ${where}${after}
    order by ${order.col} ${dir}, p.id ${dir}
    limit ${f.limit + 1}`);

  const [rows, facets] = await Promise.all([itemsQuery, facetCounts(db, scope, f)]);
  const list = rows.rows;
  const hasMore = list.length > f.limit;
  const page = list.slice(0, f.limit);
  const last = page.at(-1);
  return {
    items: page.map(toCard),
    nextCursor: hasMore && last ? encodeCursor({ s: sort, v: order.key(last), id: last.id }) : null,
    facets,
  };
}

const TIMESTAMP = /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}(\.\d{1,6})?([+-]\d{2}(:?\d{2})?|Z)?$/;

/** A cursor's value must have its sort's type; a forged one is ignored (first page), never a 500. */
function usableCursor(c: Cursor | undefined, sort: Sort): Cursor | undefined {
  if (!c) return undefined;
  if (sort === 'newest') return typeof c.v === 'string' && TIMESTAMP.test(c.v) ? c : undefined;
  return typeof c.v === 'number' && Math.abs(c.v) < 1e15 ? c : undefined;
}

function toCard(r: Row): ProductCard {
  return {
    id: r.id,
    slug: r.slug,
    title: r.title,
    brand: r.brand,
    priceMin: r.price_min,
    priceMax: r.price_max,
    compareAtMax: r.compare_at_max,
    currency: r.currency,
    rating: Number(r.rating),
    reviewCount: r.review_count,
    imageUrl: r.image_url,
    imageAlt: r.image_alt ?? r.title,
    storeName: r.store_name,
    inStock: r.in_stock,
  };
}

/**
 * Facet counts. Each group counts under every other active filter but not its own, so a
 * shopper can widen a selection (the usual "disjunctive" faceting).
 */
async function facetCounts(db: DbOrTx, scope: Scope, f: ListingFilters): Promise<Facets> {
  type Count = { value: string; count: number };
  const optionCounts = (without: Without, onlyKey?: string) =>
    db.execute<Count>(sql`
      select fv as value, count(*)::int as count from products p, unnest(p.facets) fv
      where ${conditions(scope, f, without)}${onlyKey ? sql` and fv like ${onlyKey.replace(/[%_\\]/g, '') + ':%'}` : sql``}
      group by fv order by fv limit 300`);
  const filteredKeys = Object.keys(f.options);
  const [total, brands, options, price, stock, ...ownKeyCounts] = await Promise.all([
    db.execute<{ n: number }>(sql`select count(*)::int as n from products p where ${conditions(scope, f)}`),
    db.execute<{ value: string; count: number }>(sql`
      select p.brand as value, count(*)::int as count from products p
      where ${conditions(scope, f, { brand: true })} and p.brand <> ''
      group by p.brand order by count desc, value limit 30`),
    optionCounts({}),
    db.execute<{ min: number | null; max: number | null }>(sql`
      select min(p.price_min) as min, max(p.price_max) as max from products p where ${conditions(scope, f, { price: true })}`),
    db.execute<{ n: number }>(sql`
      select count(*)::int as n from products p where ${conditions(scope, f, { stock: true })} and ${IN_STOCK}`),
    ...filteredKeys.map((key) => optionCounts({ optionKey: key }, key)),
  ]);
  const grouped = new Map<string, { value: string; count: number }[]>();
  // Keys the shopper filters on are counted without their own filter; the rest under all filters.
  const rows = [
    ...options.rows.filter((r) => !filteredKeys.includes(r.value.slice(0, r.value.indexOf(':')))),
    ...ownKeyCounts.flatMap((r) => r.rows),
  ];
  for (const row of rows) {
    const i = row.value.indexOf(':');
    const key = row.value.slice(0, i);
    const list = grouped.get(key) ?? [];
    list.push({ value: row.value.slice(i + 1), count: row.count });
    grouped.set(key, list);
  }
  const p = price.rows[0];
  return {
    total: total.rows[0]?.n ?? 0,
    brands: brands.rows,
    options: [...grouped.entries()].map(([key, values]) => ({ key, values: sortOptionValues(values) })),
    price: p && p.min !== null && p.max !== null ? { min: Number(p.min), max: Number(p.max) } : null,
    inStock: stock.rows[0]?.n ?? 0,
  };
}

const SIZE_ORDER = ['XS', 'S', 'M', 'L', 'XL', 'XXL'];
function sortOptionValues(values: { value: string; count: number }[]) {
  const rank = (v: string) => {
    const i = SIZE_ORDER.indexOf(v);
    if (i >= 0) return i;
    const n = parseFloat(v);
    return Number.isFinite(n) ? 100 + n : 10_000;
  };
  return [...values].sort((a, b) => rank(a.value) - rank(b.value) || a.value.localeCompare(b.value));
}
