import { z } from 'zod';
import { SORTS, type Sort } from './sorts';

export { SORTS, type Sort };

export const PAGE_SIZE = 24;
const MAX_PRICE_UNITS = 1_000_000;
/** Query parameters that are not option facets. */
export const RESERVED_PARAMS = new Set(['q', 'sort', 'brand', 'min', 'max', 'stock', 'cursor', 'limit']);

export type ListingFilters = {
  q?: string;
  brands: string[];
  /** Option facet filters, e.g. { color: ['Red', 'Blue'] } (OR within a key, AND across keys). */
  options: Record<string, string[]>;
  minPrice?: number; // minor units
  maxPrice?: number;
  inStock: boolean;
  sort: Sort;
  cursor?: string;
  limit: number;
};

type Params = Record<string, string | string[] | undefined>;

// Control characters (NUL above all: Postgres rejects it in text) never reach a query.
const noControl = (s: string) => !/[\u0000-\u001f\u007f]/.test(s);
const text = (max: number) => z.string().trim().min(1).max(max).refine(noControl, 'contains control characters');
// An empty field (a GET form sends `max=`) means no bound, not zero.
const priceUnits = z.string().trim().min(1).transform(Number).pipe(z.number().finite().min(0).max(MAX_PRICE_UNITS));
const all = (v: string | string[] | undefined) => (v === undefined ? [] : Array.isArray(v) ? v : [v]);
const first = (v: string | string[] | undefined) => all(v)[0];
const cleanList = (v: string | string[] | undefined, max: number) =>
  [...new Set(all(v).flatMap((s) => (text(max).safeParse(s).success ? [s.trim()] : [])))].slice(0, 20);

/**
 * Reads listing filters from URL search params. Pages are lenient: a value that doesn't parse
 * is ignored (the shopper still gets a page), never a 500. `optionKeys` whitelists facet names.
 */
export function parseListingParams(params: Params, optionKeys: readonly string[], defaultSort: Sort): ListingFilters {
  const q = text(200).safeParse(first(params.q));
  const sort = z.enum(SORTS).safeParse(first(params.sort));
  const min = priceUnits.safeParse(first(params.min));
  const max = priceUnits.safeParse(first(params.max));
  const options: Record<string, string[]> = {};
  for (const key of optionKeys) {
    if (RESERVED_PARAMS.has(key)) continue;
    const values = cleanList(params[key], 60);
    if (values.length) options[key] = values;
  }
  let minPrice = min.success ? Math.round(min.data * 100) : undefined;
  let maxPrice = max.success ? Math.round(max.data * 100) : undefined;
  if (minPrice !== undefined && maxPrice !== undefined && minPrice > maxPrice) [minPrice, maxPrice] = [maxPrice, minPrice];
  const chosenSort = sort.success && (sort.data !== 'relevance' || q.success) ? sort.data : defaultSort;
  return {
    q: q.success ? q.data : undefined,
    brands: cleanList(params.brand, 60),
    options,
    minPrice,
    maxPrice,
    inStock: first(params.stock) === '1',
    sort: chosenSort,
    cursor: first(params.cursor),
    limit: PAGE_SIZE,
  };
}

/** The URL search string for a set of filters (cursor and page-local keys dropped unless given). */
export function filtersToSearch(f: Partial<ListingFilters>, extra: Record<string, string | undefined> = {}): string {
  const sp = new URLSearchParams();
  if (f.q) sp.set('q', f.q);
  if (f.sort) sp.set('sort', f.sort);
  for (const b of f.brands ?? []) sp.append('brand', b);
  for (const [k, vs] of Object.entries(f.options ?? {})) for (const v of vs) sp.append(k, v);
  if (f.minPrice !== undefined) sp.set('min', String(f.minPrice / 100));
  if (f.maxPrice !== undefined) sp.set('max', String(f.maxPrice / 100));
  if (f.inStock) sp.set('stock', '1');
  for (const [k, v] of Object.entries(extra)) if (v !== undefined) sp.set(k, v);
  const s = sp.toString();
  return s ? `?${s}` : '';
}

export const suggestQuerySchema = z.object({
  q: z.string().trim().min(1, 'q is required').max(100, 'q is too long').refine(noControl, 'q contains control characters'),
});
