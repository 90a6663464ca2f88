import { eq, sql } from 'drizzle-orm';
import { users } from '@/db/schema/accounts';
import { recordAudit } from '@/lib/audit/service';
import type { DbOrTx } from '@/lib/platform/db';
import { ForbiddenError, NotFoundError } from '@/lib/platform/errors';
import { can, type Actor, type Role } from './permissions';

/** An admin changes a user's role; the user's sessions end so the new role applies at once. */
export async function setUserRole(db: DbOrTx, actor: Actor, userId: string, role: Role): Promise<void> {
  if (!can(actor, 'admin:console')) throw new ForbiddenError();
  await db.transaction(async (tx) => {
    const [before] = await tx.select({ role: users.role }).from(users).where(eq(users.id, userId)).limit(1);
    if (!before) throw new NotFoundError('That user');
    if (before.role === role) return;
    await tx.update(users).set({ role, sessionVersion: sql`${users.sessionVersion} + 1` }).where(eq(users.id, userId));
    await recordAudit(tx, { action: 'account.role_changed', actorId: actor.userId, subjectType: 'user', subjectId: userId, data: { from: before.role, to: role } });
  });
}
