import 'server-only';
import { cacheLife, cacheTag } from 'next/cache';
import { tags } from '@/lib/platform/cache-tags';
import { getDb } from '@/lib/platform/db';
import { readFlashSale, readFlashSaleCards, type FlashSaleCard } from './reads';
import { isPublic } from './phase';

// Cached storefront reads. The terms of a sale (product, prices, window) barely change once it is
// announced; its status and counters are the browser's to poll (GET /api/v1/flash-sales/{id}),
// so these may be half a minute old and keep the home page and sale pages static.

/** Half a minute fresh, then regenerated in the background; still part of the prerendered page. */
const SHORT = { stale: 30, revalidate: 30, expire: 300 };

export type StorefrontFlashCard = Omit<FlashSaleCard, 'status'> & { status: 'scheduled' | 'live' | 'ended' | 'cancelled' };

/** Live and upcoming sales for the home page strip. */
export async function getFlashSaleStrip(): Promise<StorefrontFlashCard[]> {
  'use cache';
  cacheLife(SHORT);
  cacheTag(tags.flashSales);
  return (await readFlashSaleCards(await getDb(), new Date(), 8)) as StorefrontFlashCard[];
}

/** One sale's page data, or null when buyers can't see it. */
export async function getFlashSaleCard(id: string): Promise<StorefrontFlashCard | null> {
  'use cache';
  cacheLife(SHORT);
  cacheTag(tags.flashSales, tags.flashSale(id));
  const row = await readFlashSale(await getDb(), id);
  if (!row) return null;
  const { sale, ...card } = row;
  return isPublic(sale) ? (card as StorefrontFlashCard) : null;
}
