import 'server-only';
import { asc, inArray } from 'drizzle-orm';
import { forbidden } from 'next/navigation';
import { stores } from '@/db/schema/sellers';
import { can, type Actor, type Permission, type StoreRole } from '@/lib/accounts/permissions';
import { requireUser, type SignedInActor } from '@/lib/accounts/session';
import { getDb, type DbOrTx } from '@/lib/platform/db';
import { firstParam, pickStore, STORE_PARAM, type SearchParams } from './links';
import type { StoreStatus } from './status';

export type PortalStore = { id: string; slug: string; name: string; status: StoreStatus; logoUrl: string | null; role: StoreRole };

/** The stores the actor belongs to (from the session's memberships), by name. */
export async function listActorStores(db: DbOrTx, actor: Actor): Promise<PortalStore[]> {
  const ids = Object.keys(actor.stores);
  if (!ids.length) return [];
  const rows = await db
    .select({ id: stores.id, slug: stores.slug, name: stores.name, status: stores.status, logoUrl: stores.logoUrl })
    .from(stores)
    .where(inArray(stores.id, ids))
    .orderBy(asc(stores.name), asc(stores.id));
  return rows.map((r) => ({ ...r, role: actor.stores[r.id]! }));
}

export type SellerContext = { actor: SignedInActor; store: PortalStore; stores: PortalStore[] };

/**
 * The guard of every seller portal page: signed in (else sign-in), a member of the store chosen
 * by `?store=` (else 403), and allowed `permission` there (default `seller:portal`). Membership
 * comes from the session; the slug only picks one of the actor's own stores.
 */
export async function requireSellerStore(
  searchParams: SearchParams | Promise<SearchParams>,
  opts: { path: string; permission?: Permission },
): Promise<SellerContext> {
  const params = await searchParams;
  const slug = firstParam(params[STORE_PARAM]);
  const returnTo = slug ? `${opts.path}?${STORE_PARAM}=${encodeURIComponent(slug)}` : opts.path;
  const actor = await requireUser(returnTo);
  if (!can(actor, 'seller:portal')) forbidden();
  const mine = await listActorStores(await getDb(), actor);
  const store = pickStore(mine, slug);
  if (!store || !can(actor, opts.permission ?? 'seller:portal', store.id)) forbidden();
  return { actor, store, stores: mine };
}
