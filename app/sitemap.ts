import type { MetadataRoute } from 'next';
import { getCategories, getSitemapEntries } from '@/lib/catalog/queries';
import { env } from '@/lib/platform/env';

export default async function sitemap(): Promise<MetadataRoute.Sitemap> {
  const base = env.PUBLIC_URL;
  const [categories, products] = await Promise.all([getCategories(), getSitemapEntries()]);
  return [
    { url: `${base}/`, changeFrequency: 'daily', priority: 1 },
    ...categories.map((c) => ({ url: `${base}/c/${c.path}`, changeFrequency: 'daily' as const, priority: 0.8 })),
    ...products.map((p) => ({ url: `${base}/p/${p.slug}`, lastModified: p.updatedAt, changeFrequency: 'weekly' as const, priority: 0.6 })),
  ];
}
