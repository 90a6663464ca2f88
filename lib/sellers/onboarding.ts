import { createHash, randomUUID } from 'node:crypto';
import { and, count, eq, inArray, sql } from 'drizzle-orm';
import { users } from '@/db/schema/accounts';
import { kycDocuments, kycSubmissions, storeStatusEvents } from '@/db/schema/kyc';
import { storeMembers, stores } from '@/db/schema/sellers';
import { can, type Actor } from '@/lib/accounts/permissions';
import { recordAudit } from '@/lib/audit/service';
import type { DbOrTx, Tx } from '@/lib/platform/db';
import { enqueueEmail } from '@/lib/platform/email';
import { DomainError, NotFoundError } from '@/lib/platform/errors';
import { SELLER_AGREEMENT_VERSION } from './agreement';
import { encryptField, fieldContext, lastFour, mask } from './encryption';
import { payoutChangedMessage } from './emails';
import type { SellerFiles } from './files';
import type { BusinessInput, DocumentKind, PayoutInput, StartApplicationInput, StoreProfileInput } from './inputs';
import { isApprovedStore, isEditableApplication, type StoreStatus } from './status';
import { lockStore, transitionStore } from './transitions';
import { processLogo, validateDocument, validateLogo } from './uploads';

/**
 * Seller onboarding writes. Every function takes the actor from the session: an applicant works
 * on their own application while it is editable (draft, or rejected and being fixed); owners
 * keep the store profile, logo and payout details up to date once the store is approved.
 * Someone else's application reads as "not found".
 */

export const MAX_DOCUMENTS = 10;
const OPEN: StoreStatus[] = ['draft', 'submitted', 'rejected'];

export class SlugTakenError extends DomainError {
  constructor() {
    super('slug_taken', 'That store address is already taken. Try another.', 409);
  }
}

type Ctx = { ip?: string | null };

/** Starts an application: reserves the store's name and address as a draft store. One open application per user. */
export async function startApplication(db: DbOrTx, actor: Actor, input: StartApplicationInput, ctx: Ctx = {}): Promise<{ storeId: string; slug: string }> {
  return db.transaction(async (tx) => {
    // Serialises two "start" clicks of one user.
    await tx.select({ id: users.id }).from(users).where(eq(users.id, actor.userId)).for('update');
    const [open] = await tx
      .select({ id: stores.id })
      .from(kycSubmissions)
      .innerJoin(stores, eq(stores.id, kycSubmissions.storeId))
      .where(and(eq(kycSubmissions.applicantId, actor.userId), inArray(stores.status, OPEN)))
      .limit(1);
    if (open) throw new DomainError('application_open', 'You already have an application in progress: finish or withdraw it first.', 409);
    const [store] = await tx
      .insert(stores)
      .values({ slug: input.slug, name: input.name, status: 'draft' })
      .onConflictDoNothing({ target: stores.slug })
      .returning({ id: stores.id, slug: stores.slug });
    if (!store) throw new SlugTakenError();
    await tx.insert(kycSubmissions).values({ storeId: store.id, applicantId: actor.userId });
    await tx.insert(storeStatusEvents).values({ storeId: store.id, fromStatus: null, toStatus: 'draft', actorId: actor.userId });
    await recordAudit(tx, { action: 'seller.application.started', actorId: actor.userId, subjectType: 'store', subjectId: store.id, ip: ctx.ip, data: { slug: store.slug } });
    return { storeId: store.id, slug: store.slug };
  });
}

type Editable = { store: NonNullable<Awaited<ReturnType<typeof lockStore>>>; submissionId: string | null; mode: 'applicant' | 'owner' };

/**
 * Locks the store and decides how the actor may change it: as the applicant of an editable
 * application, or (`ownerMay`) as an owner of an approved store. Anything else: not found for
 * strangers, 409 for an application that is with a reviewer.
 */
