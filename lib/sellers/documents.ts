import { eq } from 'drizzle-orm';
import { kycDocuments, kycSubmissions } from '@/db/schema/kyc';
import { stores } from '@/db/schema/sellers';
import type { Actor } from '@/lib/accounts/permissions';
import type { DbOrTx } from '@/lib/platform/db';
import { NotFoundError } from '@/lib/platform/errors';
import type { FileStore } from './files';
import { mayReadKyc } from './queries';

export type DocumentFile = { fileName: string; contentType: string; bytes: Buffer };

/**
 * A KYC document's bytes, for admins, the store's owners and (until approval) its applicant
 * only. Anyone else, and any id that doesn't exist, gets the same "not found" (ids can't be probed).
 */
export async function readDocument(db: DbOrTx, documents: FileStore, actor: Actor, documentId: string): Promise<DocumentFile> {
  const [doc] = await db
    .select({ storageKey: kycDocuments.storageKey, fileName: kycDocuments.fileName, contentType: kycDocuments.contentType, storeId: stores.id, storeStatus: stores.status, applicantId: kycSubmissions.applicantId })
    .from(kycDocuments)
    .innerJoin(kycSubmissions, eq(kycSubmissions.id, kycDocuments.submissionId))
    .innerJoin(stores, eq(stores.id, kycSubmissions.storeId))
    .where(eq(kycDocuments.id, documentId));
  if (!doc || !mayReadKyc(actor, { id: doc.storeId, status: doc.storeStatus }, doc.applicantId)) throw new NotFoundError('That document');
  const bytes = await documents.get(doc.storageKey);
  if (!bytes) throw new NotFoundError('That document');
  return { fileName: doc.fileName, contentType: doc.contentType, bytes };
}
