import { sql } from 'drizzle-orm';
import { check, index, integer, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from './accounts';
import { createdAt, id, updatedAt } from './columns';
import { storeRole, storeStatus, stores } from './sellers';

/**
 * Seller onboarding: the application behind each store (KYC, payout details, agreement), its
 * documents, the store's status history, and staff invitations. The store's status itself lives
 * on `stores.status`; lib/sellers/status.ts is the only code that changes it.
 *
 * Secrets (tax id, bank account) are stored only as AES-256-GCM ciphertext
 * (lib/sellers/encryption.ts) beside their last four characters, so every read can show them
 * masked without decrypting.
 */

export const businessType = pgEnum('business_type', ['individual', 'sole_proprietor', 'company', 'partnership', 'nonprofit']);
export const kycDocumentKind = pgEnum('kyc_document_kind', ['identity', 'business_registration', 'proof_of_address', 'tax_certificate', 'other']);

export const kycSubmissions = pgTable(
  'kyc_submissions',
  {
    id: id(),
    storeId: uuid()
      .notNull()
      .references(() => stores.id, { onDelete: 'cascade' }),
    applicantId: text()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    legalName: text(),
    businessType: businessType(),
    taxIdCiphertext: text(),
    taxIdLast4: text(),
    addressLine1: text(),
    addressLine2: text(),
    city: text(),
    region: text(),
    postalCode: text(),
    country: text(),
    payoutHolder: text(),
    payoutAccountCiphertext: text(),
    payoutAccountLast4: text(),
    agreementVersion: text(),
    agreementAcceptedAt: timestamp({ withTimezone: true }),
    submittedAt: timestamp({ withTimezone: true }),
    decidedAt: timestamp({ withTimezone: true }),
    decidedBy: text(),
    rejectionReason: text(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('kyc_submissions_store_key').on(t.storeId),
    index('kyc_submissions_applicant_idx').on(t.applicantId),
    check('kyc_submissions_tax_last4', sql`${t.taxIdLast4} is null or length(${t.taxIdLast4}) <= 4`),
    check('kyc_submissions_payout_last4', sql`${t.payoutAccountLast4} is null or length(${t.payoutAccountLast4}) <= 4`),
    check('kyc_submissions_tax_pair', sql`(${t.taxIdCiphertext} is null) = (${t.taxIdLast4} is null)`),
    check('kyc_submissions_payout_pair', sql`(${t.payoutAccountCiphertext} is null) = (${t.payoutAccountLast4} is null)`),
  ],
);

/** Identity or business documents. The bytes live outside the public media root (lib/sellers/files.ts). */
export const kycDocuments = pgTable(
  'kyc_documents',
  {
    id: id(),
    submissionId: uuid()
      .notNull()
      .references(() => kycSubmissions.id, { onDelete: 'cascade' }),
    kind: kycDocumentKind().notNull(),
    /** The uploader's file name, cleaned, for display and downloads only; never a path. */
    fileName: text().notNull(),
    contentType: text().notNull(),
    byteSize: integer().notNull(),
    sha256: text().notNull(),
    storageKey: text().notNull(),
    uploadedBy: text(),
    createdAt: createdAt(),
  },
  (t) => [
    index('kyc_documents_submission_idx').on(t.submissionId, t.createdAt),
    uniqueIndex('kyc_documents_storage_key').on(t.storageKey),
    check('kyc_documents_size', sql`${t.byteSize} > 0 and ${t.byteSize} <= 10485760`),
  ],
);

/** Every status change of a store, with who made it and why (reasons for rejections and suspensions). */
export const storeStatusEvents = pgTable(
  'store_status_events',
  {
    id: id(),
    storeId: uuid()
      .notNull()
      .references(() => stores.id, { onDelete: 'cascade' }),
    fromStatus: storeStatus(),
    toStatus: storeStatus().notNull(),
    // No foreign key, like the audit log: the history outlives the accounts it mentions.
    actorId: text(),
    reason: text(),
    createdAt: createdAt(),
  },
  (t) => [index('store_status_events_store_idx').on(t.storeId, t.createdAt)],
);

/** A staff invitation: only the SHA-256 of the emailed token is stored. */
export const storeInvites = pgTable(
  'store_invites',
  {
    id: id(),
    storeId: uuid()
      .notNull()
      .references(() => stores.id, { onDelete: 'cascade' }),
    email: text().notNull(),
    role: storeRole().notNull().default('staff'),
    tokenHash: text().notNull(),
    invitedBy: text().references(() => users.id, { onDelete: 'set null' }),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    acceptedAt: timestamp({ withTimezone: true }),
    acceptedBy: text(),
    revokedAt: timestamp({ withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('store_invites_token_key').on(t.tokenHash),
    // One open invitation per address and store; inviting again replaces it.
    uniqueIndex('store_invites_open_key')
      .on(t.storeId, t.email)
      .where(sql`${t.acceptedAt} is null and ${t.revokedAt} is null`),
    check('store_invites_email_lower', sql`${t.email} = lower(${t.email})`),
  ],
);

export type KycSubmission = typeof kycSubmissions.$inferSelect;
export type KycDocument = typeof kycDocuments.$inferSelect;
export type StoreStatusEvent = typeof storeStatusEvents.$inferSelect;
export type StoreInvite = typeof storeInvites.$inferSelect;