async function openForEdit(tx: Tx, actor: Actor, storeId: string, ownerMay: boolean): Promise<Editable> {
  const store = await lockStore(tx, storeId);
  if (!store) throw new NotFoundError('That store');
  const [sub] = await tx.select({ id: kycSubmissions.id }).from(kycSubmissions).where(eq(kycSubmissions.storeId, storeId));
  if (store.applicantId === actor.userId && isEditableApplication(store.status)) return { store, submissionId: sub?.id ?? null, mode: 'applicant' };
  if (ownerMay && can(actor, 'store:manage', storeId) && isApprovedStore(store.status)) return { store, submissionId: sub?.id ?? null, mode: 'owner' };
  if (store.applicantId === actor.userId && store.status === 'submitted') {
    throw new DomainError('application_locked', 'Your application is in review and can’t be changed. Withdraw it to make changes.', 409);
  }
  if (store.applicantId !== actor.userId && !can(actor, 'seller:portal', storeId)) throw new NotFoundError('That store');
  throw new DomainError('forbidden', 'Only the store’s owners can change this.', 403);
}

/** Store name, description, support email and return policy (and the address, while the application is editable). */
export async function updateStoreProfile(db: DbOrTx, actor: Actor, input: StoreProfileInput): Promise<{ slug: string }> {
  return db.transaction(async (tx) => {
    const { store, mode } = await openForEdit(tx, actor, input.storeId, true);
    const slug = mode === 'applicant' && input.slug ? input.slug : store.slug;
    if (slug !== store.slug) {
      const [taken] = await tx.select({ id: stores.id }).from(stores).where(eq(stores.slug, slug)).limit(1);
      if (taken) throw new SlugTakenError();
    }
    await tx
      .update(stores)
      .set({ name: input.name, slug, description: input.description, supportEmail: input.supportEmail, returnPolicy: input.returnPolicy })
      .where(eq(stores.id, store.id));
    await recordAudit(tx, { action: 'seller.store.profile_updated', actorId: actor.userId, subjectType: 'store', subjectId: store.id, data: { slugChanged: slug !== store.slug } });
    return { slug };
  });
}

/** Legal name, business type, tax id (encrypted; empty keeps the one on file) and registered address. */
export async function saveBusinessDetails(db: DbOrTx, actor: Actor, input: BusinessInput): Promise<void> {
  await db.transaction(async (tx) => {
    const { store, submissionId, mode } = await openForEdit(tx, actor, input.storeId, false);
    if (mode !== 'applicant' || !submissionId) throw new NotFoundError('That application');
    const [current] = await tx.select({ taxIdLast4: kycSubmissions.taxIdLast4 }).from(kycSubmissions).where(eq(kycSubmissions.id, submissionId));
    if (!input.taxId && current?.taxIdLast4 === null) throw new DomainError('tax_id_required', 'Enter your tax id.', 400);
    await tx
      .update(kycSubmissions)
      .set({
        legalName: input.legalName,
        businessType: input.businessType,
        addressLine1: input.addressLine1,
        addressLine2: input.addressLine2,
        city: input.city,
        region: input.region,
        postalCode: input.postalCode,
        country: input.country,
        ...(input.taxId
          ? { taxIdCiphertext: encryptField(input.taxId, fieldContext('kyc_submissions', 'tax_id', submissionId)), taxIdLast4: lastFour(input.taxId) }
          : {}),
      })
      .where(eq(kycSubmissions.id, submissionId));
    await recordAudit(tx, { action: 'seller.application.business_saved', actorId: actor.userId, subjectType: 'store', subjectId: store.id, data: { taxIdChanged: Boolean(input.taxId) } });
  });
}

