import 'server-only';
import { forbidden, redirect } from 'next/navigation';
import { cache } from 'react';
import { auth, loadSessionUser } from './auth';
import { can, type Actor, type Permission } from './permissions';

export type SignedInActor = Actor & { email: string; name: string | null };

/**
 * The signed-in actor, from the session and the database (never from input), or null. Once per
 * server render (the layout's header and the page's guard both ask); uncached in actions.
 */
export const getActor = cache(async (): Promise<SignedInActor | null> => {
  const session = await auth();
  const id = session?.user?.id;
  if (!id) return null;
  const user = await loadSessionUser(id);
  return user ? { userId: user.id, role: user.role, stores: user.stores, email: user.email, name: user.name } : null;
});

/** Redirects to sign-in when nobody is signed in. */
export async function requireUser(returnTo = '/'): Promise<SignedInActor> {
  const actor = await getActor();
  if (!actor) redirect(`/signin?callbackUrl=${encodeURIComponent(returnTo)}`);
  return actor;
}

/** 401 → sign-in; signed in but not allowed → 403. */
export async function requirePermission(permission: Permission, opts: { returnTo?: string; storeId?: string } = {}): Promise<SignedInActor> {
  const actor = await requireUser(opts.returnTo);
  if (!can(actor, permission, opts.storeId)) forbidden();
  return actor;
}
