import 'server-only';
import { cacheLife, cacheTag } from 'next/cache';
import { getDb } from '@/lib/platform/db';
import { tags } from '@/lib/platform/cache-tags';
import type { ListingFilters } from './inputs';
import {
  breadcrumbsFor,
  readAvailability,
  readCategories,
  readCategoryListing,
  readFacetKeys,
  readFeaturedCategories,
  readHomeShelves,
  readProduct,
  readSitemapEntries,
  readTopProductSlugs,
  subtreeIds,
} from './reads';

// Cached catalog reads. Every entry carries the tags its data depends on (lib/platform/cache-tags.ts),
// so catalog writes invalidate exactly what they change.

export async function getCategories() {
  'use cache';
  cacheLife('catalog');
  cacheTag(tags.categories);
  return readCategories(await getDb());
}

export async function getCategory(path: string) {
  const all = await getCategories();
  const category = all.find((c) => c.path === path);
  if (!category) return null;
  return {
    ...category,
    children: all.filter((c) => c.parentId === category.id),
    breadcrumbs: breadcrumbsFor(all, path),
    subtree: subtreeIds(all, category.id),
  };
}

export async function getFacetKeys() {
  'use cache';
  cacheLife('catalog');
  cacheTag(tags.catalog);
  return readFacetKeys(await getDb());
}

export async function getCategoryListing(categoryId: string, subtree: string[], filters: ListingFilters) {
  'use cache';
  cacheLife('catalog');
  cacheTag(tags.catalog, tags.category(categoryId), ...subtree.map(tags.category));
  return readCategoryListing(await getDb(), subtree, filters);
}

export async function getHomeShelves() {
  'use cache';
  cacheLife('catalog');
  cacheTag(tags.catalog);
  return readHomeShelves(await getDb());
}

export async function getFeaturedCategories() {
  'use cache';
  cacheLife('catalog');
  cacheTag(tags.catalog, tags.categories);
  return readFeaturedCategories(await getDb(), await getCategories());
}

export async function getProduct(slug: string) {
  'use cache';
  cacheLife('catalog');
  const product = await readProduct(await getDb(), slug);
  cacheTag(tags.catalog, ...(product ? [tags.product(product.id), tags.store(product.store.id)] : []));
  return product;
}

export async function getTopProductSlugs(limit: number) {
  'use cache';
  cacheLife('catalog');
  cacheTag(tags.catalog);
  return readTopProductSlugs(await getDb(), limit);
}

export async function getSitemapEntries() {
  'use cache';
  cacheLife('catalog');
  cacheTag(tags.catalog);
  return readSitemapEntries(await getDb());
}

/** Live stock: never cached, read per request by the stock widget. */
export async function getAvailability(productId: string) {
  return readAvailability(await getDb(), productId);
}
