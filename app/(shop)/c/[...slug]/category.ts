import { isFilterSegment } from '@/lib/catalog/filter-segment';
import { getCategory } from '@/lib/catalog/queries';

const SLUG = /^[a-z0-9-]{1,80}$/;

/** Splits the route's segments into the category path and the (rewritten) filter segment. */
export function splitSlug(slug: string[]): { path: string[]; filters?: string } {
  const last = slug.at(-1);
  return last !== undefined && isFilterSegment(last) ? { path: slug.slice(0, -1), filters: last } : { path: slug };
}

/** The category for a URL's slug segments, or null for anything that is not one. */
export async function categoryFor(slug: string[]) {
  const { path } = splitSlug(slug);
  if (!path.length || path.length > 3 || !path.every((s) => SLUG.test(s))) return null;
  return getCategory(path.join('/'));
}
