import { and, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { products } from '@/db/schema/catalog';
import { decodeCursor } from '@/lib/catalog/cursor';
import { SORTS, type ListingFilters, type Sort } from '@/lib/catalog/inputs';
import { listProducts, type ListingPage, type ProductCard } from '@/lib/catalog/listing';
import { readAvailability, readProduct } from '@/lib/catalog/reads';
import { sellableProduct } from '@/lib/catalog/sellable';
import { analyzeQuery } from '@/lib/search/analyze';
import { searchProducts } from '@/lib/search/search';
import type { DbOrTx } from '@/lib/platform/db';
import { absoluteUrl } from '@/lib/platform/urls';
import { ApiError, notFound } from '../errors';
import { defineRoute } from '../handler';
import { productListSchema, productSchema, searchResultSchema } from '../schemas';

// Catalog reads: the storefront's listing and search, with its keyset cursors and filters.

const CACHE = 'public, max-age=0, s-maxage=10, stale-while-revalidate=30';
const noControl = (s: string) => !/[\u0000-\u001f\u007f]/.test(s);
const text = (max: number) => z.string().trim().min(1).max(max).refine(noControl, 'Contains control characters');
const minorUnits = z.coerce.number().int().min(0).max(100_000_000);

const filters = {
  brand: z
    .union([text(60), z.array(text(60)).max(20)])
    .optional()
    .describe('Brand; repeat the parameter for several (`brand=A&brand=B`).'),
  minPrice: minorUnits.optional().describe('Lowest price in minor units.'),
  maxPrice: minorUnits.optional().describe('Highest price in minor units.'),
  inStock: z.enum(['true', 'false', '1', '0']).optional().describe('Only products with stock.'),
  sort: z.enum(SORTS).optional().describe('Default: `relevance` with `q`, else `best-selling`.'),
  cursor: z.string().max(200).regex(/^[A-Za-z0-9_-]+$/, 'Not a cursor').optional().describe('`nextCursor` of the previous page.'),
  limit: z.coerce.number().int().min(1).max(100).default(24).describe('Page size, 1–100.'),
};

const priceOrder = (q: { minPrice?: number; maxPrice?: number }) => q.minPrice === undefined || q.maxPrice === undefined || q.minPrice <= q.maxPrice;
const priceMessage = { message: 'minPrice must not exceed maxPrice', path: ['maxPrice'] };

export const productsQuery = z
  .object({
    category: z
      .string()
      .trim()
      .max(200)
      .regex(/^[a-z0-9-]+(\/[a-z0-9-]+)*$/, 'A category path such as "electronics/phones"')
      .optional()
      .describe('Category path; includes its subcategories.'),
    q: text(200).optional().describe('Full-text words to narrow the listing.'),
    ...filters,
  })
  .refine(priceOrder, priceMessage);

export const searchQuery = z.object({ q: text(200).describe('What to search for.'), ...filters }).refine(priceOrder, priceMessage);

type FilterQuery = z.output<typeof productsQuery> | z.output<typeof searchQuery>;

function toFilters(q: FilterQuery, sort: Sort): ListingFilters {
  return {
    q: q.q,
    brands: q.brand === undefined ? [] : [...new Set(Array.isArray(q.brand) ? q.brand : [q.brand])],
    options: {},
    minPrice: q.minPrice,
    maxPrice: q.maxPrice,
    inStock: q.inStock === 'true' || q.inStock === '1',
    sort,
    cursor: q.cursor,
    limit: q.limit,
  };
}

/** A cursor from another sort or a forged one is a 400, not a silent first page. */
function checkCursor(cursor: string | undefined, sorts: Sort[]) {
  if (cursor && !sorts.some((s) => decodeCursor(cursor, s))) {
    throw new ApiError(400, 'invalid_input', 'The request is invalid.', { fields: { 'query.cursor': ['Not a cursor for this sort: start again without it'] } });
  }
}

const image = (u: string | null) => (u && u.startsWith('/') ? absoluteUrl(u) : u);
const card = (p: ProductCard) => ({ ...p, imageUrl: image(p.imageUrl) });
const page = (p: ListingPage) => ({ data: p.items.map(card), nextCursor: p.nextCursor, facets: p.facets });
const EMPTY_PAGE: ListingPage = { items: [], nextCursor: null, facets: { total: 0, brands: [], options: [], price: null, inStock: 0 } };

async function categorySubtree(db: DbOrTx, path: string): Promise<string[]> {
  const rows = await db.execute<{ id: string }>(sql`select id from categories where path = ${path} or path like ${path + '/%'}`);
  return rows.rows.map((r) => r.id);
}

export const listProductsRoute = defineRoute({
  id: 'listProducts',
  method: 'GET',
  path: '/products',
  tag: 'Catalog',
  summary: 'List products',
  description: 'Active products, filtered and sorted, one keyset page at a time (follow `nextCursor`).',
  auth: 'none',
  limit: 'read',
  query: productsQuery,
  responses: { 200: { description: 'A page of products.', schema: productListSchema } },
  errors: [400, 404, 429],
  cache: CACHE,
  async handle({ db, query }) {
    const sort = query.sort ?? (query.q ? 'relevance' : 'best-selling');
    const effective: Sort = sort === 'relevance' && !query.q ? 'best-selling' : sort;
    checkCursor(query.cursor, [effective]);
    const categoryIds = query.category ? await categorySubtree(db, query.category) : undefined;
    if (categoryIds && !categoryIds.length) throw notFound('That category');
    let tsquery: string | undefined;
    if (query.q) {
      tsquery = (await analyzeQuery(db, query.q)).tsquery;
      if (!tsquery) return { status: 200, body: page(EMPTY_PAGE) };
    }
    const result = await listProducts(db, { categoryIds, tsquery }, toFilters(query, effective));
    return { status: 200, body: page(result) };
  },
});

export const searchRoute = defineRoute({
  id: 'search',
  method: 'GET',
  path: '/search',
  tag: 'Catalog',
  summary: 'Search products',
  description: 'Full-text search with spelling correction and a fuzzy fallback; same filters and cursor as /products.',
  auth: 'none',
  limit: 'read',
  query: searchQuery,
  responses: { 200: { description: 'A page of results.', schema: searchResultSchema } },
  errors: [400, 429],
  cache: CACHE,
  async handle({ db, query }) {
    const sort = query.sort ?? 'relevance';
    // A fuzzy fallback pages by relevance whatever the sort asked for.
    checkCursor(query.cursor, [sort, 'relevance']);
    const result = await searchProducts(db, query.q, toFilters(query, sort));
    return { status: 200, body: { ...page(result), query: result.query, correctedQuery: result.correctedQuery, fuzzy: result.fuzzy } };
  },
});

export const getProductRoute = defineRoute({
  id: 'getProduct',
  method: 'GET',
  path: '/products/{id}',
  tag: 'Catalog',
  summary: 'Get a product',
  description: 'One active product with its options, images and variants, each with live availability.',
  auth: 'none',
  limit: 'read',
  params: z.object({ id: z.uuid('Not a product id') }),
  responses: { 200: { description: 'The product.', schema: productSchema } },
  errors: [400, 404, 429],
  cache: CACHE,
  async handle({ db, params }) {
    const [row] = await db
      .select({ slug: products.slug })
      .from(products)
      .where(and(eq(products.id, params.id), sellableProduct()))
      .limit(1);
    const p = row ? await readProduct(db, row.slug) : null;
    if (!p) throw notFound('That product');
    const available = await readAvailability(db, p.id);
    return {
      status: 200,
      body: {
        ...p,
        url: absoluteUrl(`/p/${p.slug}`),
        category: { id: p.categoryId, path: p.categoryPath },
        images: p.images.map((i) => ({ ...i, url: image(i.url)! })),
        variants: p.variants.map((v) => ({ ...v, available: available[v.id] ?? 0 })),
      },
    };
  },
});
