/**
 * Seller portal URLs. The selected store travels in the query string (`?store=<slug>`) so every
 * portal path (/seller, /seller/products, /seller/settings…) can serve any of the actor's stores;
 * the slug only *selects* among the session's memberships, it never grants access
 * (lib/sellers/portal.ts).
 */
export const STORE_PARAM = 'store';

/** `path` for the store `slug`, keeping `params` (empty values dropped). */
export function sellerHref(path: string, slug: string | null | undefined, params: Record<string, string | number | null | undefined> = {}): string {
  const q = new URLSearchParams();
  if (slug) q.set(STORE_PARAM, slug);
  for (const [k, v] of Object.entries(params)) if (v !== null && v !== undefined && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `${path}?${s}` : path;
}

/** The first value of a search param. */
export const firstParam = (v: string | string[] | undefined): string | undefined => (Array.isArray(v) ? v[0] : v);

export type StoreChoice = { id: string; slug: string; name: string };

/** The store a portal page shows: the one named in the URL when the actor belongs to it, else their first. */
export function pickStore<T extends StoreChoice>(stores: readonly T[], slug: string | undefined): T | undefined {
  return slug === undefined ? stores[0] : stores.find((s) => s.slug === slug);
}

/** What a page receives as `searchParams`. */
export type SearchParams = Record<string, string | string[] | undefined>;
export type PageSearchParams = { searchParams: Promise<SearchParams> };
