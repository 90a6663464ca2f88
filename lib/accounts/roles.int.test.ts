import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditLog } from '@/db/schema/audit';
import { users } from '@/db/schema/accounts';
import { BACKENDS, useTestDatabase } from '@/test/db';
import { changePassword, signOutEverywhere } from './security';
import { hashPassword, verifyPassword } from './password';
import { setUserRole } from './roles';
import type { Actor } from './permissions';

describe.each(BACKENDS)('session-ending changes (%s)', (backend) => {
  const t = useTestDatabase(backend);
  const admin: Actor = { userId: 'admin-1', role: 'admin', stores: {} };

  async function user(id: string, password?: string) {
    await t().db.insert(users).values({ id, email: `${id}@example.com`, passwordHash: password ? await hashPassword(password) : null });
    const version = async () => (await t().db.select({ v: users.sessionVersion, role: users.role, hash: users.passwordHash }).from(users).where(eq(users.id, id)))[0]!;
    return { actor: { userId: id, role: 'shopper', stores: {} } as Actor, version };
  }

  it('a role change bumps the session version and is audited; only admins may do it', async () => {
    const u = await user('role-1');
    const before = (await u.version()).v;
    await expect(setUserRole(t().db, u.actor, 'role-1', 'admin')).rejects.toMatchObject({ code: 'forbidden' });
    await setUserRole(t().db, admin, 'role-1', 'marketer');
    const after = await u.version();
    expect(after.role).toBe('marketer');
    expect(after.v).toBe(before + 1);
    const entries = await t().db.select().from(auditLog).where(eq(auditLog.subjectId, 'role-1'));
    expect(entries.map((e) => e.action)).toEqual(['account.role_changed']);
    await expect(setUserRole(t().db, admin, 'nobody', 'admin')).rejects.toMatchObject({ code: 'not_found' });
  });

  it('sign out everywhere bumps the version', async () => {
    const u = await user('sov-1');
    const before = (await u.version()).v;
    await signOutEverywhere(t().db, u.actor);
    expect((await u.version()).v).toBe(before + 1);
  });

  it('a password change needs the current password, then bumps the version', async () => {
    const u = await user('pw-1', 'first-password-1');
    const before = (await u.version()).v;
    await expect(changePassword(t().db, u.actor, { currentPassword: 'wrong', newPassword: 'second-password-2' })).rejects.toMatchObject({ code: 'wrong_password' });
    expect((await u.version()).v).toBe(before);
    await changePassword(t().db, u.actor, { currentPassword: 'first-password-1', newPassword: 'second-password-2' });
    const after = await u.version();
    expect(after.v).toBe(before + 1);
    expect(await verifyPassword('second-password-2', after.hash!)).toBe(true);
  });
});
