import 'server-only';
import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import { users } from '@/db/schema/accounts';
import { kycDocuments, kycSubmissions, storeStatusEvents } from '@/db/schema/kyc';
import { storeMembers, stores } from '@/db/schema/sellers';
import { can, type Actor } from '@/lib/accounts/permissions';
import type { DbOrTx } from '@/lib/platform/db';
import { NotFoundError } from '@/lib/platform/errors';
import { mask } from './encryption';
import { RESERVED_SLUGS, slug as slugSchema, type DocumentKind } from './inputs';
import { completeness, type Completeness, type DocumentSummary } from './onboarding';
import { isApprovedStore, type StoreStatus } from './status';

/**
 * Seller onboarding reads. Secrets leave the database only as `mask(last4)`: no query here
 * selects a ciphertext column, so no page or API built on them can show one.
 */

export type ApplicationView = {
  store: { id: string; slug: string; name: string; description: string; supportEmail: string | null; returnPolicy: string | null; logoUrl: string | null; status: StoreStatus; createdAt: Date };
  kyc: {
    id: string;
    applicantId: string;
    legalName: string | null;
    businessType: string | null;
    taxId: string | null; // masked
    addressLine1: string | null;
    addressLine2: string | null;
    city: string | null;
    region: string | null;
    postalCode: string | null;
    country: string | null;
    payoutHolder: string | null;
    payoutAccount: string | null; // masked
    agreementVersion: string | null;
    agreementAcceptedAt: Date | null;
    submittedAt: Date | null;
    decidedAt: Date | null;
    rejectionReason: string | null;
  } | null;
  documents: DocumentSummary[];
  history: { id: string; from: StoreStatus | null; to: StoreStatus; reason: string | null; actorName: string | null; at: Date }[];
  steps: Completeness;
};

const kycColumns = {
  id: kycSubmissions.id,
  applicantId: kycSubmissions.applicantId,
  legalName: kycSubmissions.legalName,
  businessType: kycSubmissions.businessType,
  taxIdLast4: kycSubmissions.taxIdLast4,
  addressLine1: kycSubmissions.addressLine1,
  addressLine2: kycSubmissions.addressLine2,
  city: kycSubmissions.city,
  region: kycSubmissions.region,
  postalCode: kycSubmissions.postalCode,
  country: kycSubmissions.country,
  payoutHolder: kycSubmissions.payoutHolder,
  payoutAccountLast4: kycSubmissions.payoutAccountLast4,
  agreementVersion: kycSubmissions.agreementVersion,
  agreementAcceptedAt: kycSubmissions.agreementAcceptedAt,
  submittedAt: kycSubmissions.submittedAt,
  decidedAt: kycSubmissions.decidedAt,
  rejectionReason: kycSubmissions.rejectionReason,
};

function maskKyc({ taxIdLast4, payoutAccountLast4, ...rest }: { taxIdLast4: string | null; payoutAccountLast4: string | null } & Omit<NonNullable<ApplicationView['kyc']>, 'taxId' | 'payoutAccount'>) {
  return { ...rest, taxId: mask(taxIdLast4), payoutAccount: mask(payoutAccountLast4) };
}

/** The full, masked view of one store's application. Callers authorize first. */
async function loadView(db: DbOrTx, storeId: string): Promise<ApplicationView | null> {
  const [store] = await db
    .select({
      id: stores.id,
      slug: stores.slug,
      name: stores.name,
      description: stores.description,
      supportEmail: stores.supportEmail,
      returnPolicy: stores.returnPolicy,
      logoUrl: stores.logoUrl,
      status: stores.status,
      createdAt: stores.createdAt,
    })
    .from(stores)
    .where(eq(stores.id, storeId));
  if (!store) return null;
  const [k] = await db.select(kycColumns).from(kycSubmissions).where(eq(kycSubmissions.storeId, storeId));
  const [documents, history, steps] = await Promise.all([
    k
      ? db
          .select({ id: kycDocuments.id, kind: kycDocuments.kind, fileName: kycDocuments.fileName, contentType: kycDocuments.contentType, byteSize: kycDocuments.byteSize, createdAt: kycDocuments.createdAt })
          .from(kycDocuments)
          .where(eq(kycDocuments.submissionId, k.id))
          .orderBy(asc(kycDocuments.createdAt), asc(kycDocuments.id))
      : Promise.resolve([]),
    db
      .select({ id: storeStatusEvents.id, from: storeStatusEvents.fromStatus, to: storeStatusEvents.toStatus, reason: storeStatusEvents.reason, actorName: users.name, at: storeStatusEvents.createdAt })
      .from(storeStatusEvents)
      .leftJoin(users, eq(users.id, storeStatusEvents.actorId))
      .where(eq(storeStatusEvents.storeId, storeId))
      .orderBy(asc(storeStatusEvents.createdAt), asc(storeStatusEvents.id)),
    completeness(db, storeId),
  ]);
  return {
    store,
    kyc: k ? maskKyc(k) : null,
    documents: documents as DocumentSummary[],
    history,
    steps,
  };
}

