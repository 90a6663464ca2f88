import { eq } from 'drizzle-orm';
import { locations } from '@/db/schema/inventory';
import { storeMembers, stores } from '@/db/schema/sellers';
import { can, type Actor } from '@/lib/accounts/permissions';
import type { DbOrTx } from '@/lib/platform/db';
import { DomainError, ForbiddenError } from '@/lib/platform/errors';
import { refreshSearchTerms } from '@/lib/search/service';
import { lockStore, transitionStore } from './transitions';

/**
 * Admin decisions on applications and stores. Each is one transaction through
 * transitionStore (status, history, audit, email); a decision someone else already took is a 409.
 */

type Ctx = { ip?: string | null };

function assertAdmin(actor: Actor) {
  if (!can(actor, 'admin:sellers')) throw new ForbiddenError();
}

/** Approves a submitted application: the store becomes active, the applicant its owner, and it gets a main stock location. */
export async function approveApplication(db: DbOrTx, actor: Actor, storeId: string, ctx: Ctx = {}): Promise<{ slug: string }> {
  assertAdmin(actor);
  return db.transaction(async (tx) => {
    const store = await lockStore(tx, storeId);
    if (store && !store.applicantId) throw new DomainError('no_applicant', 'This store has no applicant to approve.', 409);
    await transitionStore(tx, actor, { storeId, event: 'approve', ip: ctx.ip });
    await tx
      .insert(storeMembers)
      .values({ storeId, userId: store!.applicantId!, role: 'owner' })
      .onConflictDoUpdate({ target: [storeMembers.storeId, storeMembers.userId], set: { role: 'owner' } });
    await transitionStore(tx, actor, { storeId, event: 'activate', ip: ctx.ip });
    const [row] = await tx.select({ slug: stores.slug, country: stores.country }).from(stores).where(eq(stores.id, storeId));
    // Stock lives at a location: without one the new seller could list products but never stock them.
    await tx.insert(locations).values({ storeId, code: 'MAIN', name: 'Main warehouse', country: row!.country }).onConflictDoNothing();
    return { slug: row!.slug };
  });
}

export async function rejectApplication(db: DbOrTx, actor: Actor, storeId: string, reason: string, ctx: Ctx = {}): Promise<void> {
  assertAdmin(actor);
  await db.transaction((tx) => transitionStore(tx, actor, { storeId, event: 'reject', reason, ip: ctx.ip }));
}

export async function suspendStore(db: DbOrTx, actor: Actor, storeId: string, reason: string, ctx: Ctx = {}): Promise<void> {
  assertAdmin(actor);
  await db.transaction((tx) => transitionStore(tx, actor, { storeId, event: 'suspend', reason, ip: ctx.ip }));
  await refreshSearchTerms(db); // its products' words leave the spelling suggestions
}

export async function reactivateStore(db: DbOrTx, actor: Actor, storeId: string, ctx: Ctx = {}): Promise<void> {
  assertAdmin(actor);
  await db.transaction((tx) => transitionStore(tx, actor, { storeId, event: 'reactivate', ip: ctx.ip }));
  await refreshSearchTerms(db);
}
