import { getCategory } from '@/lib/catalog/queries';

const SLUG = /^[a-z0-9-]{1,80}$/;

/** The category for a URL's slug segments, or null for anything that is not one. */
export async function categoryFor(slug: string[]) {
  if (slug.length > 3 || !slug.every((s) => SLUG.test(s))) return null;
  return getCategory(slug.join('/'));
}