export type MyApplication = { storeId: string; slug: string; name: string; status: StoreStatus; updatedAt: Date };

/** The actor's applications, newest first (approved ones included: they link to the portal). */
export async function listMyApplications(db: DbOrTx, actor: Actor): Promise<MyApplication[]> {
  return db
    .select({ storeId: stores.id, slug: stores.slug, name: stores.name, status: stores.status, updatedAt: kycSubmissions.updatedAt })
    .from(kycSubmissions)
    .innerJoin(stores, eq(stores.id, kycSubmissions.storeId))
    .where(eq(kycSubmissions.applicantId, actor.userId))
    .orderBy(desc(kycSubmissions.createdAt), desc(kycSubmissions.id));
}

/** The actor's application in progress (draft, submitted or rejected), if any. */
export async function getOpenApplication(db: DbOrTx, actor: Actor): Promise<ApplicationView | null> {
  const [open] = await db
    .select({ storeId: kycSubmissions.storeId })
    .from(kycSubmissions)
    .innerJoin(stores, eq(stores.id, kycSubmissions.storeId))
    .where(and(eq(kycSubmissions.applicantId, actor.userId), inArray(stores.status, ['draft', 'submitted', 'rejected'])))
    .orderBy(desc(kycSubmissions.createdAt))
    .limit(1);
  return open ? loadView(db, open.storeId) : null;
}

/**
 * One store's application for the people allowed to see it: admins, the store's owners, and the
 * applicant until approval. Staff and everyone else get "not found" (KYC data is not for them).
 */
export async function getApplication(db: DbOrTx, actor: Actor, storeId: string): Promise<ApplicationView> {
  const view = await loadView(db, storeId);
  if (!view || !mayReadKyc(actor, view.store, view.kyc?.applicantId ?? null)) throw new NotFoundError('That application');
  return view;
}

/**
 * Admins, the store's owners, and the applicant until approval. From approval on, ownership
 * decides: an applicant who later left the store (or was removed) no longer reads its KYC
 * record or documents, which its new owners keep up to date.
 */
export function mayReadKyc(actor: Actor, store: { id: string; status: StoreStatus }, applicantId: string | null): boolean {
  return can(actor, 'admin:sellers') || can(actor, 'store:manage', store.id) || (applicantId === actor.userId && !isApprovedStore(store.status));
}

export type SlugAvailability = { slug: string; available: boolean; message: string };

/** For the live check beside the address field; `storeId` is the application's own store (its current address counts as available). */
export async function checkSlug(db: DbOrTx, raw: string, storeId?: string): Promise<SlugAvailability> {
  const parsed = slugSchema.safeParse(raw);
  const slug = raw.trim().toLowerCase();
  if (!parsed.success) return { slug, available: false, message: RESERVED_SLUGS.has(slug) ? 'That address is reserved.' : parsed.error.issues[0]!.message };
  const [taken] = await db.select({ id: stores.id }).from(stores).where(eq(stores.slug, parsed.data)).limit(1);
  const available = !taken || taken.id === storeId;
  return { slug: parsed.data, available, message: available ? 'Available' : 'Already taken' };
}

// ---- Admin queue ----

export type QueueItem = {
  storeId: string;
  slug: string;
  name: string;
  status: StoreStatus;
  applicantName: string | null;
  applicantEmail: string | null;
  legalName: string | null;
  submittedAt: Date | null;
  createdAt: Date;
  documents: number;
};

type QueueCursor = { t: string; id: string };

const encodeCursor = (c: QueueCursor) => Buffer.from(JSON.stringify(c)).toString('base64url');

export function decodeQueueCursor(raw: string | undefined | null): QueueCursor | undefined {
  if (!raw || raw.length > 200 || !/^[A-Za-z0-9_-]+$/.test(raw)) return undefined;
  try {
    const c = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as Partial<QueueCursor>;
    const ok =
      typeof c.t === 'string' &&
      /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/.test(c.t) &&
      !Number.isNaN(Date.parse(c.t)) &&
      typeof c.id === 'string' &&
      /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(c.id);
    return ok ? { t: c.t!, id: c.id! } : undefined;
  } catch {
    return undefined;
  }
}

