import { NextResponse } from 'next/server';
import { isCheckoutId } from '@/lib/checkout/queries';
import { getViewableCheckout } from '@/lib/checkout/viewer';
import { clientIp, jsonError } from '@/lib/platform/http';
import { createRateLimiter } from '@/lib/platform/ratelimit';

// The return page polls here once a second while a checkout is processing.
const polls = createRateLimiter('checkout-status', { limit: 240, windowMs: 60_000 });

/**
 * A checkout's status for the browser that submitted it (its signed-in user, or the guest whose
 * cart cookie names its cart); anyone else gets 404, as for an id that does not exist. Private,
 * never cached.
 */
export async function GET(req: Request, ctx: { params: Promise<{ id: string }> }) {
  const { id } = await ctx.params;
  if (!isCheckoutId(id)) return jsonError(404, 'not_found', 'Checkout not found.');
  const ip = clientIp(req.headers);
  if (ip) {
    const r = await polls.limit(ip);
    if (!r.success) {
      const res = jsonError(429, 'rate_limited', 'Too many requests. Try again shortly.');
      res.headers.set('Retry-After', String(r.retryAfter));
      return res;
    }
  }
  const checkout = await getViewableCheckout(id);
  if (!checkout) return jsonError(404, 'not_found', 'Checkout not found.');
  return NextResponse.json({ checkout }, { headers: { 'Cache-Control': 'private, no-store' } });
}