/** Payout account holder and IBAN / account number (encrypted; empty keeps the one on file). Owners are told when it changes after approval. */
export async function savePayoutDetails(db: DbOrTx, actor: Actor, input: PayoutInput): Promise<void> {
  await db.transaction(async (tx) => {
    const { store, submissionId, mode } = await openForEdit(tx, actor, input.storeId, true);
    if (!submissionId) throw new DomainError('no_application', 'This store has no payout record yet; contact support.', 409);
    const [current] = await tx.select({ last4: kycSubmissions.payoutAccountLast4 }).from(kycSubmissions).where(eq(kycSubmissions.id, submissionId));
    if (!input.payoutAccount && current?.last4 === null) throw new DomainError('payout_account_required', 'Enter the IBAN or account number.', 400);
    const last4 = input.payoutAccount ? lastFour(input.payoutAccount) : null;
    await tx
      .update(kycSubmissions)
      .set({
        payoutHolder: input.payoutHolder,
        ...(input.payoutAccount
          ? { payoutAccountCiphertext: encryptField(input.payoutAccount, fieldContext('kyc_submissions', 'payout_account', submissionId)), payoutAccountLast4: last4 }
          : {}),
      })
      .where(eq(kycSubmissions.id, submissionId));
    await recordAudit(tx, { action: 'seller.store.payout_saved', actorId: actor.userId, subjectType: 'store', subjectId: store.id, data: { accountChanged: Boolean(input.payoutAccount), by: mode } });
    // A changed bank account on a live store is the classic takeover move: every owner hears of it.
    if (mode === 'owner' && input.payoutAccount) {
      const owners = await tx
        .select({ email: users.email })
        .from(storeMembers)
        .innerJoin(users, eq(users.id, storeMembers.userId))
        .where(and(eq(storeMembers.storeId, store.id), eq(storeMembers.role, 'owner')));
      const stamp = randomUUID();
      for (const o of owners) await enqueueEmail(tx, payoutChangedMessage(o.email, store.name, mask(last4)!), `payout-changed:${store.id}:${stamp}:${o.email}`);
    }
  });
}

export type UploadedFile = { fileName: string | null; bytes: Uint8Array };

/** Validates, re-encodes to WebP and publishes a store logo; replaces the previous one. */
export async function setStoreLogo(db: DbOrTx, files: SellerFiles, actor: Actor, storeId: string, file: UploadedFile): Promise<{ logoUrl: string }> {
  // Authorize before spending CPU on someone else's store.
  const previous = await db.transaction(async (tx) => {
    const { store } = await openForEdit(tx, actor, storeId, true);
    const [row] = await tx.select({ logoUrl: stores.logoUrl }).from(stores).where(eq(stores.id, store.id));
    return row?.logoUrl ?? null;
  });
  validateLogo(file.fileName, file.bytes);
  const webp = await processLogo(file.bytes);
  const hash = createHash('sha256').update(webp).digest('hex').slice(0, 16);
  const key = `stores/${storeId}/logo-${hash}.webp`;
  await files.media.put(key, webp);
  const logoUrl = `/media/${key}`;
  // Checked again under the lock: the application may have been submitted meanwhile.
  await db.transaction(async (tx) => {
    await openForEdit(tx, actor, storeId, true);
    await tx.update(stores).set({ logoUrl }).where(eq(stores.id, storeId));
    await recordAudit(tx, { action: 'seller.store.logo_updated', actorId: actor.userId, subjectType: 'store', subjectId: storeId });
  });
  if (previous && previous !== logoUrl && previous.startsWith(`/media/stores/${storeId}/`)) await files.media.remove(previous.slice('/media/'.length)).catch(() => {});
  return { logoUrl };
}

export type DocumentSummary = { id: string; kind: DocumentKind; fileName: string; contentType: string; byteSize: number; createdAt: Date };

