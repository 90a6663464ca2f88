import type { NextRequest } from 'next/server';
import { handlers } from '@/lib/accounts/auth';
import { clientIp, jsonError } from '@/lib/platform/http';
import { createRateLimiter } from '@/lib/platform/ratelimit';

// Direct HTTP sign-in attempts (scripts rather than our forms) get real 429s per client IP, on
// top of the per-account limit the credentials check applies to every attempt.
const byIp = createRateLimiter('auth-http-ip', { limit: 30, windowMs: 15 * 60_000 });
const LIMITED = /\/api\/auth\/(callback\/credentials|signin\/[a-z]+)$/;

export const { GET } = handlers;

export async function POST(req: NextRequest) {
  if (LIMITED.test(req.nextUrl.pathname)) {
    const ip = clientIp(req.headers) ?? 'unknown';
    const r = await byIp.limit(ip);
    if (!r.success) {
      const res = jsonError(429, 'rate_limited', `Too many sign-in attempts. Try again in ${r.retryAfter} s.`);
      res.headers.set('Retry-After', String(r.retryAfter));
      return res;
    }
  }
  return handlers.POST(req);
}
