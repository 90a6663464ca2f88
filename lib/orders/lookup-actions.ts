'use server';

import { redirect } from 'next/navigation';
import { publicAction, type ActionResult } from '@/lib/accounts/action';
import { requestInfo } from '@/lib/accounts/request-info';
import { getDb } from '@/lib/platform/db';
import { DomainError, RateLimitedError } from '@/lib/platform/errors';
import { createRateLimiter } from '@/lib/platform/ratelimit';
import { orderPath } from './access';
import { lookupInput } from './lookup';
import { findOrderForLookup } from './queries';

const limits = {
  byIp: createRateLimiter('order-lookup-ip', { limit: 10, windowMs: 15 * 60_000 }),
  // Guessing the email of one known order number from many addresses.
  byNumber: createRateLimiter('order-lookup-number', { limit: 20, windowMs: 3600_000 }),
};

const NOT_FOUND = 'We couldn’t find an order with that number and email.';

const lookup = publicAction('lookupOrder', lookupInput, async ({ number, email }) => {
  const { ip } = await requestInfo();
  const checks = await Promise.all([limits.byIp.limit(ip ?? 'unknown'), limits.byNumber.limit(number)]);
  const denied = checks.find((r) => !r.success);
  if (denied) throw new RateLimitedError(denied.retryAfter);
  const order = await findOrderForLookup(await getDb(), number, email);
  // One answer whichever of the two was wrong: the form never confirms that an order exists.
  if (!order) throw new DomainError('order_not_found', NOT_FOUND, 404);
  return orderPath(order);
});

export type LookupResult = ActionResult<string> & { values?: { number: string; email: string } };

const echo = (form: FormData, key: string) => {
  const v = form instanceof FormData ? form.get(key) : null;
  return typeof v === 'string' ? v.slice(0, 254) : '';
};

/**
 * Guest order lookup by number + email; on a match, on to the tracking page with its access
 * token. A miss hands back what was typed, so the form (which React resets) keeps it.
 */
export async function lookupOrderAction(prev: unknown, form: FormData): Promise<LookupResult> {
  const result = await lookup(prev, form);
  if (result.ok) redirect(result.data); // outside the wrapper's try/catch
  return { ...result, values: { number: echo(form, 'number'), email: echo(form, 'email') } };
}
