import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { and, asc, eq, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '@/db/schema/audit';
import { kycDocuments, kycSubmissions, storeStatusEvents } from '@/db/schema/kyc';
import { locations } from '@/db/schema/inventory';
import { emailOutbox } from '@/db/schema/messaging';
import { storeMembers, stores } from '@/db/schema/sellers';
import { BACKENDS, useTestDatabase } from '@/test/db';
import { SELLER_AGREEMENT_VERSION } from './agreement';
import { readDocument } from './documents';
import { decryptField, fieldContext } from './encryption';
import {
  addDocument,
  deleteDraftApplication,
  removeDocument,
  saveBusinessDetails,
  savePayoutDetails,
  setStoreLogo,
  startApplication,
  submitApplication,
  updateStoreProfile,
  withdrawApplication,
} from './onboarding';
import { getApplication, getApplicationForAdmin, listQueue, checkSlug, queueCounts } from './queries';
import { approveApplication, reactivateStore, rejectApplication, suspendStore } from './review';
import { BUSINESS, IBAN, makeUser, PDF, pngBytes, PROFILE, tempFiles } from './test-helpers';

describe.each(BACKENDS)('seller onboarding (%s)', (backend) => {
  const t = useTestDatabase(backend);
  let files: Awaited<ReturnType<typeof tempFiles>>;
  beforeAll(async () => {
    files = await tempFiles();
  });
  afterAll(() => files.cleanup());

  /** A complete application ready to submit, by a fresh applicant. */
  async function completeApplication(slug: string) {
    const db = t().db;
    const applicant = await makeUser(db, 'shopper', 'applicant');
    const me = await applicant.actor();
    const { storeId } = await startApplication(db, me, { name: `Store ${slug}`, slug });
    await updateStoreProfile(db, me, { storeId, name: `Store ${slug}`, slug, ...PROFILE });
    await saveBusinessDetails(db, me, { storeId, ...BUSINESS });
    await addDocument(db, files, me, { storeId, kind: 'identity', fileName: 'passport.pdf', bytes: PDF });
    await savePayoutDetails(db, me, { storeId, payoutHolder: BUSINESS.legalName, payoutAccount: IBAN });
    return { applicant, storeId, me };
  }

  const emailsTo = (to: string) => t().db.select().from(emailOutbox).where(eq(emailOutbox.to, to)).orderBy(asc(emailOutbox.createdAt));

  it('starting an application reserves the address as a draft store; one open application per user; taken addresses are refused', async () => {
    const db = t().db;
    const a = await makeUser(db);
    const b = await makeUser(db);
    const { storeId, slug } = await startApplication(db, await a.actor(), { name: 'Green Leaf', slug: 'green-leaf' });
    expect(slug).toBe('green-leaf');
    const [store] = await db.select().from(stores).where(eq(stores.id, storeId));
    expect(store).toMatchObject({ status: 'draft', name: 'Green Leaf' });
    // No membership until approval: the applicant is not yet in the seller portal.
    expect(await db.select().from(storeMembers).where(eq(storeMembers.storeId, storeId))).toEqual([]);
    await expect(startApplication(db, await a.actor(), { name: 'Second', slug: 'second-one' })).rejects.toMatchObject({ code: 'application_open', status: 409 });
    await expect(startApplication(db, await b.actor(), { name: 'Copy', slug: 'green-leaf' })).rejects.toMatchObject({ code: 'slug_taken', status: 409 });
    expect(await checkSlug(db, 'green-leaf')).toMatchObject({ available: false, message: 'Already taken' });
    expect(await checkSlug(db, 'green-leaf', storeId)).toMatchObject({ available: true });
    expect(await checkSlug(db, 'Admin')).toMatchObject({ available: false, message: 'That address is reserved.' });
    expect(await checkSlug(db, 'x')).toMatchObject({ available: false, message: expect.stringMatching(/at least 3/) });
    expect(await checkSlug(db, 'fresh-name')).toMatchObject({ available: true, slug: 'fresh-name' });
  });

  it('encrypts the tax id and bank account at rest and only ever shows them masked', async () => {
    const db = t().db;
    const { storeId, me } = await completeApplication('cipher-shop');
    const [raw] = await db.select().from(kycSubmissions).where(eq(kycSubmissions.storeId, storeId));
    // At rest: ciphertext and the last four, never the number.
    expect(raw!.taxIdCiphertext).toMatch(/^v1\./);
    expect(raw!.taxIdCiphertext).not.toContain('123456789');
    expect(raw!.payoutAccountCiphertext).not.toContain('DE89');
    expect(raw!.taxIdLast4).toBe('6789');
    expect(raw!.payoutAccountLast4).toBe('3000');
    // Round trip, bound to the row and column.
    expect(decryptField(raw!.taxIdCiphertext!, fieldContext('kyc_submissions', 'tax_id', raw!.id))).toBe('DE123456789');
    expect(decryptField(raw!.payoutAccountCiphertext!, fieldContext('kyc_submissions', 'payout_account', raw!.id))).toBe(IBAN);
    expect(() => decryptField(raw!.taxIdCiphertext!, fieldContext('kyc_submissions', 'payout_account', raw!.id))).toThrow();

    // Reads: masked for the applicant and the admin alike; neither the number nor the ciphertext appears anywhere.
    const admin = await makeUser(db, 'admin', 'admin');
    for (const view of [await getApplication(db, me, storeId), await getApplicationForAdmin(db, await admin.actor(), storeId)]) {
      expect(view.kyc).toMatchObject({ taxId: '•••• 6789', payoutAccount: '•••• 3000' });
      const json = JSON.stringify(view);
      for (const secret of ['DE123456789', '123456789', IBAN, '0532013000', raw!.taxIdCiphertext!, raw!.payoutAccountCiphertext!, 'Ciphertext']) expect(json).not.toContain(secret);
    }

    // Saving again without a new number keeps the one on file; a new number replaces it.
    await saveBusinessDetails(db, me, { storeId, ...BUSINESS, taxId: null, city: 'Hamburg' });
    const [kept] = await db.select().from(kycSubmissions).where(eq(kycSubmissions.storeId, storeId));
    expect([kept!.taxIdCiphertext, kept!.city]).toEqual([raw!.taxIdCiphertext, 'Hamburg']);
    await saveBusinessDetails(db, me, { storeId, ...BUSINESS, taxId: 'DE999888777' });
    expect((await getApplication(db, me, storeId)).kyc!.taxId).toBe('•••• 8777');
  });

  it('the first save of business details or payout needs the number', async () => {
    const db = t().db;
    const a = await makeUser(db);
    const me = await a.actor();
    const { storeId } = await startApplication(db, me, { name: 'No Numbers', slug: 'no-numbers' });
    await expect(saveBusinessDetails(db, me, { storeId, ...BUSINESS, taxId: null })).rejects.toMatchObject({ code: 'tax_id_required' });
    await expect(savePayoutDetails(db, me, { storeId, payoutHolder: 'X Y', payoutAccount: null })).rejects.toMatchObject({ code: 'payout_account_required' });
  });

  it('documents go to the private store and are readable by the applicant, owners and admins only', async () => {
    const db = t().db;
    const { storeId, me } = await completeApplication('docs-shop');
    const doc = await addDocument(db, files, me, { storeId, kind: 'business_registration', fileName: 'registration.pdf', bytes: PDF });
    const [row] = await db.select().from(kycDocuments).where(eq(kycDocuments.id, doc.id));
    expect(row!.storageKey).toMatch(new RegExp(`^kyc/[0-9a-f-]{36}/${doc.id}\\.pdf$`));
    expect(await readdir(path.join(files.root, 'private', path.dirname(row!.storageKey)))).toContain(`${doc.id}.pdf`);
    await expect(readdir(path.join(files.root, 'media', 'kyc'))).rejects.toThrow(); // never under public media

    expect((await readDocument(db, files.documents, me, doc.id)).bytes.equals(PDF)).toBe(true);
    const admin = await makeUser(db, 'admin', 'admin');
    expect((await readDocument(db, files.documents, await admin.actor(), doc.id)).fileName).toBe('registration.pdf');
    const stranger = await makeUser(db);
    const marketer = await makeUser(db, 'marketer');
    for (const who of [await stranger.actor(), await marketer.actor()]) {
      await expect(readDocument(db, files.documents, who, doc.id)).rejects.toMatchObject({ code: 'not_found', status: 404 });
    }
    await expect(readDocument(db, files.documents, me, '00000000-0000-4000-8000-000000000000')).rejects.toMatchObject({ code: 'not_found' });

    // Validation runs in the service too.
    await expect(addDocument(db, files, me, { storeId, kind: 'other', fileName: '../../etc/passwd', bytes: PDF })).rejects.toMatchObject({ code: 'invalid_file_name' });
    await expect(addDocument(db, files, me, { storeId, kind: 'other', fileName: 'id.pdf', bytes: Buffer.from('<svg onload=alert(1)>') })).rejects.toMatchObject({ code: 'svg_not_allowed' });
    // Strangers can't add to or remove from someone else's application.
    await expect(addDocument(db, files, await stranger.actor(), { storeId, kind: 'other', fileName: 'x.pdf', bytes: PDF })).rejects.toMatchObject({ code: 'not_found' });
    await expect(removeDocument(db, files, await stranger.actor(), doc.id)).rejects.toMatchObject({ code: 'not_found' });
    await removeDocument(db, files, me, doc.id);
    await expect(readDocument(db, files.documents, me, doc.id)).rejects.toMatchObject({ code: 'not_found' });
  });

  it('logos are validated, re-encoded to WebP and published under media', async () => {
    const db = t().db;
    const a = await makeUser(db);
    const me = await a.actor();
    const { storeId } = await startApplication(db, me, { name: 'Logo Shop', slug: 'logo-shop' });
    const { logoUrl } = await setStoreLogo(db, files, me, storeId, { fileName: 'logo.png', bytes: await pngBytes() });
    expect(logoUrl).toMatch(new RegExp(`^/media/stores/${storeId}/logo-[0-9a-f]{16}\\.webp$`));
    const saved = await files.media.get(logoUrl.slice('/media/'.length));
    expect(saved!.subarray(8, 12).toString()).toBe('WEBP');
    await expect(setStoreLogo(db, files, me, storeId, { fileName: 'logo.svg', bytes: Buffer.from('<svg><script>alert(1)</script></svg>') })).rejects.toMatchObject({ code: 'svg_not_allowed' });
    const other = await makeUser(db);
    await expect(setStoreLogo(db, files, await other.actor(), storeId, { fileName: 'logo.png', bytes: await pngBytes() })).rejects.toMatchObject({ code: 'not_found' });
  });

  it('submission needs every step and the current agreement; a submitted application is locked until withdrawn', async () => {
    const db = t().db;
    const a = await makeUser(db);
    const me = await a.actor();
    const { storeId } = await startApplication(db, me, { name: 'Half Done', slug: 'half-done' });
    await updateStoreProfile(db, me, { storeId, name: 'Half Done', ...PROFILE });
    await expect(submitApplication(db, me, { storeId, accept: true, agreementVersion: SELLER_AGREEMENT_VERSION })).rejects.toMatchObject({
      code: 'application_incomplete',
      message: 'Finish these steps first: Business details, Documents, Payout details.',
    });
    const full = await completeApplication('full-shop');
    await expect(submitApplication(db, full.me, { storeId: full.storeId, accept: false, agreementVersion: SELLER_AGREEMENT_VERSION })).rejects.toMatchObject({ code: 'agreement_required' });
    await expect(submitApplication(db, full.me, { storeId: full.storeId, accept: true, agreementVersion: '1999-01' })).rejects.toMatchObject({ code: 'agreement_outdated', status: 409 });
    await submitApplication(db, full.me, { storeId: full.storeId, accept: true, agreementVersion: SELLER_AGREEMENT_VERSION }, { ip: '203.0.113.7' });
    const [sub] = await db.select().from(kycSubmissions).where(eq(kycSubmissions.storeId, full.storeId));
    expect(sub).toMatchObject({ agreementVersion: SELLER_AGREEMENT_VERSION });
    expect(sub!.agreementAcceptedAt).toBeInstanceOf(Date);
    expect(sub!.submittedAt).toBeInstanceOf(Date);
    expect((await emailsTo(full.applicant.email)).map((e) => e.template)).toEqual(['sellers.application-submitted']);
    const audit = await db.select().from(auditLog).where(eq(auditLog.subjectId, full.storeId));
    expect(audit.find((e) => e.action === 'seller.agreement.accepted')).toMatchObject({ ip: '203.0.113.7', data: { version: SELLER_AGREEMENT_VERSION } });

    await expect(updateStoreProfile(db, full.me, { storeId: full.storeId, name: 'Changed', ...PROFILE })).rejects.toMatchObject({ code: 'application_locked', status: 409 });
    await expect(addDocument(db, files, full.me, { storeId: full.storeId, kind: 'other', fileName: 'x.pdf', bytes: PDF })).rejects.toMatchObject({ code: 'application_locked' });
    await withdrawApplication(db, full.me, full.storeId);
    await updateStoreProfile(db, full.me, { storeId: full.storeId, name: 'Changed', ...PROFILE });
    expect((await emailsTo(full.applicant.email)).map((e) => e.template)).toEqual(['sellers.application-submitted', 'sellers.application-withdrawn']);
  });

  it('admins reject with a reason, the applicant fixes and resubmits, admins approve: the store is active and the applicant its owner', async () => {
    const db = t().db;
    const { applicant, storeId, me } = await completeApplication('review-shop');
    const admin = await (await makeUser(db, 'admin', 'admin')).actor();
    await submitApplication(db, me, { storeId, accept: true, agreementVersion: SELLER_AGREEMENT_VERSION });

    // Only admins decide, and a rejection needs a reason.
    await expect(approveApplication(db, me, storeId)).rejects.toMatchObject({ code: 'forbidden', status: 403 });
    await expect(rejectApplication(db, admin, storeId, '  ')).rejects.toMatchObject({ code: 'reason_required' });
    await rejectApplication(db, admin, storeId, 'The identity document is expired. Upload a current one.');
    expect((await getApplication(db, me, storeId)).kyc!.rejectionReason).toBe('The identity document is expired. Upload a current one.');
    const rejected = (await emailsTo(applicant.email)).at(-1)!;
    expect(rejected.template).toBe('sellers.application-rejected');
    expect(rejected.text).toContain('The identity document is expired.');

    // A rejected application is editable and goes back to review.
    await addDocument(db, files, me, { storeId, kind: 'identity', fileName: 'new-passport.pdf', bytes: PDF });
    await submitApplication(db, me, { storeId, accept: true, agreementVersion: SELLER_AGREEMENT_VERSION });
    const { slug } = await approveApplication(db, admin, storeId, { ip: '198.51.100.1' });
    expect(slug).toBe('review-shop');
    const [store] = await db.select().from(stores).where(eq(stores.id, storeId));
    expect(store!.status).toBe('active');
    expect(await db.select({ userId: storeMembers.userId, role: storeMembers.role }).from(storeMembers).where(eq(storeMembers.storeId, storeId))).toEqual([{ userId: applicant.id, role: 'owner' }]);
    expect((await applicant.actor()).stores).toEqual({ [storeId]: 'owner' });
    expect((await emailsTo(applicant.email)).at(-1)!.template).toBe('sellers.application-approved');
    expect(await db.select({ code: locations.code }).from(locations).where(eq(locations.storeId, storeId))).toEqual([{ code: 'MAIN' }]);

    const history = await db.select().from(storeStatusEvents).where(eq(storeStatusEvents.storeId, storeId)).orderBy(asc(storeStatusEvents.createdAt), asc(storeStatusEvents.id));
    expect(history.map((h) => `${h.fromStatus ?? '∅'}→${h.toStatus}`)).toEqual(['∅→draft', 'draft→submitted', 'submitted→rejected', 'rejected→submitted', 'submitted→approved', 'approved→active']);
    const decisions = await db.select().from(auditLog).where(and(eq(auditLog.subjectId, storeId), like(auditLog.action, 'seller.store.%'))).orderBy(asc(auditLog.createdAt), asc(auditLog.id));
    expect(decisions.filter((d) => d.actorId === admin.userId).map((d) => d.action).sort()).toEqual(['seller.store.activate', 'seller.store.approve', 'seller.store.reject']);
    expect(decisions.find((d) => d.action === 'seller.store.reject')!.data).toMatchObject({ from: 'submitted', to: 'rejected', reason: expect.stringContaining('expired') });

    // A decision can't be taken twice.
    await expect(approveApplication(db, admin, storeId)).rejects.toMatchObject({ code: 'invalid_transition', status: 409 });
    await expect(rejectApplication(db, admin, storeId, 'Too late for this.')).rejects.toMatchObject({ code: 'invalid_transition' });

    // The owner may now edit the profile (not the address) and the payout; owners hear about bank changes.
    const owner = await applicant.actor();
    await updateStoreProfile(db, owner, { storeId, name: 'Review Shop Renamed', slug: 'sneaky-new-slug', ...PROFILE });
    expect((await db.select().from(stores).where(eq(stores.id, storeId)))[0]).toMatchObject({ name: 'Review Shop Renamed', slug: 'review-shop' });
    await savePayoutDetails(db, owner, { storeId, payoutHolder: 'Review Shop', payoutAccount: 'GB82WEST12345698765432' });
    const notice = (await emailsTo(applicant.email)).at(-1)!;
    expect(notice.template).toBe('sellers.payout-changed');
    expect(notice.text).toContain('•••• 5432');
    expect(notice.text).not.toContain('GB82WEST');

    // Suspend (reason required) and reactivate; owners are told.
    await expect(suspendStore(db, admin, storeId, '')).rejects.toMatchObject({ code: 'reason_required' });
    await suspendStore(db, admin, storeId, 'Counterfeit goods reported; under investigation.');
    expect((await emailsTo(applicant.email)).at(-1)!.template).toBe('sellers.store-suspended');
    await reactivateStore(db, admin, storeId);
    expect((await db.select().from(stores).where(eq(stores.id, storeId)))[0]!.status).toBe('active');
    expect((await emailsTo(applicant.email)).at(-1)!.template).toBe('sellers.store-reactivated');
  });

  it('two admins deciding at once: exactly one decision wins', async () => {
    const db = t().db;
    const { storeId, me } = await completeApplication('race-shop');
    await submitApplication(db, me, { storeId, accept: true, agreementVersion: SELLER_AGREEMENT_VERSION });
    const [a1, a2] = [await (await makeUser(db, 'admin', 'admin')).actor(), await (await makeUser(db, 'admin', 'admin')).actor()];
    const results = await Promise.allSettled([approveApplication(db, a1, storeId), rejectApplication(db, a2, storeId, 'Conflicting decision for the test.')]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(results.find((r) => r.status === 'rejected')).toMatchObject({ reason: { code: 'invalid_transition' } });
    const events = await db.select().from(storeStatusEvents).where(eq(storeStatusEvents.storeId, storeId));
    expect(events.filter((e) => e.fromStatus === 'submitted')).toHaveLength(1);
  });

  it('cross-store: the owner of store A can neither see nor change store B', async () => {
    const db = t().db;
    const admin = await (await makeUser(db, 'admin', 'admin')).actor();
    const A = await completeApplication('tenant-a');
    const B = await completeApplication('tenant-b');
    for (const x of [A, B]) {
      await submitApplication(db, x.me, { storeId: x.storeId, accept: true, agreementVersion: SELLER_AGREEMENT_VERSION });
      await approveApplication(db, admin, x.storeId);
    }
    const ownerA = await A.applicant.actor();
    const [docB] = await db
      .select({ id: kycDocuments.id })
      .from(kycDocuments)
      .innerJoin(kycSubmissions, eq(kycSubmissions.id, kycDocuments.submissionId))
      .where(eq(kycSubmissions.storeId, B.storeId));
    const attempts: [string, () => Promise<unknown>][] = [
      ['read B’s application', () => getApplication(db, ownerA, B.storeId)],
      ['read B’s document', () => readDocument(db, files.documents, ownerA, docB!.id)],
      ['edit B’s profile', () => updateStoreProfile(db, ownerA, { storeId: B.storeId, name: 'Hijacked', ...PROFILE })],
      ['change B’s payout', () => savePayoutDetails(db, ownerA, { storeId: B.storeId, payoutHolder: 'Thief', payoutAccount: 'GB82WEST12345698765432' })],
      ['change B’s logo', async () => setStoreLogo(db, files, ownerA, B.storeId, { fileName: 'x.png', bytes: await pngBytes() })],
      ['approve B', () => approveApplication(db, ownerA, B.storeId)],
      ['suspend B', () => suspendStore(db, ownerA, B.storeId, 'Competitor sabotage attempt.')],
      ['withdraw B', () => withdrawApplication(db, ownerA, B.storeId)],
      ['delete B', () => deleteDraftApplication(db, files, ownerA, B.storeId)],
      ['list the queue', () => listQueue(db, ownerA, {})],
    ];
    for (const [what, attempt] of attempts) {
      const err = await attempt().then(
        () => null,
        (e: unknown) => e,
      );
      expect(err, what).toMatchObject({ code: expect.stringMatching(/^(not_found|forbidden)$/) });
    }
    const [storeB] = await db.select().from(stores).where(eq(stores.id, B.storeId));
    expect(storeB).toMatchObject({ name: 'Store tenant-b', status: 'active' });
    const [kycB] = await db.select({ holder: kycSubmissions.payoutHolder }).from(kycSubmissions).where(eq(kycSubmissions.storeId, B.storeId));
    expect(kycB!.holder).toBe(BUSINESS.legalName);
  });

  it('the review queue filters by status and pages by keyset without gaps or repeats', async () => {
    const db = t().db;
    const admin = await (await makeUser(db, 'admin', 'admin')).actor();
    const submitted: string[] = [];
    for (let i = 0; i < 7; i++) {
      const x = await completeApplication(`queue-${i}`);
      await submitApplication(db, x.me, { storeId: x.storeId, accept: true, agreementVersion: SELLER_AGREEMENT_VERSION });
      submitted.push(x.storeId);
    }
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await listQueue(db, admin, { status: 'submitted', cursor, limit: 3 });
      expect(page.items.every((i) => i.status === 'submitted')).toBe(true);
      seen.push(...page.items.map((i) => i.storeId));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    // Oldest first, every one exactly once (other tests' submitted stores may be there too).
    const ours = seen.filter((id) => submitted.includes(id));
    expect(ours).toEqual(submitted);
    expect(new Set(seen).size).toBe(seen.length);
    expect((await listQueue(db, admin, { q: 'queue-3' })).items.map((i) => i.slug)).toEqual(['queue-3']);
    expect((await listQueue(db, admin, { cursor: 'garbage!!' })).items.length).toBeGreaterThan(0);
    expect((await queueCounts(db, admin)).submitted).toBeGreaterThanOrEqual(7);
  });

  it('a draft can be deleted by its applicant, which frees the address', async () => {
    const db = t().db;
    const a = await makeUser(db);
    const me = await a.actor();
    const { storeId } = await startApplication(db, me, { name: 'Throwaway', slug: 'throwaway' });
    await addDocument(db, files, me, { storeId, kind: 'identity', fileName: 'id.pdf', bytes: PDF });
    await deleteDraftApplication(db, files, me, storeId);
    expect(await db.select().from(stores).where(eq(stores.id, storeId))).toEqual([]);
    expect(await checkSlug(db, 'throwaway')).toMatchObject({ available: true });
    await startApplication(db, me, { name: 'Second try', slug: 'throwaway' });
  });
});
