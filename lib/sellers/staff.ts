import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { and, asc, count, eq, gt, isNull, ne, sql } from 'drizzle-orm';
import { users } from '@/db/schema/accounts';
import { storeInvites } from '@/db/schema/kyc';
import { storeMembers, stores } from '@/db/schema/sellers';
import { can, type Actor, type StoreRole } from '@/lib/accounts/permissions';
import { recordAudit } from '@/lib/audit/service';
import type { DbOrTx, Tx } from '@/lib/platform/db';
import { enqueueEmail } from '@/lib/platform/email';
import { env } from '@/lib/platform/env';
import { DomainError, ForbiddenError, NotFoundError } from '@/lib/platform/errors';
import { staffInviteMessage } from './emails';
import { isApprovedStore } from './status';
import { lockStore } from './transitions';

/**
 * Store members and invitations. Owners invite by email; the link carries a random token of
 * which only the SHA-256 is stored; accepting needs a session for that same email address, before
 * the expiry, once. A store always keeps at least one owner: every membership change locks the
 * store row first (as account deletion does), so two owners demoting each other can't both win.
 */

export const INVITE_TTL_MS = 7 * 24 * 3600_000;
export const MAX_OPEN_INVITES = 50;

export const hashToken = (token: string) => createHash('sha256').update(token, 'utf8').digest('hex');
export const inviteHref = (token: string) => new URL(`/seller/invites/${token}`, env.PUBLIC_URL).toString();

type Ctx = { ip?: string | null };
type ActorWithEmail = Actor & { email: string; name?: string | null };

export type Member = { userId: string; name: string | null; email: string; role: StoreRole; since: Date };
export type OpenInvite = { id: string; email: string; role: StoreRole; expiresAt: Date; createdAt: Date; expired: boolean };

/** Members and open invitations of a store, for any of its members. */
export async function listTeam(db: DbOrTx, actor: Actor, storeId: string): Promise<{ members: Member[]; invites: OpenInvite[] }> {
  if (!can(actor, 'seller:portal', storeId)) throw new NotFoundError('That store');
  const members = await db
    .select({ userId: storeMembers.userId, name: users.name, email: users.email, role: storeMembers.role, since: storeMembers.createdAt })
    .from(storeMembers)
    .innerJoin(users, eq(users.id, storeMembers.userId))
    .where(eq(storeMembers.storeId, storeId))
    .orderBy(asc(storeMembers.role), asc(users.email));
  const invites = can(actor, 'store:manage-staff', storeId)
    ? await db
        .select({ id: storeInvites.id, email: storeInvites.email, role: storeInvites.role, expiresAt: storeInvites.expiresAt, createdAt: storeInvites.createdAt, expired: sql<boolean>`${storeInvites.expiresAt} <= now()` })
        .from(storeInvites)
        .where(and(eq(storeInvites.storeId, storeId), isNull(storeInvites.acceptedAt), isNull(storeInvites.revokedAt)))
        .orderBy(asc(storeInvites.createdAt))
    : [];
  return { members, invites };
}

async function lockForOwner(tx: Tx, actor: Actor, storeId: string) {
  // Strangers learn nothing; staff are told they need an owner.
  if (!can(actor, 'seller:portal', storeId)) throw new NotFoundError('That store');
  if (!can(actor, 'store:manage-staff', storeId)) throw new DomainError('forbidden', 'Only the store’s owners can manage its team.', 403);
  const store = await lockStore(tx, storeId);
  if (!store) throw new NotFoundError('That store');
  // The session may be a moment old: under the lock, the actor must still be an owner.
  const [me] = await tx.select({ role: storeMembers.role }).from(storeMembers).where(and(eq(storeMembers.storeId, storeId), eq(storeMembers.userId, actor.userId)));
  if (me?.role !== 'owner') throw new DomainError('forbidden', 'Only the store’s owners can manage its team.', 403);
  return store;
}

