import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeInvites } from '@/db/schema/kyc';
import { emailOutbox } from '@/db/schema/messaging';
import { storeMembers } from '@/db/schema/sellers';
import { BACKENDS, useTestDatabase } from '@/test/db';
import { SELLER_AGREEMENT_VERSION } from './agreement';
import { addDocument, saveBusinessDetails, savePayoutDetails, startApplication, submitApplication, updateStoreProfile } from './onboarding';
import { approveApplication } from './review';
import { acceptInvite, changeMemberRole, hashToken, inviteMember, listTeam, previewInvite, removeMember, revokeInvite } from './staff';
import { BUSINESS, IBAN, makeUser, PDF, PROFILE, tempFiles } from './test-helpers';

describe.each(BACKENDS)('store staff (%s)', (backend) => {
  const t = useTestDatabase(backend);
  let files: Awaited<ReturnType<typeof tempFiles>>;
  beforeAll(async () => {
    files = await tempFiles();
  });
  afterAll(() => files.cleanup());

  let seq = 0;
  /** An approved, active store with its owner. */
  async function activeStore() {
    const db = t().db;
    const owner = await makeUser(db, 'shopper', 'owner');
    const me = await owner.actor();
    const slug = `staff-shop-${backend}-${++seq}`;
    const { storeId } = await startApplication(db, me, { name: `Staff Shop ${seq}`, slug });
    await updateStoreProfile(db, me, { storeId, name: `Staff Shop ${seq}`, ...PROFILE });
    await saveBusinessDetails(db, me, { storeId, ...BUSINESS });
    await addDocument(db, files, me, { storeId, kind: 'identity', fileName: 'id.pdf', bytes: PDF });
    await savePayoutDetails(db, me, { storeId, payoutHolder: 'Owner', payoutAccount: IBAN });
    await submitApplication(db, me, { storeId, accept: true, agreementVersion: SELLER_AGREEMENT_VERSION });
    await approveApplication(db, await (await makeUser(db, 'admin', 'admin')).actor(), storeId);
    return { owner, storeId, slug };
  }

  const tokenFromEmail = async (to: string) => {
    const [mail] = await t().db.select().from(emailOutbox).where(and(eq(emailOutbox.to, to), eq(emailOutbox.template, 'sellers.staff-invite')));
    return /\/seller\/invites\/([A-Za-z0-9_-]{43})/.exec(mail!.text)![1]!;
  };

  it('an owner invites by email; the link carries a token stored only as its hash; the invited user accepts as staff', async () => {
    const db = t().db;
    const { owner, storeId, slug } = await activeStore();
    const invitee = await makeUser(db, 'shopper', 'invitee');
    const { token, inviteId } = await inviteMember(db, await owner.actor(), { storeId, email: invitee.email.toUpperCase(), role: 'staff' });
    expect(await tokenFromEmail(invitee.email)).toBe(token);
    const [row] = await db.select().from(storeInvites).where(eq(storeInvites.id, inviteId));
    expect(row!.tokenHash).toBe(hashToken(token));
    expect(JSON.stringify(row)).not.toContain(token);
    expect(row!.email).toBe(invitee.email);
    expect(row!.expiresAt.getTime() - Date.now()).toBeGreaterThan(6.9 * 24 * 3600_000);

    expect(await previewInvite(db, token)).toMatchObject({ storeSlug: slug, role: 'staff', state: 'open', email: invitee.email });
    expect(await previewInvite(db, 'A'.repeat(43))).toBeNull();
    expect(await previewInvite(db, '../../etc')).toBeNull();

    expect(await acceptInvite(db, await invitee.actor(), token)).toMatchObject({ storeId, slug, role: 'staff' });
    expect((await invitee.actor()).stores).toEqual({ [storeId]: 'staff' });
    await expect(acceptInvite(db, await invitee.actor(), token)).rejects.toMatchObject({ code: 'invite_used' });
    const team = await listTeam(db, await owner.actor(), storeId);
    expect(team.members.map((m) => [m.email, m.role])).toEqual(expect.arrayContaining([[owner.email, 'owner'], [invitee.email, 'staff']]));
    expect(team.invites).toEqual([]);
  });

  it('accepting needs the invited email, an open invitation and a live token', async () => {
    const db = t().db;
    const { owner, storeId } = await activeStore();
    const invitee = await makeUser(db, 'shopper', 'invitee');
    const other = await makeUser(db, 'shopper', 'other');
    const { token, inviteId } = await inviteMember(db, await owner.actor(), { storeId, email: invitee.email, role: 'staff' });

    await expect(acceptInvite(db, await other.actor(), token)).rejects.toMatchObject({ code: 'invite_wrong_account', status: 403, message: expect.stringContaining(invitee.email) });
    expect((await other.actor()).stores).toEqual({});

    await db.update(storeInvites).set({ expiresAt: sql`now() - interval '1 second'` }).where(eq(storeInvites.id, inviteId));
    expect((await previewInvite(db, token))!.state).toBe('expired');
    await expect(acceptInvite(db, await invitee.actor(), token)).rejects.toMatchObject({ code: 'invite_expired', status: 410 });

    // A new invitation replaces the old one; revoking it makes the link dead too.
    const second = await inviteMember(db, await owner.actor(), { storeId, email: invitee.email, role: 'owner' });
    expect((await previewInvite(db, token))!.state).toBe('revoked');
    await revokeInvite(db, await owner.actor(), { storeId, inviteId: second.inviteId });
    await expect(acceptInvite(db, await invitee.actor(), second.token)).rejects.toMatchObject({ code: 'invite_revoked' });
    await expect(acceptInvite(db, await invitee.actor(), 'x'.repeat(43))).rejects.toMatchObject({ code: 'not_found' });
    expect((await invitee.actor()).stores).toEqual({});
  });

  it('only owners invite and manage; staff and strangers are refused; members can’t be invited twice', async () => {
    const db = t().db;
    const { owner, storeId } = await activeStore();
    const staff = await makeUser(db, 'shopper', 'staff');
    await acceptInvite(db, await staff.actor(), (await inviteMember(db, await owner.actor(), { storeId, email: staff.email, role: 'staff' })).token);
    const stranger = await makeUser(db);
    const admin = await makeUser(db, 'admin');

    await expect(inviteMember(db, await staff.actor(), { storeId, email: 'new@example.com', role: 'staff' })).rejects.toMatchObject({ code: 'forbidden', status: 403 });
    await expect(inviteMember(db, await stranger.actor(), { storeId, email: 'new@example.com', role: 'owner' })).rejects.toMatchObject({ code: 'not_found' });
    // Admins run the marketplace, not other people's stores.
    await expect(inviteMember(db, await admin.actor(), { storeId, email: admin.email, role: 'owner' })).rejects.toMatchObject({ code: 'not_found' });
    await expect(changeMemberRole(db, await staff.actor(), { storeId, userId: staff.id, role: 'owner' })).rejects.toMatchObject({ code: 'forbidden' });
    await expect(removeMember(db, await staff.actor(), { storeId, userId: owner.id })).rejects.toMatchObject({ code: 'forbidden' });
    await expect(listTeam(db, await stranger.actor(), storeId)).rejects.toMatchObject({ code: 'not_found' });
    await expect(inviteMember(db, await owner.actor(), { storeId, email: staff.email, role: 'staff' })).rejects.toMatchObject({ code: 'already_member' });
    // Staff see the team but not the open invitations.
    await inviteMember(db, await owner.actor(), { storeId, email: 'pending@example.com', role: 'staff' });
    expect((await listTeam(db, await staff.actor(), storeId)).invites).toEqual([]);
    expect((await listTeam(db, await owner.actor(), storeId)).invites.map((i) => i.email)).toEqual(['pending@example.com']);
  });

  it('the last owner can be neither demoted nor removed, and can’t leave', async () => {
    const db = t().db;
    const { owner, storeId } = await activeStore();
    const me = await owner.actor();
    await expect(changeMemberRole(db, me, { storeId, userId: owner.id, role: 'staff' })).rejects.toMatchObject({ code: 'last_owner', status: 409 });
    await expect(removeMember(db, me, { storeId, userId: owner.id })).rejects.toMatchObject({ code: 'last_owner' });

    // With a second owner, either can step down; staff can leave.
    const second = await makeUser(db, 'shopper', 'second');
    await acceptInvite(db, await second.actor(), (await inviteMember(db, me, { storeId, email: second.email, role: 'owner' })).token);
    await changeMemberRole(db, await second.actor(), { storeId, userId: owner.id, role: 'staff' });
    expect((await owner.actor()).stores[storeId]).toBe('staff');
    await removeMember(db, await owner.actor(), { storeId, userId: owner.id });
    expect((await owner.actor()).stores).toEqual({});
    await expect(removeMember(db, await second.actor(), { storeId, userId: second.id })).rejects.toMatchObject({ code: 'last_owner' });
  });

  it('two owners demoting each other at once leave one owner', async () => {
    const db = t().db;
    const { owner, storeId } = await activeStore();
    const second = await makeUser(db, 'shopper', 'second');
    await acceptInvite(db, await second.actor(), (await inviteMember(db, await owner.actor(), { storeId, email: second.email, role: 'owner' })).token);
    const [a, b] = [await owner.actor(), await second.actor()];
    const results = await Promise.allSettled([
      changeMemberRole(db, a, { storeId, userId: second.id, role: 'staff' }),
      changeMemberRole(db, b, { storeId, userId: owner.id, role: 'staff' }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const owners = await db.select().from(storeMembers).where(and(eq(storeMembers.storeId, storeId), eq(storeMembers.role, 'owner')));
    expect(owners).toHaveLength(1);
  });

  it('invitations to one store never grant another', async () => {
    const db = t().db;
    const A = await activeStore();
    const B = await activeStore();
    const invitee = await makeUser(db, 'shopper', 'invitee');
    const { token } = await inviteMember(db, await A.owner.actor(), { storeId: A.storeId, email: invitee.email, role: 'owner' });
    await acceptInvite(db, await invitee.actor(), token);
    const me = await invitee.actor();
    expect(me.stores).toEqual({ [A.storeId]: 'owner' });
    // Owner of A, stranger to B.
    await expect(listTeam(db, me, B.storeId)).rejects.toMatchObject({ code: 'not_found' });
    await expect(inviteMember(db, me, { storeId: B.storeId, email: invitee.email, role: 'owner' })).rejects.toMatchObject({ code: 'not_found' });
    await expect(removeMember(db, me, { storeId: B.storeId, userId: B.owner.id })).rejects.toMatchObject({ code: 'not_found' });
    await expect(changeMemberRole(db, me, { storeId: B.storeId, userId: B.owner.id, role: 'staff' })).rejects.toMatchObject({ code: 'not_found' });
    // A's invite id can't be revoked through B (owner of B trying A's invite).
    const pending = await inviteMember(db, await A.owner.actor(), { storeId: A.storeId, email: 'later@example.com', role: 'staff' });
    await expect(revokeInvite(db, await B.owner.actor(), { storeId: B.storeId, inviteId: pending.inviteId })).rejects.toMatchObject({ code: 'not_found' });
  });
});
