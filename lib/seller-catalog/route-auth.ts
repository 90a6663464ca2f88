import 'server-only';
import { z } from 'zod';
import { getActor } from '@/lib/accounts/session';
import { jsonError } from '@/lib/platform/http';
import { storeScope, type StoreScope } from './scope';

/**
 * Cross-site requests carry the session cookie on simple POSTs only when the cookie allows it;
 * route handlers (unlike server actions) get no built-in origin check, so a write must come
 * from our own pages: the Origin (or, failing that, Sec-Fetch-Site) must say so.
 */
export function sameOrigin(req: Request): boolean {
  const origin = req.headers.get('origin');
  if (origin) {
    const host = req.headers.get('x-forwarded-host') ?? req.headers.get('host');
    try {
      return new URL(origin).host === host;
    } catch {
      return false;
    }
  }
  const site = req.headers.get('sec-fetch-site');
  return site === null || site === 'same-origin' || site === 'none';
}

/**
 * The store scope for a route handler: signed in (401), a member of the store (403 — the same
 * answer for a store that doesn't exist), and, for writes, a same-origin request (403).
 */
export async function routeScope(req: Request, storeId: unknown, opts: { write?: boolean } = {}): Promise<StoreScope | Response> {
  if (opts.write && !sameOrigin(req)) return jsonError(403, 'cross_site', 'This request must come from the seller portal.');
  const actor = await getActor();
  if (!actor) return jsonError(401, 'unauthenticated', 'Sign in to continue.');
  const id = z.uuid().safeParse(storeId);
  if (!id.success || !(id.data in actor.stores)) return jsonError(403, 'forbidden', 'You are not allowed to do that.');
  return storeScope(actor, id.data);
}

/** The store scope from the `?store=<slug>` of a page-like GET (exports): membership decides, the slug only selects. */
export async function routeScopeBySlug(slug: string | null, resolve: (slug: string, storeIds: string[]) => Promise<string | null>): Promise<StoreScope | Response> {
  const actor = await getActor();
  if (!actor) return jsonError(401, 'unauthenticated', 'Sign in to continue.');
  const ids = Object.keys(actor.stores);
  const storeId = slug ? await resolve(slug, ids) : ids.sort()[0];
  if (!storeId || !(storeId in actor.stores)) return jsonError(403, 'forbidden', 'You are not allowed to do that.');
  return storeScope(actor, storeId);
}
