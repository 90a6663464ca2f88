import { and, eq, isNull } from 'drizzle-orm';
import { users } from '@/db/schema/accounts';
import type { DbOrTx } from '@/lib/platform/db';
import { NotFoundError } from '@/lib/platform/errors';
import { parseInput, profileInput } from './account-inputs';
import type { Actor } from './permissions';

/** Renames the actor (trimmed, NFKC, 1–100 characters, no control characters). */
export async function updateProfile(db: DbOrTx, actor: Pick<Actor, 'userId'>, input: unknown): Promise<{ name: string }> {
  const { name } = parseInput(profileInput, input);
  const [row] = await db
    .update(users)
    .set({ name })
    .where(and(eq(users.id, actor.userId), isNull(users.deletedAt)))
    .returning({ id: users.id });
  if (!row) throw new NotFoundError('Your account');
  return { name };
}
