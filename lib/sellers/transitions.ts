import { and, eq, sql } from 'drizzle-orm';
import { users } from '@/db/schema/accounts';
import { kycSubmissions, storeStatusEvents } from '@/db/schema/kyc';
import { storeMembers, stores } from '@/db/schema/sellers';
import { can, type Actor } from '@/lib/accounts/permissions';
import { recordAudit } from '@/lib/audit/service';
import type { Tx } from '@/lib/platform/db';
import { enqueueEmail, type EmailMessage } from '@/lib/platform/email';
import { DomainError, ForbiddenError, NotFoundError } from '@/lib/platform/errors';
import {
  applicationApprovedMessage,
  applicationRejectedMessage,
  applicationSubmittedMessage,
  applicationWithdrawnMessage,
  storeReactivatedMessage,
  storeSuspendedMessage,
} from './emails';
import { nextStatus, TRANSITIONS, type StoreEvent, type StoreStatus } from './status';

export type TransitionInput = { storeId: string; event: StoreEvent; reason?: string | null; ip?: string | null };
export type TransitionResult = { from: StoreStatus; to: StoreStatus; eventId: string };

type Locked = { id: string; name: string; slug: string; status: StoreStatus; applicantId: string | null; applicantEmail: string | null };

/** Locks the store row (serialising every status change and membership change of one store). */
export async function lockStore(tx: Tx, storeId: string): Promise<Locked | null> {
  const [row] = await tx
    .select({ id: stores.id, name: stores.name, slug: stores.slug, status: stores.status })
    .from(stores)
    .where(eq(stores.id, storeId))
    .for('update');
  if (!row) return null;
  const [app] = await tx
    .select({ applicantId: kycSubmissions.applicantId, applicantEmail: users.email })
    .from(kycSubmissions)
    .leftJoin(users, eq(users.id, kycSubmissions.applicantId))
    .where(eq(kycSubmissions.storeId, storeId));
  return { ...row, applicantId: app?.applicantId ?? null, applicantEmail: app?.applicantEmail ?? null };
}

async function ownerEmails(tx: Tx, storeId: string): Promise<string[]> {
  const rows = await tx
    .select({ email: users.email })
    .from(storeMembers)
    .innerJoin(users, eq(users.id, storeMembers.userId))
    .where(and(eq(storeMembers.storeId, storeId), eq(storeMembers.role, 'owner'), sql`${users.deletedAt} is null`));
  return rows.map((r) => r.email);
}

/** Who hears about each event, and what they read. `activate` follows `approve` and carries its news. */
async function messagesFor(tx: Tx, store: Locked, event: StoreEvent, reason: string | null): Promise<EmailMessage[]> {
  const applicant = store.applicantEmail;
  switch (event) {
    case 'submit':
    case 'resubmit':
      return applicant ? [applicationSubmittedMessage(applicant, store.name)] : [];
    case 'withdraw':
      return applicant ? [applicationWithdrawnMessage(applicant, store.name)] : [];
    case 'reject':
      return applicant ? [applicationRejectedMessage(applicant, store.name, reason ?? '')] : [];
    case 'approve':
      return [];
    case 'activate':
      return applicant ? [applicationApprovedMessage(applicant, store.name, store.slug)] : [];
    case 'suspend':
      return (await ownerEmails(tx, store.id)).map((to) => storeSuspendedMessage(to, store.name, reason ?? ''));
    case 'reactivate':
      return (await ownerEmails(tx, store.id)).map((to) => storeReactivatedMessage(to, store.name, store.slug));
  }
}

/**
 * The one place a store's status changes: checks who may fire the event (the applicant for
 * their own application, an admin for decisions), applies the status machine to the locked row,
 * records the history and the audit entry, and queues the emails, all in the caller's
 * transaction. A decision already taken by someone else is an InvalidTransitionError (409).
 */
export async function transitionStore(tx: Tx, actor: Actor, input: TransitionInput): Promise<TransitionResult> {
  const rule = TRANSITIONS[input.event];
  const store = await lockStore(tx, input.storeId);
  // The applicant's view: someone else's store doesn't exist.
  if (!store || (rule.by === 'applicant' && store.applicantId !== actor.userId)) throw new NotFoundError('That application');
  if (rule.by === 'admin' && !can(actor, 'admin:sellers')) throw new ForbiddenError();
  const reason = input.reason?.trim() || null;
  if (rule.reason === 'required' && !reason) throw new DomainError('reason_required', 'Give a reason: the seller will read it.', 400);
  const from = store.status;
  const to = nextStatus(from, input.event);

  await tx.update(stores).set({ status: to }).where(eq(stores.id, store.id));
  const [event] = await tx
    .insert(storeStatusEvents)
    // clock_timestamp(), not now(): approve and activate share a transaction and must keep their order.
    .values({ storeId: store.id, fromStatus: from, toStatus: to, actorId: actor.userId, reason, createdAt: sql`clock_timestamp()` })
    .returning({ id: storeStatusEvents.id });

  const now = sql`now()`;
  if (input.event === 'submit' || input.event === 'resubmit') {
    await tx.update(kycSubmissions).set({ submittedAt: now, decidedAt: null, decidedBy: null }).where(eq(kycSubmissions.storeId, store.id));
  } else if (input.event === 'approve' || input.event === 'reject') {
    await tx
      .update(kycSubmissions)
      .set({ decidedAt: now, decidedBy: actor.userId, rejectionReason: input.event === 'reject' ? reason : null })
      .where(eq(kycSubmissions.storeId, store.id));
  }

  await recordAudit(tx, {
    action: `seller.store.${input.event}`,
    actorId: actor.userId,
    subjectType: 'store',
    subjectId: store.id,
    ip: input.ip,
    data: { from, to, ...(reason ? { reason } : {}) },
  });
  for (const [i, msg] of (await messagesFor(tx, { ...store, status: to }, input.event, reason)).entries()) {
    await enqueueEmail(tx, msg, `store-status:${event!.id}:${i}`);
  }
  return { from, to, eventId: event!.id };
}