/** Adds an identity or business document (PDF, PNG or JPEG by content, at most 10 MB) to an editable application. */
export async function addDocument(db: DbOrTx, files: SellerFiles, actor: Actor, input: { storeId: string; kind: DocumentKind } & UploadedFile): Promise<DocumentSummary> {
  const file = validateDocument(input.fileName, input.bytes);
  const id = randomUUID();
  const sha256 = createHash('sha256').update(input.bytes).digest('hex');
  return db.transaction(async (tx) => {
    const { submissionId, mode } = await openForEdit(tx, actor, input.storeId, false);
    if (mode !== 'applicant' || !submissionId) throw new NotFoundError('That application');
    const [{ n }] = (await tx.select({ n: count() }).from(kycDocuments).where(eq(kycDocuments.submissionId, submissionId))) as [{ n: number }];
    if (n >= MAX_DOCUMENTS) throw new DomainError('too_many_documents', `An application holds at most ${MAX_DOCUMENTS} documents. Remove one first.`, 409);
    const storageKey = `kyc/${submissionId}/${id}.${file.extension}`;
    // The file first: a failed insert leaves an orphan file (harmless), never a row without bytes.
    await files.documents.put(storageKey, input.bytes);
    const [row] = await tx
      .insert(kycDocuments)
      .values({ id, submissionId, kind: input.kind, fileName: file.name, contentType: file.contentType, byteSize: input.bytes.length, sha256, storageKey, uploadedBy: actor.userId })
      .returning();
    await recordAudit(tx, { action: 'seller.application.document_added', actorId: actor.userId, subjectType: 'store', subjectId: input.storeId, data: { documentId: id, kind: input.kind } });
    return { id: row!.id, kind: row!.kind, fileName: row!.fileName, contentType: row!.contentType, byteSize: row!.byteSize, createdAt: row!.createdAt };
  });
}

export async function removeDocument(db: DbOrTx, files: SellerFiles, actor: Actor, documentId: string): Promise<void> {
  const key = await db.transaction(async (tx) => {
    const [doc] = await tx
      .select({ id: kycDocuments.id, storageKey: kycDocuments.storageKey, storeId: kycSubmissions.storeId })
      .from(kycDocuments)
      .innerJoin(kycSubmissions, eq(kycSubmissions.id, kycDocuments.submissionId))
      .where(eq(kycDocuments.id, documentId));
    if (!doc) throw new NotFoundError('That document');
    const { mode } = await openForEdit(tx, actor, doc.storeId, false).catch((err) => {
      throw err instanceof DomainError && err.code === 'forbidden' ? new NotFoundError('That document') : err;
    });
    if (mode !== 'applicant') throw new NotFoundError('That document');
    await tx.delete(kycDocuments).where(eq(kycDocuments.id, doc.id));
    await recordAudit(tx, { action: 'seller.application.document_removed', actorId: actor.userId, subjectType: 'store', subjectId: doc.storeId, data: { documentId } });
    return doc.storageKey;
  });
  await files.documents.remove(key).catch(() => {});
}

export type Completeness = { store: boolean; business: boolean; documents: boolean; payout: boolean };

export const STEP_LABEL: Record<keyof Completeness, string> = { store: 'Store profile', business: 'Business details', documents: 'Documents', payout: 'Payout details' };

/** Which steps of an application are complete (the review step needs all four). */
export async function completeness(db: DbOrTx, storeId: string): Promise<Completeness> {
  const [row] = await db
    .select({
      description: stores.description,
      supportEmail: stores.supportEmail,
      returnPolicy: stores.returnPolicy,
      legalName: kycSubmissions.legalName,
      businessType: kycSubmissions.businessType,
      taxIdLast4: kycSubmissions.taxIdLast4,
      addressLine1: kycSubmissions.addressLine1,
      country: kycSubmissions.country,
      payoutHolder: kycSubmissions.payoutHolder,
      payoutAccountLast4: kycSubmissions.payoutAccountLast4,
      documents: sql<number>`(select count(*)::int from ${kycDocuments} d where d.submission_id = ${kycSubmissions.id})`,
    })
    .from(stores)
    .innerJoin(kycSubmissions, eq(kycSubmissions.storeId, stores.id))
    .where(eq(stores.id, storeId));
  if (!row) return { store: false, business: false, documents: false, payout: false };
  return {
    store: Boolean(row.description && row.supportEmail && row.returnPolicy),
    business: Boolean(row.legalName && row.businessType && row.taxIdLast4 !== null && row.addressLine1 && row.country),
    documents: row.documents > 0,
    payout: Boolean(row.payoutHolder && row.payoutAccountLast4 !== null),
  };
}

