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

export async function apiActor(): Promise<Actor | null> {
  if (store.__apiDeps?.actor) return store.__apiDeps.actor();
  // Loaded on demand: only the order read looks at the session, and tests never load Auth.js.
  const { getActor } = await import('@/lib/accounts/session');
  return getActor();
}

/** Tests bind the handlers to their database and actor (undefined: back to the process's own). */
export function setApiDepsForTests(deps: Partial<ApiDeps> | undefined): void {
  store.__apiDeps = deps;
}
