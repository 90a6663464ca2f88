import { RateLimitedError } from '@/lib/platform/errors';
import { createRateLimiter } from '@/lib/platform/ratelimit';

/** Per-user limits on the seller endpoints that cost something (files, emails, lookups). */
export const sellerLimits = {
  uploads: createRateLimiter('seller-uploads', { limit: 60, windowMs: 3600_000 }),
  slugChecks: createRateLimiter('seller-slug-checks', { limit: 240, windowMs: 60_000 }),
  invites: createRateLimiter('seller-invites', { limit: 30, windowMs: 3600_000 }),
};

export async function enforceLimit(limiter: (typeof sellerLimits)[keyof typeof sellerLimits], key: string): Promise<void> {
  const r = await limiter.limit(key);
  if (!r.success) throw new RateLimitedError(r.retryAfter);
}
