import { and, asc, eq, getTableColumns, inArray, isNull, ne, or, sql } from 'drizzle-orm';
import { addresses, authAccounts, authSessions, users } from '@/db/schema/accounts';
import { auditLog } from '@/db/schema/audit';
import { storeMembers, stores } from '@/db/schema/sellers';
import { recordAudit } from '@/lib/audit/service';
import type { DbOrTx } from '@/lib/platform/db';
import { DomainError, NotFoundError } from '@/lib/platform/errors';
import { deleteAccountInput, parseInput } from './account-inputs';
import type { Actor } from './permissions';

type Owner = Pick<Actor, 'userId'>;
type RequestInfo = { ip?: string | null; userAgent?: string | null };

export const EXPORT_FORMAT = 'marketplace-account-export/1';

// Every column of the user but its secrets: a column added later is exported unless it is left out here.
// eslint-disable-next-line @typescript-eslint/no-unused-vars
const { passwordHash: _secret, ...exportedUserColumns } = getTableColumns(users);

/** Everything held about the actor, as one JSON-ready object (no password hash, no provider tokens). */
export async function exportMyData(db: DbOrTx, actor: Owner, req: RequestInfo = {}) {
  const [user] = await db
    .select(exportedUserColumns)
    .from(users)
    .where(and(eq(users.id, actor.userId), isNull(users.deletedAt)))
    .limit(1);
  if (!user) throw new NotFoundError('Your account');
  // Recorded first, so the export shows its own request.
  await recordAudit(db, { action: 'account.exported', actorId: actor.userId, subjectType: 'user', subjectId: actor.userId, ...req });
  const myAddresses = await db.select().from(addresses).where(eq(addresses.userId, actor.userId)).orderBy(asc(addresses.createdAt));
  const storeMemberships = await db
    .select({ storeId: storeMembers.storeId, storeName: stores.name, storeSlug: stores.slug, role: storeMembers.role, since: storeMembers.createdAt })
    .from(storeMembers)
    .innerJoin(stores, eq(stores.id, storeMembers.storeId))
    .where(eq(storeMembers.userId, actor.userId));
  const linkedAccounts = await db
    .select({ provider: authAccounts.provider, type: authAccounts.type, providerAccountId: authAccounts.providerAccountId })
    .from(authAccounts)
    .where(eq(authAccounts.userId, actor.userId));
  const activity = await db
    .select({
      action: auditLog.action,
      at: auditLog.createdAt,
      subjectType: auditLog.subjectType,
      subjectId: auditLog.subjectId,
      ip: auditLog.ip,
      userAgent: auditLog.userAgent,
      data: auditLog.data,
    })
    .from(auditLog)
    .where(eq(auditLog.actorId, actor.userId))
    .orderBy(asc(auditLog.createdAt), asc(auditLog.id));
  return {
    format: EXPORT_FORMAT,
    exportedAt: new Date().toISOString(),
    user,
    addresses: myAddresses,
    storeMemberships,
    linkedAccounts,
    auditLog: activity,
    // Orders arrive with the money path; they will be listed here.
    orders: [] as unknown[],
  };
}
export type AccountExport = Awaited<ReturnType<typeof exportMyData>>;

/**
 * Erases the actor's personal data in one transaction: the users row stays (orders and the audit
 * log point at it) but is anonymised and can never sign in again; every session ends.
 */
export async function deleteMyAccount(db: DbOrTx, actor: Owner, input: unknown): Promise<void> {
  const { confirmEmail } = parseInput(deleteAccountInput, input);
  await db.transaction(async (tx) => {
    const [user] = await tx
      .select({ id: users.id, email: users.email })
      .from(users)
      .where(and(eq(users.id, actor.userId), isNull(users.deletedAt)))
      .for('update');
    if (!user) throw new NotFoundError('Your account');
    if (confirmEmail.toLowerCase() !== user.email.toLowerCase()) {
      throw new DomainError('confirmation_mismatch', 'The email you typed doesn’t match your account’s email. Nothing was deleted.');
    }
    await refuseSoleOwner(tx, user.id);

    const removed = {
      addresses: (await tx.delete(addresses).where(eq(addresses.userId, user.id)).returning({ id: addresses.id })).length,
      storeMemberships: (await tx.delete(storeMembers).where(eq(storeMembers.userId, user.id)).returning({ id: storeMembers.storeId })).length,
      linkedAccounts: (await tx.delete(authAccounts).where(eq(authAccounts.userId, user.id)).returning({ id: authAccounts.provider })).length,
    };
    await tx.delete(authSessions).where(eq(authSessions.userId, user.id));
    await tx
      .update(users)
      .set({
        email: `deleted+${user.id}@invalid`,
        name: null,
        image: null,
        passwordHash: null,
        emailVerified: null,
        deletedAt: new Date(),
        sessionVersion: sql`${users.sessionVersion} + 1`,
      })
      .where(eq(users.id, user.id));
    // The audit log outlives the account without its personal data: addresses, browsers and
    // typed emails (failed sign-ins) go, the events stay.
    await tx
      .update(auditLog)
      .set({ ip: null, userAgent: null, data: sql`${auditLog.data} - 'email'` })
      .where(or(eq(auditLog.actorId, user.id), sql`lower(${auditLog.data}->>'email') = ${user.email.toLowerCase()}`));
    await recordAudit(tx, { action: 'account.deleted', actorId: user.id, subjectType: 'user', subjectId: user.id, data: { removed } });
  });
}

/** A store must keep an owner: refuse while the user is the only owner of any store. */
async function refuseSoleOwner(tx: DbOrTx, userId: string): Promise<void> {
  const owned = await tx
    .select({ storeId: storeMembers.storeId })
    .from(storeMembers)
    .where(and(eq(storeMembers.userId, userId), eq(storeMembers.role, 'owner')));
  if (!owned.length) return;
  const ids = owned.map((o) => o.storeId).sort();
  // Locking the stores serialises two co-owners deleting their accounts at the same moment.
  await tx.select({ id: stores.id }).from(stores).where(inArray(stores.id, ids)).orderBy(asc(stores.id)).for('update');
  const coOwned = await tx
    .selectDistinct({ storeId: storeMembers.storeId })
    .from(storeMembers)
    .where(and(inArray(storeMembers.storeId, ids), eq(storeMembers.role, 'owner'), ne(storeMembers.userId, userId)));
  const covered = new Set(coOwned.map((c) => c.storeId));
  const sole = ids.filter((id) => !covered.has(id));
  if (!sole.length) return;
  const names = await tx.select({ name: stores.name }).from(stores).where(inArray(stores.id, sole)).orderBy(asc(stores.name));
  throw new DomainError(
    'sole_owner',
    `You are the only owner of ${names.map((n) => n.name).join(', ')}. Add another owner or close the store before deleting your account.`,
    409,
  );
}