// Microseconds as text: a JS Date would round them off and the keyset would skip rows.
const createdMicros = sql<string>`to_char(${stores.createdAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

/**
 * The review queue: stores by status, keyset-paginated on (created_at, id). Submitted
 * applications come oldest first (first come, first reviewed); every other list newest first.
 */
export async function listQueue(
  db: DbOrTx,
  actor: Actor,
  opts: { status?: StoreStatus; q?: string; cursor?: string; limit?: number },
): Promise<{ items: QueueItem[]; nextCursor: string | null }> {
  if (!can(actor, 'admin:sellers')) throw new NotFoundError('That page');
  const limit = Math.min(Math.max(Math.trunc(opts.limit ?? 25) || 25, 1), 100);
  const asc_ = opts.status === 'submitted';
  const cursor = decodeQueueCursor(opts.cursor);
  const q = opts.q?.trim().toLowerCase().slice(0, 100);
  const rows = await db
    .select({
      storeId: stores.id,
      slug: stores.slug,
      name: stores.name,
      status: stores.status,
      applicantName: users.name,
      applicantEmail: users.email,
      legalName: kycSubmissions.legalName,
      submittedAt: kycSubmissions.submittedAt,
      createdAt: stores.createdAt,
      documents: sql<number>`(select count(*)::int from ${kycDocuments} d where d.submission_id = ${kycSubmissions.id})`,
      cursorTime: createdMicros,
    })
    .from(stores)
    .leftJoin(kycSubmissions, eq(kycSubmissions.storeId, stores.id))
    .leftJoin(users, eq(users.id, kycSubmissions.applicantId))
    .where(
      and(
        opts.status ? eq(stores.status, opts.status) : undefined,
        q ? sql`(lower(${stores.name}) like ${`%${escapeLike(q)}%`} or ${stores.slug} like ${`%${escapeLike(q)}%`} or lower(${users.email}) like ${`%${escapeLike(q)}%`})` : undefined,
        cursor
          ? asc_
            ? sql`(${stores.createdAt}, ${stores.id}) > (${cursor.t}::timestamptz, ${cursor.id}::uuid)`
            : sql`(${stores.createdAt}, ${stores.id}) < (${cursor.t}::timestamptz, ${cursor.id}::uuid)`
          : undefined,
      ),
    )
    .orderBy(...(asc_ ? [asc(stores.createdAt), asc(stores.id)] : [desc(stores.createdAt), desc(stores.id)]))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    items: page.map((row) => {
      const { cursorTime, ...item } = row;
      void cursorTime;
      return item;
    }),
    nextCursor: rows.length > limit && last ? encodeCursor({ t: last.cursorTime, id: last.storeId }) : null,
  };
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** Counts per status for the queue's filter tabs. */
export async function queueCounts(db: DbOrTx, actor: Actor): Promise<Partial<Record<StoreStatus, number>>> {
  if (!can(actor, 'admin:sellers')) throw new NotFoundError('That page');
  const rows = await db.select({ status: stores.status, n: sql<number>`count(*)::int` }).from(stores).groupBy(stores.status);
  return Object.fromEntries(rows.map((r) => [r.status, r.n]));
}

export type AdminApplication = ApplicationView & {
  applicant: { id: string; name: string | null; email: string } | null;
  members: { userId: string; name: string | null; email: string; role: 'owner' | 'staff' }[];
};

export async function getApplicationForAdmin(db: DbOrTx, actor: Actor, storeId: string): Promise<AdminApplication> {
  if (!can(actor, 'admin:sellers')) throw new NotFoundError('That application');
  const view = await loadView(db, storeId);
  if (!view) throw new NotFoundError('That store');
  const [applicant] = view.kyc ? await db.select({ id: users.id, name: users.name, email: users.email }).from(users).where(eq(users.id, view.kyc.applicantId)) : [];
  const members = await db
    .select({ userId: storeMembers.userId, name: users.name, email: users.email, role: storeMembers.role })
    .from(storeMembers)
    .innerJoin(users, eq(users.id, storeMembers.userId))
    .where(eq(storeMembers.storeId, storeId))
    .orderBy(asc(storeMembers.createdAt));
  return { ...view, applicant: applicant ?? null, members };
}

export type { DocumentKind };
