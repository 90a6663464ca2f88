import type { NextConfig } from 'next';

const embeddedBuild = Boolean(process.env.EMBEDDED_DATABASE_URL);

const nextConfig: NextConfig = {
  cacheComponents: true,
  // Catalog data: served from cache for 5 min, refreshed in the background after 1 min, and
  // invalidated at once by tag on writes (lib/platform/cache-tags.ts).
  cacheLife: {
    catalog: { stale: 300, revalidate: 60, expire: 3600 },
  },
  poweredByHeader: false,
  serverExternalPackages: ['@electric-sql/pglite', '@electric-sql/pglite-socket', 'sharp', 'pg', 'ioredis'],
  images: {
    formats: ['image/webp'],
    localPatterns: [{ pathname: '/media/**' }],
    deviceSizes: [360, 640, 828, 1080, 1280],
    imageSizes: [64, 96, 160, 256, 384],
    minimumCacheTTL: 86400,
  },
  // PGlite serves one session: one build worker keeps the embedded database's traffic serial.
  experimental: embeddedBuild ? { cpus: 1 } : {},
  async headers() {
    return [
      { source: '/:path*', headers: [{ key: 'X-Content-Type-Options', value: 'nosniff' }, { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' }] },
    ];
  },
};

export default nextConfig;
