import type { NextConfig } from 'next';


const nextConfig: NextConfig = {
  cacheComponents: true,
  // Unlisted product URLs wait for their first render, then serve from the ISR cache (see README).
  partialPrefetching: false,
  // Catalog data: served from cache for 5 min, refreshed in the background after 1 min, and
  // invalidated at once by tag on writes (lib/platform/cache-tags.ts).
  cacheLife: {
    catalog: { stale: 300, revalidate: 60, expire: 3600 },
  },
  // Lets benchmarks and audits build beside a dev or e2e build without clobbering it.
  distDir: process.env.NEXT_DIST_DIR || '.next',
  poweredByHeader: false,
  // forbidden() from next/navigation: signed in but not allowed is a 403 page.
  experimental: { authInterrupts: true },
  serverExternalPackages: ['@electric-sql/pglite', 'sharp', 'pg', 'ioredis'],
  images: {
    formats: ['image/webp'],
    localPatterns: [{ pathname: '/media/**' }],
    // Few widths on purpose: every width is a srcset entry on every product card of a listing.
    deviceSizes: [640, 1080, 1600],
    imageSizes: [128, 256, 384],
    minimumCacheTTL: 86400,
  },
  async headers() {
    return [
      { source: '/:path*', headers: [{ key: 'X-Content-Type-Options', value: 'nosniff' }, { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' }] },
    ];
  },
};

export default nextConfig;