/** Invites `email` to the store with `role`; a second invitation to the same address replaces the first. Returns the token (for the email only). */
export async function inviteMember(db: DbOrTx, actor: ActorWithEmail, input: { storeId: string; email: string; role: StoreRole }, ctx: Ctx = {}): Promise<{ inviteId: string; token: string }> {
  const email = input.email.trim().toLowerCase();
  return db.transaction(async (tx) => {
    const store = await lockForOwner(tx, actor, input.storeId);
    if (!isApprovedStore(store.status)) throw new DomainError('store_not_approved', 'You can invite people once the store is approved.', 409);
    const [member] = await tx
      .select({ userId: storeMembers.userId })
      .from(storeMembers)
      .innerJoin(users, eq(users.id, storeMembers.userId))
      .where(and(eq(storeMembers.storeId, store.id), sql`lower(${users.email}) = ${email}`));
    if (member) throw new DomainError('already_member', `${email} is already a member of ${store.name}.`, 409);
    const [{ n }] = (await tx
      .select({ n: count() })
      .from(storeInvites)
      .where(and(eq(storeInvites.storeId, store.id), isNull(storeInvites.acceptedAt), isNull(storeInvites.revokedAt), gt(storeInvites.expiresAt, sql`now()`)))) as [{ n: number }];
    if (n >= MAX_OPEN_INVITES) throw new DomainError('too_many_invites', `A store can have at most ${MAX_OPEN_INVITES} open invitations. Revoke some first.`, 409);
    await tx
      .update(storeInvites)
      .set({ revokedAt: sql`now()` })
      .where(and(eq(storeInvites.storeId, store.id), eq(storeInvites.email, email), isNull(storeInvites.acceptedAt), isNull(storeInvites.revokedAt)));
    const token = randomBytes(32).toString('base64url');
    const expiresAt = new Date(Date.now() + INVITE_TTL_MS);
    const [invite] = await tx
      .insert(storeInvites)
      .values({ storeId: store.id, email, role: input.role, tokenHash: hashToken(token), invitedBy: actor.userId, expiresAt })
      .returning({ id: storeInvites.id });
    await enqueueEmail(tx, staffInviteMessage(email, { storeName: store.name, inviter: actor.name || actor.email, role: input.role, href: inviteHref(token), expiresAt }), `store-invite:${invite!.id}`);
    await recordAudit(tx, { action: 'seller.staff.invited', actorId: actor.userId, subjectType: 'store', subjectId: store.id, ip: ctx.ip, data: { inviteId: invite!.id, email, role: input.role } });
    return { inviteId: invite!.id, token };
  });
}

export async function revokeInvite(db: DbOrTx, actor: Actor, input: { storeId: string; inviteId: string }): Promise<void> {
  await db.transaction(async (tx) => {
    const store = await lockForOwner(tx, actor, input.storeId);
    const [row] = await tx
      .update(storeInvites)
      .set({ revokedAt: sql`now()` })
      .where(and(eq(storeInvites.id, input.inviteId), eq(storeInvites.storeId, store.id), isNull(storeInvites.acceptedAt), isNull(storeInvites.revokedAt)))
      .returning({ email: storeInvites.email });
    if (!row) throw new NotFoundError('That invitation');
    await recordAudit(tx, { action: 'seller.staff.invite_revoked', actorId: actor.userId, subjectType: 'store', subjectId: store.id, data: { inviteId: input.inviteId, email: row.email } });
  });
}

export type InviteState = 'open' | 'expired' | 'accepted' | 'revoked';
export type InvitePreview = { storeName: string; storeSlug: string; role: StoreRole; email: string; inviter: string | null; expiresAt: Date; state: InviteState };

async function findByToken(db: DbOrTx, token: string, lock: boolean) {
  if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return null;
  const hash = hashToken(token);
  const query = db
    .select({
      id: storeInvites.id,
      storeId: storeInvites.storeId,
      email: storeInvites.email,
      role: storeInvites.role,
      tokenHash: storeInvites.tokenHash,
      expiresAt: storeInvites.expiresAt,
      acceptedAt: storeInvites.acceptedAt,
      revokedAt: storeInvites.revokedAt,
      expired: sql<boolean>`${storeInvites.expiresAt} <= now()`,
      storeName: stores.name,
      storeSlug: stores.slug,
      storeStatus: stores.status,
      inviter: users.name,
    })
    .from(storeInvites)
    .innerJoin(stores, eq(stores.id, storeInvites.storeId))
    .leftJoin(users, eq(users.id, storeInvites.invitedBy))
    .where(eq(storeInvites.tokenHash, hash));
  const [row] = lock ? await query.for('update', { of: storeInvites }) : await query;
  // The lookup is by hash; compare in constant time anyway so the check doesn't depend on the index alone.
  if (!row || !timingSafeEqual(Buffer.from(row.tokenHash), Buffer.from(hash))) return null;
  const state: InviteState = row.acceptedAt ? 'accepted' : row.revokedAt ? 'revoked' : row.expired ? 'expired' : 'open';
  return { ...row, state };
}

/** What the invitation page shows before accepting (null for an unknown token). */
export async function previewInvite(db: DbOrTx, token: string): Promise<InvitePreview | null> {
  const row = await findByToken(db, token, false);
  return row ? { storeName: row.storeName, storeSlug: row.storeSlug, role: row.role, email: row.email, inviter: row.inviter, expiresAt: row.expiresAt, state: row.state } : null;
}

