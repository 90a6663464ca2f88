/**
 * Listing filters travel in the query string (`/c/shoes?color=Red&sort=price-asc`), but a page
 * that reads search params renders on every request. The proxy rewrites the query into one
 * canonical path segment (`/c/shoes/color=Red&sort=price-asc`) so each filter combination is
 * an ISR page served from cache. Only lower-case letter keys that aren't known trackers survive,
 * so tracking parameters (utm_*, _rsc, fbclid…) don't fragment the cache.
 */
export const MAX_SEGMENT = 230; // the ISR file cache names files after path segments (NAME_MAX 255)

const KEY = /^[a-z]{1,20}$/;
const TRACKING = new Set(['fbclid', 'gclid', 'dclid', 'msclkid', 'igshid', 'yclid', 'ref']);
const CONTROL = /[\u0000-\u001f\u007f]/; // never valid in a filter; Postgres rejects NUL

/** The canonical segment for a query: sorted, de-duplicated, empty values dropped; '' for none. */
export function toFilterSegment(search: URLSearchParams): string {
  const kept = [...search].filter(([k, v]) => KEY.test(k) && !TRACKING.has(k) && v.trim() !== '' && !CONTROL.test(v)).map(([k, v]) => [k, v.trim()] as const);
  const pairs = [...new Map(kept.map((p) => [JSON.stringify(p), p])).values()].sort(([a, x], [b, y]) =>
    a === b ? (x < y ? -1 : x > y ? 1 : 0) : a < b ? -1 : 1,
  );
  return new URLSearchParams(pairs.map(([k, v]) => [k, v])).toString();
}

/** Route params may arrive still percent-encoded; a segment that doesn't decode is not ours. */
function decoded(segment: string): string | null {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}

export function isFilterSegment(segment: string): boolean {
  return decoded(segment)?.includes('=') ?? false;
}

/** Filters back from a segment as a search-params record. */
export function fromFilterSegment(segment: string | undefined): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  const text = segment === undefined ? null : decoded(segment);
  if (!text) return out;
  for (const [k, v] of new URLSearchParams(text)) (out[k] ??= []).push(v);
  return out;
}
