import type { Actor } from '@/lib/accounts/permissions';
import { getDb, type Db } from '@/lib/platform/db';

/**
 * What the v1 handlers take from the outside world: the database and the signed-in actor
 * (session cookie). Route handlers use the process's own; tests bind their database and actor.
 */
export type ApiDeps = { db: () => Promise<Db>; actor: () => Promise<Actor | null> };

const store = globalThis as unknown as { __apiDeps?: Partial<ApiDeps> };

export function apiDb(): Promise<Db> {
  return store.__apiDeps?.db?.() ?? getDb();
}

/** Auth.js's session cookie (`__Secure-` on https; `.0`, `.1`… when chunked). */
const SESSION_COOKIE = /(?:^|;\s*)(?:__Secure-)?authjs\.session-token(?:\.\d+)?=/;
export const hasSessionCookie = (cookieHeader: string | null) => SESSION_COOKIE.test(cookieHeader ?? '');

/**
 * The signed-in actor. Given the request's Cookie header, a request without a session cookie is
 * anonymous at once, without running Auth.js (the flash-sale crowd is mostly such requests).
 */
export async function apiActor(cookieHeader?: string | null): Promise<Actor | null> {
  if (store.__apiDeps?.actor) return store.__apiDeps.actor();
  if (cookieHeader !== undefined && !hasSessionCookie(cookieHeader)) return null;
  // Loaded on demand: only the order read looks at the session, and tests never load Auth.js.
  const { getActor } = await import('@/lib/accounts/session');
  return getActor();
}

/** Tests bind the handlers to their database and actor (undefined: back to the process's own). */
export function setApiDepsForTests(deps: Partial<ApiDeps> | undefined): void {
  store.__apiDeps = deps;
}