/** Accepts an invitation as the signed-in user, whose email must be the invited one. */
export async function acceptInvite(db: DbOrTx, actor: ActorWithEmail, token: string, ctx: Ctx = {}): Promise<{ storeId: string; slug: string; role: StoreRole }> {
  return db.transaction(async (tx) => {
    const invite = await findByToken(tx, token, true);
    if (!invite) throw new NotFoundError('That invitation');
    if (invite.state === 'accepted') throw new DomainError('invite_used', 'This invitation was already accepted.', 409);
    if (invite.state === 'revoked') throw new DomainError('invite_revoked', 'This invitation was withdrawn. Ask the store owner for a new one.', 410);
    if (invite.state === 'expired') throw new DomainError('invite_expired', 'This invitation has expired. Ask the store owner for a new one.', 410);
    if (invite.email !== actor.email.trim().toLowerCase()) {
      throw new DomainError('invite_wrong_account', `This invitation is for ${invite.email}. Sign in with that address to accept it.`, 403);
    }
    const store = await lockStore(tx, invite.storeId);
    if (!store || !isApprovedStore(store.status)) throw new DomainError('store_unavailable', 'This store can’t take new members right now.', 409);
    const [existing] = await tx
      .select({ role: storeMembers.role })
      .from(storeMembers)
      .where(and(eq(storeMembers.storeId, store.id), eq(storeMembers.userId, actor.userId)));
    // Accepting never demotes: an owner who accepts a staff invitation stays an owner.
    const role: StoreRole = existing?.role === 'owner' ? 'owner' : invite.role;
    await tx
      .insert(storeMembers)
      .values({ storeId: store.id, userId: actor.userId, role })
      .onConflictDoUpdate({ target: [storeMembers.storeId, storeMembers.userId], set: { role } });
    await tx.update(storeInvites).set({ acceptedAt: sql`now()`, acceptedBy: actor.userId }).where(eq(storeInvites.id, invite.id));
    await recordAudit(tx, { action: 'seller.staff.joined', actorId: actor.userId, subjectType: 'store', subjectId: store.id, ip: ctx.ip, data: { inviteId: invite.id, role } });
    return { storeId: store.id, slug: store.slug, role };
  });
}

async function ownerCount(tx: Tx, storeId: string, except?: string): Promise<number> {
  const [{ n }] = (await tx
    .select({ n: count() })
    .from(storeMembers)
    .where(and(eq(storeMembers.storeId, storeId), eq(storeMembers.role, 'owner'), except ? ne(storeMembers.userId, except) : undefined))) as [{ n: number }];
  return n;
}

const LAST_OWNER = () => new DomainError('last_owner', 'A store needs at least one owner. Make someone else an owner first.', 409);

/** Sets a member's role (owners only); the last owner can't be demoted. */
export async function changeMemberRole(db: DbOrTx, actor: Actor, input: { storeId: string; userId: string; role: StoreRole }): Promise<void> {
  await db.transaction(async (tx) => {
    const store = await lockForOwner(tx, actor, input.storeId);
    const [member] = await tx.select({ role: storeMembers.role }).from(storeMembers).where(and(eq(storeMembers.storeId, store.id), eq(storeMembers.userId, input.userId)));
    if (!member) throw new NotFoundError('That member');
    if (member.role === input.role) return;
    if (member.role === 'owner' && (await ownerCount(tx, store.id, input.userId)) === 0) throw LAST_OWNER();
    await tx.update(storeMembers).set({ role: input.role }).where(and(eq(storeMembers.storeId, store.id), eq(storeMembers.userId, input.userId)));
    await recordAudit(tx, { action: 'seller.staff.role_changed', actorId: actor.userId, subjectType: 'store', subjectId: store.id, data: { userId: input.userId, from: member.role, to: input.role } });
  });
}

/** Removes a member: owners may remove anyone, anyone may leave; never the last owner. */
export async function removeMember(db: DbOrTx, actor: Actor, input: { storeId: string; userId: string }): Promise<void> {
  await db.transaction(async (tx) => {
    const self = input.userId === actor.userId;
    if (!can(actor, 'seller:portal', input.storeId)) throw new NotFoundError('That store');
    if (!self && !can(actor, 'store:manage-staff', input.storeId)) throw new ForbiddenError();
    const store = await lockStore(tx, input.storeId);
    if (!store) throw new NotFoundError('That store');
    const [member] = await tx.select({ role: storeMembers.role }).from(storeMembers).where(and(eq(storeMembers.storeId, store.id), eq(storeMembers.userId, input.userId)));
    if (!member) throw new NotFoundError('That member');
    if (member.role === 'owner' && (await ownerCount(tx, store.id, input.userId)) === 0) throw LAST_OWNER();
    await tx.delete(storeMembers).where(and(eq(storeMembers.storeId, store.id), eq(storeMembers.userId, input.userId)));
    await recordAudit(tx, { action: self ? 'seller.staff.left' : 'seller.staff.removed', actorId: actor.userId, subjectType: 'store', subjectId: store.id, data: { userId: input.userId, role: member.role } });
  });
}
