import { eq, sql } from 'drizzle-orm';
import { authAccounts, users } from '@/db/schema/accounts';
import { recordAudit } from '@/lib/audit/service';
import type { DbOrTx } from '@/lib/platform/db';
import { DomainError } from '@/lib/platform/errors';
import { hashPassword, verifyPassword } from './password';
import type { Actor } from './permissions';

type RequestInfo = { ip?: string | null; userAgent?: string | null };

/** Ends every session of the user, this one included, on their next request. */
export async function signOutEverywhere(db: DbOrTx, actor: Actor, req: RequestInfo = {}): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.update(users).set({ sessionVersion: sql`${users.sessionVersion} + 1` }).where(eq(users.id, actor.userId));
    await recordAudit(tx, { action: 'auth.signed_out_everywhere', actorId: actor.userId, ...req });
  });
}

/** Changes the password after checking the current one; every other session ends. */
export async function changePassword(
  db: DbOrTx,
  actor: Actor,
  input: { currentPassword: string; newPassword: string },
  req: RequestInfo = {},
): Promise<void> {
  const [user] = await db.select({ hash: users.passwordHash }).from(users).where(eq(users.id, actor.userId)).limit(1);
  if (!user?.hash || !(await verifyPassword(input.currentPassword, user.hash))) {
    throw new DomainError('wrong_password', 'Your current password is not correct.');
  }
  const hash = await hashPassword(input.newPassword);
  await db.transaction(async (tx) => {
    await tx.update(users).set({ passwordHash: hash, sessionVersion: sql`${users.sessionVersion} + 1` }).where(eq(users.id, actor.userId));
    await recordAudit(tx, { action: 'auth.password_changed', actorId: actor.userId, ...req });
  });
}

/** How this account can sign in: password, email links, and any linked OAuth providers. */
export async function listSignInMethods(db: DbOrTx, userId: string): Promise<string[]> {
  const [user] = await db.select({ hash: users.passwordHash }).from(users).where(eq(users.id, userId)).limit(1);
  const linked = await db.select({ provider: authAccounts.provider }).from(authAccounts).where(eq(authAccounts.userId, userId));
  return [...(user?.hash ? ['Email and password'] : []), 'One-time email links', ...linked.map((l) => (l.provider === 'github' ? 'GitHub' : l.provider === 'google' ? 'Google' : l.provider))];
}
