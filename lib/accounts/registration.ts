import { createHash, randomBytes } from 'node:crypto';
import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import { users, verificationTokens } from '@/db/schema/accounts';
import { recordAudit } from '@/lib/audit/service';
import type { Db, DbOrTx } from '@/lib/platform/db';
import { sendNow } from '@/lib/platform/email';
import { env } from '@/lib/platform/env';
import { DomainError } from '@/lib/platform/errors';
import { resetPasswordMessage, verifyEmailMessage } from './emails';
import { hashPassword } from './password';

type Purpose = 'verify' | 'reset';
const TTL_MS: Record<Purpose, number> = { verify: 24 * 3600_000, reset: 3600_000 };
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
const findByEmail = (db: DbOrTx, email: string) =>
  db.select().from(users).where(and(sql`lower(${users.email}) = ${email}`, isNull(users.deletedAt))).limit(1);

/** A one-time token: only its hash is stored, so a database leak reveals no usable link. */
async function issueToken(db: DbOrTx, purpose: Purpose, email: string): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  await db.delete(verificationTokens).where(eq(verificationTokens.identifier, `${purpose}:${email}`));
  await db.insert(verificationTokens).values({ identifier: `${purpose}:${email}`, token: sha256(token), expires: new Date(Date.now() + TTL_MS[purpose]) });
  return token;
}

/** Consumes a token (deleting it) and says whether it was valid and unexpired. */
async function consumeToken(db: DbOrTx, purpose: Purpose, email: string, token: string): Promise<boolean> {
  const rows = await db
    .delete(verificationTokens)
    .where(and(eq(verificationTokens.identifier, `${purpose}:${email}`), eq(verificationTokens.token, sha256(token)), gt(verificationTokens.expires, new Date())))
    .returning({ identifier: verificationTokens.identifier });
  return rows.length === 1;
}

const link = (path: string, email: string, token: string) => {
  const url = new URL(path, env.PUBLIC_URL);
  url.searchParams.set('email', email);
  url.searchParams.set('token', token);
  return url.toString();
};

type Req = { ip?: string | null; userAgent?: string | null };

/**
 * Creates an unverified account and emails a confirmation link. An address that already has an
 * account gets the same answer (no account enumeration) and no second account.
 */
export async function signUp(db: Db, input: { name: string; email: string; password: string }, req: Req = {}): Promise<void> {
  const passwordHash = await hashPassword(input.password);
  const message = await db.transaction(async (tx) => {
    const [existing] = await findByEmail(tx, input.email);
    if (existing?.emailVerified) return null;
    if (existing) await tx.update(users).set({ name: input.name, passwordHash }).where(eq(users.id, existing.id));
    const [user] = existing ? [existing] : await tx.insert(users).values({ email: input.email, name: input.name, passwordHash }).returning();
    await recordAudit(tx, { action: 'account.signed_up', actorId: user!.id, ...req });
    const token = await issueToken(tx, 'verify', input.email);
    return verifyEmailMessage(input.email, link('/verify', input.email, token));
  });
  if (message) await sendNow(db, message, `verify:${input.email}:${Date.now()}`);
}

export async function verifyEmail(db: Db, email: string, token: string): Promise<boolean> {
  return db.transaction(async (tx) => {
    if (!(await consumeToken(tx, 'verify', email, token))) return false;
    const [user] = await findByEmail(tx, email);
    if (!user) return false;
    await tx.update(users).set({ emailVerified: user.emailVerified ?? new Date() }).where(eq(users.id, user.id));
    await recordAudit(tx, { action: 'account.email_verified', actorId: user.id });
    return true;
  });
}

/** Emails a reset link when the address has an account; says nothing either way. */
export async function requestPasswordReset(db: Db, email: string, req: Req = {}): Promise<void> {
  const message = await db.transaction(async (tx) => {
    const [user] = await findByEmail(tx, email);
    if (!user) return null;
    await recordAudit(tx, { action: 'auth.password_reset_requested', actorId: user.id, ...req });
    return resetPasswordMessage(email, link('/reset/confirm', email, await issueToken(tx, 'reset', email)));
  });
  if (message) await sendNow(db, message, `reset:${email}:${Date.now()}`);
}

/** Sets a new password from a reset link; every session ends; the mailbox is proven, so the email counts as verified. */
export async function resetPassword(db: Db, input: { email: string; token: string; password: string }, req: Req = {}): Promise<void> {
  const passwordHash = await hashPassword(input.password);
  await db.transaction(async (tx) => {
    if (!(await consumeToken(tx, 'reset', input.email, input.token))) {
      throw new DomainError('invalid_token', 'This reset link is invalid or has expired. Ask for a new one.');
    }
    const [user] = await findByEmail(tx, input.email);
    if (!user) throw new DomainError('invalid_token', 'This reset link is invalid or has expired. Ask for a new one.');
    await tx
      .update(users)
      .set({ passwordHash, emailVerified: user.emailVerified ?? new Date(), sessionVersion: sql`${users.sessionVersion} + 1` })
      .where(eq(users.id, user.id));
    await recordAudit(tx, { action: 'auth.password_reset', actorId: user.id, ...req });
  });
}
