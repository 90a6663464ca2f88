import type { MetadataRoute } from 'next';
import { env } from '@/lib/platform/env';

export default function robots(): MetadataRoute.Robots {
  return {
    rules: [{ userAgent: '*', allow: '/', disallow: ['/api/', '/search', '/account', '/seller', '/admin', '/marketing', '/checkout', '/cart'] }],
    sitemap: `${env.PUBLIC_URL}/sitemap.xml`,
  };
}
