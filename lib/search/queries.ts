import 'server-only';
import { cacheLife, cacheTag } from 'next/cache';
import type { ListingFilters } from '@/lib/catalog/inputs';
import { getDb } from '@/lib/platform/db';
import { tags } from '@/lib/platform/cache-tags';
import { searchProducts, suggest } from './search';

export async function getSearchResults(q: string, filters: ListingFilters) {
  'use cache';
  cacheLife('catalog');
  cacheTag(tags.catalog, tags.search);
  return searchProducts(await getDb(), q, filters);
}

export async function getSuggestions(q: string) {
  'use cache';
  cacheLife('catalog');
  cacheTag(tags.catalog, tags.search);
  return suggest(await getDb(), q);
}
