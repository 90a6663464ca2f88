import 'server-only';
import { getActor, type SignedInActor } from '@/lib/accounts/session';
import { DomainError } from '@/lib/platform/errors';
import { jsonError } from '@/lib/platform/http';
import { errorFields, logger } from '@/lib/platform/logger';

/**
 * Route-handler plumbing for the seller routes (uploads, downloads, slug checks): the actor from
 * the session (401 without one), DomainErrors as their status with the JSON error shape, anything
 * else logged and answered with a generic 500.
 */
export async function sellerRoute(name: string, handler: (actor: SignedInActor) => Promise<Response>): Promise<Response> {
  const actor = await getActor();
  if (!actor) return jsonError(401, 'unauthorized', 'Sign in first.');
  try {
    return await handler(actor);
  } catch (err) {
    if (err instanceof DomainError) {
      const res = jsonError(err.status, err.code, err.message);
      if (err.code === 'rate_limited' && 'retryAfter' in err) res.headers.set('Retry-After', String(err.retryAfter));
      return res;
    }
    logger.error('seller route failed', { route: name, userId: actor.userId, ...errorFields(err) });
    return jsonError(500, 'internal', 'Something went wrong. Please try again.');
  }
}

export { assertSameOrigin, fileNameHeader, readBody } from './request';