/** Accepts the seller agreement and sends the application for review (again, after a rejection). */
export async function submitApplication(db: DbOrTx, actor: Actor, input: { storeId: string; accept: boolean; agreementVersion: string }, ctx: Ctx = {}): Promise<void> {
  await db.transaction(async (tx) => {
    const { store, mode } = await openForEdit(tx, actor, input.storeId, false);
    if (mode !== 'applicant') throw new NotFoundError('That application');
    if (!input.accept) throw new DomainError('agreement_required', 'Accept the seller agreement to submit.', 400);
    if (input.agreementVersion !== SELLER_AGREEMENT_VERSION) {
      throw new DomainError('agreement_outdated', 'The seller agreement was updated while you were reading it. Review the new version and accept again.', 409);
    }
    const done = await completeness(tx, store.id);
    const missing = (Object.keys(done) as (keyof Completeness)[]).filter((k) => !done[k]).map((k) => STEP_LABEL[k]);
    if (missing.length) throw new DomainError('application_incomplete', `Finish these steps first: ${missing.join(', ')}.`, 400);
    await tx.update(kycSubmissions).set({ agreementVersion: SELLER_AGREEMENT_VERSION, agreementAcceptedAt: sql`now()` }).where(eq(kycSubmissions.storeId, store.id));
    await recordAudit(tx, { action: 'seller.agreement.accepted', actorId: actor.userId, subjectType: 'store', subjectId: store.id, ip: ctx.ip, data: { version: SELLER_AGREEMENT_VERSION } });
    await transitionStore(tx, actor, { storeId: store.id, event: store.status === 'rejected' ? 'resubmit' : 'submit', ip: ctx.ip });
  });
}

/** Takes a submitted application back to draft so it can be changed. */
export async function withdrawApplication(db: DbOrTx, actor: Actor, storeId: string, ctx: Ctx = {}): Promise<void> {
  await db.transaction((tx) => transitionStore(tx, actor, { storeId, event: 'withdraw', ip: ctx.ip }));
}

/** Deletes a draft application and its store (freeing the address) and files. */
export async function deleteDraftApplication(db: DbOrTx, files: SellerFiles, actor: Actor, storeId: string): Promise<void> {
  const keys = await db.transaction(async (tx) => {
    const store = await lockStore(tx, storeId);
    if (!store || store.applicantId !== actor.userId) throw new NotFoundError('That application');
    if (store.status !== 'draft') throw new DomainError('not_a_draft', 'Only a draft application can be deleted. Withdraw it first.', 409);
    const docs = await tx
      .select({ key: kycDocuments.storageKey })
      .from(kycDocuments)
      .innerJoin(kycSubmissions, eq(kycSubmissions.id, kycDocuments.submissionId))
      .where(eq(kycSubmissions.storeId, storeId));
    const [logo] = await tx.select({ logoUrl: stores.logoUrl }).from(stores).where(eq(stores.id, storeId));
    await tx.delete(stores).where(eq(stores.id, storeId));
    await recordAudit(tx, { action: 'seller.application.deleted', actorId: actor.userId, subjectType: 'store', subjectId: storeId, data: { slug: store.slug } });
    return { docs: docs.map((d) => d.key), logo: logo?.logoUrl ?? null };
  });
  await Promise.all(keys.docs.map((k) => files.documents.remove(k).catch(() => {})));
  if (keys.logo?.startsWith(`/media/stores/${storeId}/`)) await files.media.remove(keys.logo.slice('/media/'.length)).catch(() => {});
}
