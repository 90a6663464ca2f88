import { createRateLimiter, type RateLimiter, type RateLimitRule } from '@/lib/platform/ratelimit';

/**
 * Rate limits of the public API. Reads and writes per client IP; checkout per IP and, tighter,
 * per cart; flash-sale holds per IP and per customer. Redis-backed when Redis is configured, else per process (and fail
 * open if Redis fails: a limiter is an accelerator, never a correctness guard).
 */
export const API_LIMITS = {
  read: { limit: 300, windowMs: 60_000 },
  write: { limit: 60, windowMs: 60_000 },
  checkoutIp: { limit: 30, windowMs: 60_000 },
  checkoutCart: { limit: 10, windowMs: 60_000 },
  // Flash-sale holds (also the /flash page's Buy button): short windows, so a burst from one
  // client is refused at once while a crowd of distinct buyers is not.
  flashHoldIp: { limit: 30, windowMs: 10_000 },
  flashHoldCustomer: { limit: 5, windowMs: 10_000 },
} satisfies Record<string, RateLimitRule>;
export type LimitName = keyof typeof API_LIMITS;

const store = globalThis as unknown as { __apiLimiters?: Map<LimitName, RateLimiter>; __apiLimitOverrides?: Partial<Record<LimitName, RateLimitRule>> };

export function apiLimiter(name: LimitName): RateLimiter {
  const limiters = (store.__apiLimiters ??= new Map());
  let l = limiters.get(name);
  if (!l) {
    l = createRateLimiter(`api-${name}`, store.__apiLimitOverrides?.[name] ?? API_LIMITS[name]);
    limiters.set(name, l);
  }
  return l;
}

/** Tests change the rules (and start with fresh counters); undefined restores the defaults. */
export function setApiLimitsForTests(rules: Partial<Record<LimitName, RateLimitRule>> | undefined): void {
  store.__apiLimitOverrides = rules;
  store.__apiLimiters = undefined;
}
