import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { asc, eq, sql, type SQL } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { variants } from '@/db/schema/catalog';
import { kycDocuments } from '@/db/schema/kyc';
import { storeMembers } from '@/db/schema/sellers';
import { setPaymentProviderForTests } from '@/lib/payments/registry';
import { createTestProvider } from '@/lib/payments/test-provider';
import type { Db } from '@/lib/platform/db';
import { DomainError, NotFoundError } from '@/lib/platform/errors';
import { pgArray } from '@/lib/platform/sql';
import { BACKENDS, useTestDatabase } from '@/test/db';
import { SELLER_AGREEMENT_VERSION } from './agreement';
import { BUSINESS, IBAN, makeUser, PDF, pngBytes, PROFILE, tempFiles } from './test-helpers';

/*
 * Tenant isolation, as one matrix. Two stores, A and B, each built through the real services
 * (onboarding and approval, staff and invitations, products, variants, images, stock at two
 * locations, an import, a paid order with a shipment and a refunded cancellation, a second
 * application still in draft with its documents). Every row of ROWS is a resource × surface ×
 * operation; each row becomes one case per (actor of A × target) and one positive control:
 *
 *   foreign   B's own ids (and B's store id / slug where the call names a store)
 *   smuggled  B's resource ids under A's store (A's store id / slug)
 *   guessed   ids nobody has (random uuids, handles, SKUs, tokens) under A's store
 *   control   A's own ids: must succeed, so a broken setup can't pass as "denied"
 *
 * A denial is a not-found / forbidden error, result or HTTP status (or, for lists and imports,
 * a result without B in it); B's rows (and document files) must be byte-for-byte the same
 * afterwards, and nothing of B's (names, emails, ids, order number) may appear in what A got.
 *
 * The actors are A's owner, A's staff, and `leaver`: an owner of A who applied for store B
 * (so is B's applicant of record), had it approved, handed it to B's owner and left it.
 *
 * Surfaces run through their real entry points: server actions (protectedAction: zod → session
 * → service), route handler exports with Request objects, pages as their guard
 * (requireSellerStore) plus the reads the page makes, and services called directly. Only
 * Auth.js is faked: `auth()` names the signed-in user and the session is loaded from the
 * database per call, as in production. Order actions taking A's order with B's line are in
 * lib/fulfilment/authz.int.test.ts and not repeated here.
 */

const h = vi.hoisted(() => ({
  userId: null as string | null,
  db: null as unknown,
  files: null as unknown as { media: unknown; documents: unknown },
  media: '',
}));

vi.mock('@/lib/accounts/auth', () => ({
  auth: async () => (h.userId ? { user: { id: h.userId } } : null),
  // The session's view of a user, from the database on every request (as lib/accounts/auth.ts).
  loadSessionUser: async (userId: string) => {
    const { and, eq, isNull } = await import('drizzle-orm');
    const { users } = await import('@/db/schema/accounts');
    const { storeMembers } = await import('@/db/schema/sellers');
    const db = h.db as Db;
    const [user] = await db.select({ id: users.id, email: users.email, name: users.name, role: users.role }).from(users).where(and(eq(users.id, userId), isNull(users.deletedAt)));
    if (!user) return null;
    const rows = await db.select({ storeId: storeMembers.storeId, role: storeMembers.role }).from(storeMembers).where(eq(storeMembers.userId, userId));
    return { ...user, stores: Object.fromEntries(rows.map((r) => [r.storeId, r.role])) };
  },
  signOut: async () => {},
}));
vi.mock('next/navigation', () => {
  const interrupt = (digest: string) => Object.assign(new Error(digest), { digest });
  return {
    redirect: (url: string) => {
      throw interrupt(`NEXT_REDIRECT;replace;${url};307;`);
    },
    forbidden: () => {
      throw interrupt('NEXT_HTTP_ERROR_FALLBACK;403');
    },
    notFound: () => {
      throw interrupt('NEXT_HTTP_ERROR_FALLBACK;404');
    },
  };
});
vi.mock('next/cache', async (orig) => ({ ...(await orig<typeof import('next/cache')>()), updateTag: () => {}, revalidateTag: () => {}, revalidatePath: () => {}, refresh: () => {} }));
vi.mock('@/lib/platform/db', async (orig) => ({ ...(await orig<typeof import('@/lib/platform/db')>()), getDb: async () => h.db }));
vi.mock('@/lib/platform/storage', async (orig) => ({ ...(await orig<typeof import('@/lib/platform/storage')>()), mediaRoot: () => h.media }));
vi.mock('@/lib/accounts/request-info', () => ({ requestInfo: async () => ({ ip: null, userAgent: null }) }));
vi.mock('@/lib/sellers/files', async (orig) => ({
  ...(await orig<typeof import('./files')>()),
  defaultSellerFiles: () => h.files,
  privateFiles: () => h.files.documents,
  publicMedia: () => h.files.media,
}));
// The runner defers to after(); the import rows run the job themselves, in the test.
vi.mock('@/lib/seller-catalog/import-runner', () => ({ runImportAfterResponse: () => {} }));

const sellerActions = await import('./actions');
const staffActions = await import('./staff-actions');
const { inviteMember, listTeam, removeMember } = await import('./staff');
const { getApplication } = await import('./queries');
const { addDocument, saveBusinessDetails, savePayoutDetails, startApplication, submitApplication, updateStoreProfile } = await import('./onboarding');
const { approveApplication } = await import('./review');
const { requireSellerStore } = await import('./portal');
const catalogActions = await import('@/lib/seller-catalog/actions');
const { createProduct, saveOptions, setProductStatus } = await import('@/lib/seller-catalog/products');
const { adjustStock, listLocations, listMovements, listStock } = await import('@/lib/seller-catalog/inventory');
const { addProductImage } = await import('@/lib/seller-catalog/images');
const { listImports, runImport, startImport } = await import('@/lib/seller-catalog/import');
const { listLowStock } = await import('@/lib/seller-catalog/low-stock');
const { getSellerProduct, listSellerProducts } = await import('@/lib/seller-catalog/queries');
const { storeScope } = await import('@/lib/seller-catalog/scope');
const { insertCategories } = await import('@/lib/seller-catalog/test-fixtures');
const orderActions = await import('@/lib/fulfilment/actions');
const { getSellerOrder, listSellerOrders } = await import('@/lib/fulfilment/queries');
const { getPendingFulfilments, getSalesSummary, getTopProducts } = await import('@/lib/fulfilment/dashboard');
const { createShipment } = await import('@/lib/fulfilment/shipments');
const { cancelLineAndRefund } = await import('@/lib/fulfilment/cancellations');
const { sagaBuyer } = await import('@/lib/fulfilment/test-fixtures');
const imagesRoute = await import('@/app/seller/products/[id]/images/route');
const exportRoute = await import('@/app/seller/products/export/route');
const importUploadRoute = await import('@/app/seller/products/import/upload/route');
const importJobRoute = await import('@/app/seller/products/import/jobs/[jobId]/route');
const importReportRoute = await import('@/app/seller/products/import/jobs/[jobId]/report/route');
const documentRoute = await import('@/app/seller/onboarding/documents/[id]/route');
const documentUploadRoute = await import('@/app/seller/onboarding/uploads/document/route');
const logoUploadRoute = await import('@/app/seller/onboarding/uploads/logo/route');
const stockRoute = await import('@/app/api/stock/[productId]/route');
const { env } = await import('@/lib/platform/env');

// ---- The two tenants ----

/** Every id and name of one tenant that a row can aim at; `spare*` ones are what A's controls consume. */
type Ids = {
  storeId: string;
  slug: string;
  storeName: string;
  /** The store as the thing acted on (its team, its KYC record): random when guessed, never swapped for A's. */
  subjectStoreId: string;
  productId: string;
  handle: string;
  title: string;
  unlistedProductId: string;
  variantId: string;
  sku: string;
  locationId: string;
  imageId: string;
  spareImageId: string;
  importJobId: string;
  importFileName: string;
  storeOrderId: string;
  orderNumber: string;
  lineId: string;
  line2Id: string;
  shipmentId: string;
  cancellationId: string;
  memberId: string;
  memberEmail: string;
  spareMemberId: string;
  inviteId: string;
  inviteToken: string;
  documentId: string;
  draftStoreId: string;
  draftDocumentId: string;
  spareDraftDocumentId: string;
  payoutHolder: string;
  legalName: string;
};

type Who = 'owner' | 'staff' | 'leaver';
type Target = 'foreign' | 'smuggled' | 'guessed';
/** `denied` = not found or forbidden, for the few calls whose answer depends on who asks. */
type Denial = 'not_found' | 'forbidden' | 'denied' | 'absent' | 'refused';

type World = {
  A: Ids;
  B: Ids;
  users: Record<Who, string> & { joiner: string };
  /** Strings only B's data contains: none may reach A. */
  bMarkers: string[];
  bStoreIds: string[];
  bEmails: string[];
  bDocumentKeys: string[];
  categoryId: string;
};

type Ctx = { db: Db; a: Ids; world: World; signInAs: (userId: string) => Promise<void> };

type Row = {
  resource: 'product' | 'variant' | 'image' | 'stock' | 'location' | 'import' | 'order' | 'fulfilment' | 'cancellation' | 'staff' | 'invite' | 'kyc' | 'document';
  surface: 'page' | 'action' | 'route' | 'service';
  op: string;
  /** The actors of A that try it (default owner and staff); the control runs as the first. */
  as?: Who[];
  deny: Partial<Record<Target, Denial>>;
  run: (t: Ids, ctx: Ctx) => Promise<unknown>;
  /** When A's own call differs from run(A) (another account, an active product...). */
  control?: (a: Ids, ctx: Ctx) => Promise<unknown>;
  /** Something of A the control's answer must show (lists, exports). */
  shows?: (a: Ids) => string;
};

// ---- Calling the surfaces ----

const BASE = new URL(env.PUBLIC_URL);
const url = (p: string) => new URL(p, BASE).toString();
const sameSite = { origin: BASE.origin, 'x-forwarded-host': BASE.host };
const params = <T extends object>(p: T) => ({ params: Promise.resolve(p) });

async function multipart(to: string, fields: Record<string, string | Blob>): Promise<Request> {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) {
    if (v instanceof Blob) form.append(k, v, k === 'file' ? (v as File).name : undefined);
    else form.append(k, v);
  }
  // Routes refuse uploads without a Content-Length, which a FormData body doesn't carry by itself.
  const draft = new Request(url(to), { method: 'POST', body: form });
  const body = new Uint8Array(await draft.arrayBuffer());
  return new Request(url(to), { method: 'POST', body, headers: { ...sameSite, 'content-type': draft.headers.get('content-type')!, 'content-length': String(body.length) } });
}

const rawUpload = (to: string, fileName: string, bytes: Uint8Array) =>
  new Request(url(to), { method: 'POST', body: Buffer.from(bytes), headers: { ...sameSite, 'x-file-name': encodeURIComponent(fileName), 'content-length': String(bytes.length) } });

/** A seller portal page: its guard with `?store=<slug>`, then the reads it makes for that store. */
const page = <T,>(slug: string, pathname: string, load: (c: Awaited<ReturnType<typeof requireSellerStore>>) => Promise<T>) =>
  requireSellerStore({ store: slug }, { path: pathname }).then(load);

const scopeOf = (c: Awaited<ReturnType<typeof requireSellerStore>>) => storeScope(c.actor, c.store.id);

const png = async (name = 'picture.png') => new File([new Uint8Array(await pngBytes(64))], name, { type: 'image/png' });

function csvFor(t: Ids): string {
  return `handle,option1_name,option1_value,sku,price\n${t.handle},Size,S,${t.sku},12.34\n`;
}

/** An import through the upload route, then its run, then the job as the page polls it. */
async function importThroughRoutes(t: Ids, db: Db): Promise<unknown> {
  const res = await importUploadRoute.POST(await multipart('/seller/products/import/upload', { storeId: t.storeId, file: new File([csvFor(t)], 'isolation.csv', { type: 'text/csv' }) }));
  if (res.status !== 202) return res;
  const { job } = (await res.json()) as { job: { id: string } };
  await runImport(db, job.id);
  const polled = await importJobRoute.GET(new Request(url(`/seller/products/import/jobs/${job.id}`)), params({ jobId: job.id }));
  const { job: done } = (await polled.json()) as { job: { status: string; createdProducts: number; updatedProducts: number; errors: unknown[] } };
  // Nothing applied: the file was refused row by row (the rows' own handle and SKU echoed, nothing of B).
  return done.createdProducts + done.updatedProducts === 0 ? { refused: done.errors } : done;
}

const UPS = () => `1Z999AA1${String(Math.floor(Math.random() * 1e10)).padStart(10, '0')}`;

// ---- The matrix ----

const ALL: Who[] = ['owner', 'staff', 'leaver'];
const OWNERS: Who[] = ['owner', 'leaver'];
const BY_ID = { foreign: 'forbidden', smuggled: 'not_found', guessed: 'not_found' } as const;
const LIST = { foreign: 'forbidden', smuggled: 'absent' } as const;

const ROWS: Row[] = [
  // Products
  {
    resource: 'product', surface: 'page', op: 'open the editor (/seller/products/[id])', deny: BY_ID,
    run: (t, { db }) => page(t.slug, '/seller/products', (c) => getSellerProduct(db, scopeOf(c), t.productId)),
  },
  {
    resource: 'product', surface: 'page', op: 'search the product list by title', deny: LIST, shows: (a) => a.productId,
    run: (t, { db }) => page(t.slug, '/seller/products', (c) => listSellerProducts(db, scopeOf(c), { q: t.title })),
  },
  {
    resource: 'product', surface: 'page', op: 'search the product list by SKU', deny: LIST, shows: (a) => a.productId,
    run: (t, { db }) => page(t.slug, '/seller/products', (c) => listSellerProducts(db, scopeOf(c), { q: t.sku })),
  },
  {
    resource: 'product', surface: 'action', op: 'update details', deny: BY_ID,
    run: (t, { world }) => catalogActions.updateProductAction({ storeId: t.storeId, productId: t.productId, handle: t.handle, title: t.title, description: 'Rewritten by whoever called', categoryId: world.categoryId }),
  },
  {
    resource: 'product', surface: 'action', op: 'publish / archive', deny: BY_ID,
    run: (t) => catalogActions.setProductStatusAction({ storeId: t.storeId, productId: t.productId, status: 'active' }),
  },
  {
    resource: 'product', surface: 'action', op: 'save options (regenerate variants)', deny: BY_ID,
    run: (t) => catalogActions.saveOptionsAction({ storeId: t.storeId, productId: t.productId, options: [{ name: 'Size', values: ['S', 'M'] }], defaultPrice: '' }),
  },
  {
    resource: 'product', surface: 'route', op: 'CSV export (/seller/products/export?store=)', deny: LIST, shows: (a) => a.handle,
    run: (t) => exportRoute.GET(new Request(url(`/seller/products/export?store=${t.slug}`))),
  },
  // Variants
  {
    resource: 'variant', surface: 'action', op: 'save variants', deny: BY_ID,
    run: (t) => catalogActions.saveVariantsAction({ storeId: t.storeId, productId: t.productId, variants: [{ id: t.variantId, sku: t.sku, price: '10.00', compareAtPrice: '', weightGrams: 0, lowStockThreshold: 2 }] }),
  },
  {
    resource: 'variant', surface: 'action', op: 'save variants: A’s product, the target’s variant', deny: { smuggled: 'not_found', guessed: 'not_found' },
    run: (t, { a }) => catalogActions.saveVariantsAction({ storeId: a.storeId, productId: a.productId, variants: [{ id: t.variantId, sku: t.sku, price: '10.00', compareAtPrice: '', weightGrams: 0, lowStockThreshold: 2 }] }),
  },
  {
    resource: 'variant', surface: 'action', op: 'set the low-stock threshold', deny: BY_ID,
    run: (t) => catalogActions.setThresholdAction({ storeId: t.storeId, variantId: t.variantId, lowStockThreshold: 3 }),
  },
  {
    resource: 'variant', surface: 'page', op: 'stock history of one variant (/seller/inventory/history?variant=)', deny: BY_ID,
    run: (t, { db }) => page(t.slug, '/seller/inventory/history', (c) => listMovements(db, scopeOf(c), { variantId: t.variantId })),
  },
  // Images
  {
    resource: 'image', surface: 'action', op: 'edit alt text', deny: BY_ID,
    run: (t) => catalogActions.setImageAltAction({ storeId: t.storeId, productId: t.productId, imageId: t.imageId, alt: 'Someone else’s words' }),
  },
  {
    resource: 'image', surface: 'action', op: 'edit alt text: A’s product, the target’s image', deny: { smuggled: 'not_found', guessed: 'not_found' },
    run: (t, { a }) => catalogActions.setImageAltAction({ storeId: a.storeId, productId: a.productId, imageId: t.imageId, alt: 'Someone else’s words' }),
  },
  {
    resource: 'image', surface: 'action', op: 'reorder', deny: BY_ID,
    run: (t) => catalogActions.moveImageAction({ storeId: t.storeId, productId: t.productId, imageId: t.imageId, direction: 'down' }),
  },
  {
    resource: 'image', surface: 'action', op: 'delete', deny: BY_ID,
    run: (t) => catalogActions.deleteImageAction({ storeId: t.storeId, productId: t.productId, imageId: t.spareImageId }),
  },
  {
    resource: 'image', surface: 'route', op: 'upload (POST /seller/products/[id]/images)', deny: BY_ID,
    run: async (t) => imagesRoute.POST(await multipart(`/seller/products/${t.productId}/images`, { storeId: t.storeId, file: await png() }), params({ id: t.productId })),
  },
  // Stock and locations
  {
    resource: 'stock', surface: 'action', op: 'adjust on hand', deny: BY_ID,
    run: (t) => catalogActions.adjustStockAction({ storeId: t.storeId, variantId: t.variantId, locationId: t.locationId, mode: 'delta', quantity: 1, reason: 'restock' }),
  },
  {
    resource: 'location', surface: 'action', op: 'adjust A’s variant at the target’s location', deny: { smuggled: 'not_found', guessed: 'not_found' },
    run: (t, { a }) => catalogActions.adjustStockAction({ storeId: a.storeId, variantId: a.variantId, locationId: t.locationId, mode: 'delta', quantity: 1, reason: 'restock' }),
  },
  {
    resource: 'stock', surface: 'page', op: 'stock table, locations and low-stock panel (/seller/inventory?q=<sku>)', deny: LIST, shows: (a) => a.locationId,
    run: (t, { db }) =>
      page(t.slug, '/seller/inventory', async (c) => ({
        locations: await listLocations(db, scopeOf(c)),
        stock: await listStock(db, scopeOf(c), { q: t.sku }),
        low: await listLowStock(db, scopeOf(c).storeId, 50),
      })),
  },
  {
    resource: 'stock', surface: 'page', op: 'stock ledger (/seller/inventory/history)', deny: LIST, shows: (a) => a.title,
    run: (t, { db }) => page(t.slug, '/seller/inventory/history', (c) => listMovements(db, scopeOf(c), {})),
  },
  {
    resource: 'stock', surface: 'route', op: 'live stock of an unlisted product (GET /api/stock/[id])', as: ['owner'], deny: { foreign: 'not_found', guessed: 'not_found' },
    run: (t) => stockRoute.GET(new Request(url(`/api/stock/${t.unlistedProductId}`)), params({ productId: t.unlistedProductId })),
    // The shopper widget's endpoint answers for listed products only: A's control is its active one.
    control: (a) => stockRoute.GET(new Request(url(`/api/stock/${a.productId}`)), params({ productId: a.productId })),
  },
  // CSV import
  {
    resource: 'import', surface: 'route', op: 'import a CSV naming the target’s handle and SKU', deny: { foreign: 'forbidden', smuggled: 'refused', guessed: 'refused' },
    run: (t, { db }) => importThroughRoutes(t, db),
  },
  {
    resource: 'import', surface: 'route', op: 'poll an import job', deny: { foreign: 'not_found', guessed: 'not_found' },
    run: (t) => importJobRoute.GET(new Request(url(`/seller/products/import/jobs/${t.importJobId}`)), params({ jobId: t.importJobId })),
  },
  {
    resource: 'import', surface: 'route', op: 'download an import’s error report', deny: { foreign: 'not_found', guessed: 'not_found' },
    run: (t) => importReportRoute.GET(new Request(url(`/seller/products/import/jobs/${t.importJobId}/report`)), params({ jobId: t.importJobId })),
  },
  {
    resource: 'import', surface: 'page', op: 'recent imports (/seller/products/import)', deny: LIST, shows: (a) => a.importFileName,
    run: (t, { db }) => page(t.slug, '/seller/products/import', (c) => listImports(db, scopeOf(c))),
  },
  // Orders, fulfilment, cancellations
  {
    resource: 'order', surface: 'page', op: 'open a store order (/seller/orders/[id])', deny: BY_ID,
    run: (t, { db }) =>
      page(t.slug, '/seller/orders', async (c) => {
        const order = await getSellerOrder(db, scopeOf(c), t.storeOrderId);
        if (!order) throw new NotFoundError('That order');
        return order;
      }),
  },
  {
    resource: 'order', surface: 'page', op: 'search orders by number (/seller/orders?q=)', deny: LIST, shows: (a) => a.storeOrderId,
    run: (t, { db }) => page(t.slug, '/seller/orders', (c) => listSellerOrders(db, scopeOf(c), { filter: 'all', q: t.orderNumber })),
  },
  {
    resource: 'order', surface: 'page', op: 'dashboard: sales, top products, orders to ship (/seller)', deny: LIST, shows: (a) => a.orderNumber,
    run: (t, { db }) =>
      page(t.slug, '/seller', async (c) => ({
        sales: await getSalesSummary(db, scopeOf(c)),
        top: await getTopProducts(db, scopeOf(c), 'USD'),
        pending: await getPendingFulfilments(db, scopeOf(c)),
      })),
  },
  {
    resource: 'fulfilment', surface: 'action', op: 'ship units (create a shipment)', deny: BY_ID,
    run: (t) => orderActions.fulfilOrderAction({ storeId: t.storeId, storeOrderId: t.storeOrderId, carrier: 'ups', trackingNumber: UPS(), items: [{ orderItemId: t.lineId, quantity: 1 }] }),
  },
  {
    resource: 'fulfilment', surface: 'action', op: 'mark a shipment delivered', deny: BY_ID,
    run: (t) => orderActions.markDeliveredAction({ storeId: t.storeId, shipmentId: t.shipmentId }),
  },
  {
    resource: 'cancellation', surface: 'action', op: 'cancel a line (and refund it)', deny: BY_ID,
    run: (t) => orderActions.cancelLineAction({ storeId: t.storeId, storeOrderId: t.storeOrderId, orderItemId: t.line2Id, quantity: 1, seq: 2, reason: 'out_of_stock' }),
  },
  {
    resource: 'cancellation', surface: 'action', op: 'retry a cancellation’s refund', deny: BY_ID,
    run: (t) => orderActions.retryRefundAction({ storeId: t.storeId, cancellationId: t.cancellationId }),
  },
  // Staff and invitations
  {
    resource: 'staff', surface: 'page', op: 'team page (/seller/settings/staff)', as: ALL, deny: { foreign: 'forbidden' }, shows: (a) => a.memberEmail,
    run: (t, { db }) => page(t.slug, '/seller/settings/staff', (c) => listTeam(db, c.actor, c.store.id)),
  },
  {
    resource: 'staff', surface: 'service', op: 'list members and open invitations', as: ALL, deny: { foreign: 'not_found', guessed: 'not_found' },
    run: async (t, { db }) => {
      const { getActor } = await import('@/lib/accounts/session');
      return listTeam(db, (await getActor())!, t.subjectStoreId);
    },
  },
  {
    resource: 'staff', surface: 'action', op: 'change a member’s role', as: OWNERS, deny: { foreign: 'not_found', smuggled: 'not_found', guessed: 'not_found' },
    run: (t) => staffActions.changeMemberRoleAction(null, form({ storeId: t.storeId, userId: t.memberId, role: 'owner' })),
  },
  {
    resource: 'staff', surface: 'action', op: 'remove a member', as: OWNERS, deny: { foreign: 'not_found', smuggled: 'not_found', guessed: 'not_found' },
    run: (t) => staffActions.removeMemberAction(null, form({ storeId: t.storeId, userId: t.spareMemberId })),
  },
  {
    resource: 'staff', surface: 'action', op: 'leave a store', as: ALL, deny: { foreign: 'not_found' },
    run: (t) => staffActions.leaveStoreAction(null, form({ storeId: t.storeId })),
    // Leaving A as its owner would end the test's A: a member added for the purpose leaves instead.
    control: async (a, { db, signInAs }) => {
      const temp = await makeUser(db, 'shopper', 'alder-temp');
      await db.insert(storeMembers).values({ storeId: a.storeId, userId: temp.id, role: 'staff' });
      await signInAs(temp.id);
      return staffActions.leaveStoreAction(null, form({ storeId: a.storeId }));
    },
  },
  {
    resource: 'invite', surface: 'action', op: 'invite someone', as: OWNERS, deny: { foreign: 'not_found', guessed: 'not_found' },
    run: (t) => staffActions.inviteMemberAction(null, form({ storeId: t.subjectStoreId, email: `alder-new-${randomUUID().slice(0, 6)}@example.com`, role: 'owner' })),
  },
  {
    resource: 'invite', surface: 'action', op: 'revoke an invitation', as: OWNERS, deny: { foreign: 'not_found', smuggled: 'not_found', guessed: 'not_found' },
    run: (t) => staffActions.revokeInviteAction(null, form({ storeId: t.storeId, inviteId: t.inviteId })),
  },
  {
    resource: 'invite', surface: 'action', op: 'accept an invitation by its token', as: ALL, deny: { foreign: 'forbidden', guessed: 'not_found' },
    run: (t) => staffActions.acceptInviteAction(null, form({ token: t.inviteToken })),
    // Only the invited address may accept: A's control is its invitee.
    control: async (a, { world, signInAs }) => {
      await signInAs(world.users.joiner);
      return staffActions.acceptInviteAction(null, form({ token: a.inviteToken }));
    },
  },
  // KYC: the approved store's record
  {
    resource: 'kyc', surface: 'service', op: 'read the application (legal name, masked tax id and bank account)', as: ALL, deny: { foreign: 'not_found', guessed: 'not_found' },
    run: async (t, { db }) => {
      const { getActor } = await import('@/lib/accounts/session');
      return getApplication(db, (await getActor())!, t.subjectStoreId);
    },
  },
  {
    resource: 'kyc', surface: 'page', op: 'store settings (/seller/settings?store=)', as: ALL, deny: { foreign: 'forbidden' }, shows: (a) => a.legalName,
    run: (t, { db }) => page(t.slug, '/seller/settings', (c) => getApplication(db, c.actor, c.store.id)),
  },
  {
    resource: 'document', surface: 'route', op: 'download a KYC document (GET /seller/onboarding/documents/[id])', as: ALL, deny: { foreign: 'not_found', guessed: 'not_found' },
    run: (t) => documentRoute.GET(new Request(url(`/seller/onboarding/documents/${t.documentId}`)), params({ id: t.documentId })),
  },
  {
    resource: 'kyc', surface: 'action', op: 'change the store profile (settings)', as: ALL, deny: { foreign: 'denied', guessed: 'not_found' },
    run: (t) => sellerActions.updateStoreSettingsAction(null, form({ storeId: t.subjectStoreId, name: t.storeName, ...PROFILE })),
  },
  {
    resource: 'kyc', surface: 'action', op: 'change the payout account holder (settings)', as: ALL, deny: { foreign: 'denied', guessed: 'not_found' },
    run: (t) => sellerActions.updatePayoutSettingsAction(null, form({ storeId: t.subjectStoreId, payoutHolder: t.payoutHolder, payoutAccount: '' })),
  },
  {
    resource: 'kyc', surface: 'route', op: 'replace the store logo (POST /seller/onboarding/uploads/logo)', as: ALL, deny: { foreign: 'denied', guessed: 'not_found' },
    run: async (t) => logoUploadRoute.POST(rawUpload(`/seller/onboarding/uploads/logo?storeId=${t.subjectStoreId}`, 'logo.png', await pngBytes(64))),
  },
  // KYC: an application still in draft (applicant-only edits)
  {
    resource: 'kyc', surface: 'action', op: 'save business details and tax id', as: ALL, deny: { foreign: 'not_found', guessed: 'not_found' },
    run: (t) => sellerActions.saveBusinessAction(null, form({ storeId: t.draftStoreId, ...strings(BUSINESS), legalName: t.legalName, taxId: '' })),
  },
  {
    resource: 'kyc', surface: 'action', op: 'save the draft’s store profile', as: ALL, deny: { foreign: 'not_found', guessed: 'not_found' },
    run: (t) => sellerActions.saveStoreProfileAction(null, form({ storeId: t.draftStoreId, name: `${t.storeName} Outlet`, ...PROFILE })),
  },
  {
    resource: 'kyc', surface: 'action', op: 'save the draft’s bank details', as: ALL, deny: { foreign: 'not_found', guessed: 'not_found' },
    run: (t) => sellerActions.savePayoutAction(null, form({ storeId: t.draftStoreId, payoutHolder: t.payoutHolder, payoutAccount: '' })),
  },
  {
    resource: 'document', surface: 'route', op: 'upload a document (POST /seller/onboarding/uploads/document)', as: ALL, deny: { foreign: 'not_found', guessed: 'not_found' },
    run: (t) => documentUploadRoute.POST(rawUpload(`/seller/onboarding/uploads/document?storeId=${t.draftStoreId}&kind=other`, 'extra.pdf', PDF)),
  },
  {
    resource: 'document', surface: 'route', op: 'download a draft’s document', as: ALL, deny: { foreign: 'not_found', guessed: 'not_found' },
    run: (t) => documentRoute.GET(new Request(url(`/seller/onboarding/documents/${t.draftDocumentId}?view=1`)), params({ id: t.draftDocumentId })),
  },
  {
    resource: 'document', surface: 'action', op: 'remove a document', as: ALL, deny: { foreign: 'not_found', guessed: 'not_found' },
    run: (t) => sellerActions.removeDocumentAction(null, form({ documentId: t.spareDraftDocumentId })),
  },
  // These three change the draft's status (their controls submit, withdraw, then delete A's draft): keep them last.
  {
    resource: 'kyc', surface: 'action', op: 'submit the application', as: ALL, deny: { foreign: 'not_found', guessed: 'not_found' },
    run: (t) => sellerActions.submitApplicationAction(null, form({ storeId: t.draftStoreId, accept: 'on', agreementVersion: SELLER_AGREEMENT_VERSION })),
  },
  {
    resource: 'kyc', surface: 'action', op: 'withdraw the application', as: ALL, deny: { foreign: 'not_found', guessed: 'not_found' },
    run: (t) => sellerActions.withdrawApplicationAction(null, form({ storeId: t.draftStoreId })),
  },
  {
    resource: 'kyc', surface: 'action', op: 'delete the draft (store, KYC record, files)', as: ALL, deny: { foreign: 'not_found', guessed: 'not_found' },
    run: (t) => sellerActions.deleteDraftAction(null, form({ storeId: t.draftStoreId })),
  },
];

function form(fields: Record<string, string | null>): FormData {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) if (v !== null) f.append(k, v);
  return f;
}

const strings = (o: Record<string, string | null>) => Object.fromEntries(Object.entries(o).map(([k, v]) => [k, v ?? ''])) as Record<string, string>;

// ---- What came back ----

type Outcome =
  | { kind: 'ok'; data: unknown }
  | { kind: 'redirect'; to: string }
  | { kind: 'denied'; code: 'not_found' | 'forbidden'; detail: unknown }
  | { kind: 'refused'; detail: unknown }
  | { kind: 'unexpected'; detail: unknown };

const DENIAL_CODES: Record<string, 'not_found' | 'forbidden'> = { not_found: 'not_found', forbidden: 'forbidden', invite_wrong_account: 'forbidden' };

function fromCode(code: string, status: number | undefined, detail: unknown): Outcome {
  const known = DENIAL_CODES[code] ?? (status === 404 ? 'not_found' : status === 403 ? 'forbidden' : undefined);
  return known ? { kind: 'denied', code: known, detail } : { kind: 'unexpected', detail: { code, status, detail } };
}

/** Runs a call and says what it amounted to, whatever its surface's way of saying it. */
async function settle(run: () => Promise<unknown>): Promise<Outcome> {
  let value: unknown;
  try {
    value = await run();
  } catch (err) {
    const digest = String((err as { digest?: unknown }).digest ?? '');
    if (digest.startsWith('NEXT_REDIRECT;')) return { kind: 'redirect', to: digest.split(';')[2]! };
    if (digest === 'NEXT_HTTP_ERROR_FALLBACK;403') return { kind: 'denied', code: 'forbidden', detail: digest };
    if (digest === 'NEXT_HTTP_ERROR_FALLBACK;404') return { kind: 'denied', code: 'not_found', detail: digest };
    if (err instanceof DomainError) return fromCode(err.code, err.status, err.message);
    return { kind: 'unexpected', detail: err instanceof Error ? err.stack : String(err) };
  }
  if (value instanceof Response) {
    const text = await value.text();
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      // CSV, PDF bytes: keep the text.
    }
    if (value.ok) return { kind: 'ok', data: body };
    const code = (body as { error?: { code?: string } })?.error?.code ?? '';
    return fromCode(code, value.status, body);
  }
  if (value && typeof value === 'object' && 'ok' in value && typeof (value as { ok: unknown }).ok === 'boolean') {
    const r = value as { ok: true; data: unknown } | { ok: false; code: string; message: string };
    return r.ok ? { kind: 'ok', data: r.data } : fromCode(r.code, undefined, r);
  }
  if (value && typeof value === 'object' && 'refused' in value) return { kind: 'refused', detail: (value as { refused: unknown }).refused };
  return { kind: 'ok', data: value };
}

function expectDenial(out: Outcome, denial: Denial) {
  const seen = JSON.stringify(out).slice(0, 600);
  switch (denial) {
    case 'not_found':
    case 'forbidden':
      expect(out.kind === 'denied' && out.code, seen).toBe(denial);
      break;
    case 'denied':
      expect(out.kind, seen).toBe('denied');
      break;
    case 'absent':
      expect(out.kind, seen).toBe('ok');
      break;
    case 'refused':
      expect(out.kind, seen).toBe('refused');
      break;
  }
}

// ---- Building the world ----

type User = Awaited<ReturnType<typeof makeUser>>;

/**
 * One tenant through the real services. `applicant` applies for the store and is approved; when
 * it isn't `owner`, it makes `owner` an owner and leaves (the store changed hands).
 */
async function buildTenant(
  db: Db,
  files: Awaited<ReturnType<typeof tempFiles>>,
  buyer: ReturnType<typeof sagaBuyer>,
  provider: ReturnType<typeof createTestProvider>,
  opts: { name: string; applicant: User; owner: User; staff: User; admin: User; categoryId: string; joinerEmail: string },
) {
  const { name, applicant, owner, staff, admin, categoryId } = opts;
  const lower = name.toLowerCase();
  const slug = `${lower}-goods-${randomUUID().slice(0, 4)}`;
  const storeName = `${name} Goods`;
  const legalName = `${name} Trading Ltd`;
  const payoutHolder = `${name} Holder`;

  // The approved store, its KYC record and its document.
  const me = await applicant.actor();
  const { storeId } = await startApplication(db, me, { name: storeName, slug });
  await updateStoreProfile(db, me, { storeId, name: storeName, slug, ...PROFILE });
  await saveBusinessDetails(db, me, { storeId, ...BUSINESS, legalName, taxId: `${name.toUpperCase()}12345` });
  const document = await addDocument(db, files, me, { storeId, kind: 'identity', fileName: `${lower}-passport.pdf`, bytes: PDF });
  await savePayoutDetails(db, me, { storeId, payoutHolder, payoutAccount: IBAN });
  await submitApplication(db, me, { storeId, accept: true, agreementVersion: SELLER_AGREEMENT_VERSION });
  await approveApplication(db, await admin.actor(), storeId);
  if (applicant.id !== owner.id) {
    await db.insert(storeMembers).values({ storeId, userId: owner.id, role: 'owner' });
    await removeMember(db, await applicant.actor(), { storeId, userId: applicant.id });
  }

  // Staff: a member who works there, one whose role a control changes, one a control removes.
  const member = await makeUser(db, 'shopper', `${lower}-member`);
  const spare = await makeUser(db, 'shopper', `${lower}-spare`);
  await db.insert(storeMembers).values([staff, member, spare].map((u) => ({ storeId, userId: u.id, role: 'staff' as const })));
  const ownerActor = await owner.actor();
  const revocable = await inviteMember(db, ownerActor, { storeId, email: `${lower}-revocable@example.com`, role: 'staff' });
  const open = await inviteMember(db, ownerActor, { storeId, email: opts.joinerEmail, role: 'staff' });

  // Catalog: a listed product with two sizes and images, stock at two locations; an unlisted one.
  const scope = storeScope(ownerActor, storeId);
  // Approval opens a MAIN location (made here if it didn't); a second one carries the tenant's name.
  const { locations } = await import('@/db/schema/inventory');
  await db.insert(locations).values({ storeId, code: 'MAIN', name: 'Main warehouse' }).onConflictDoNothing();
  const [main] = await db.select({ id: locations.id }).from(locations).where(eq(locations.storeId, storeId));
  const MAIN = main!.id;
  const EAST = randomUUID();
  await db.insert(locations).values({ id: EAST, storeId, code: 'EAST', name: `${name} east hub` });
  const handle = `${lower}-trail-runner-${randomUUID().slice(0, 4)}`;
  const title = `${name} Trail Runner`;
  const details = { description: `${name} shoes.`, categoryId, brand: name, tags: [], seoTitle: null, seoDescription: null, compareAtPrice: null };
  const { productId } = await createProduct(db, scope, { ...details, title, handle, price: 1000 });
  await saveOptions(db, scope, { productId, options: [{ name: 'Size', values: ['S', 'M'] }], defaultPrice: 1000 });
  await setProductStatus(db, scope, productId, 'active');
  const vs = await db.select().from(variants).where(eq(variants.productId, productId)).orderBy(asc(variants.position));
  for (const v of vs) {
    await adjustStock(db, scope, { variantId: v.id, locationId: MAIN, mode: 'delta', quantity: 20, reason: 'restock' });
    await adjustStock(db, scope, { variantId: v.id, locationId: EAST, mode: 'delta', quantity: 5, reason: 'restock' });
  }
  const image = (n: number) => addProductImage(db, scope, productId, { url: `/media/seed/${lower}-${n}.webp`, width: 40, height: 40, alt: `${title} ${n}` });
  const [img1, , img3] = [await image(1), await image(2), await image(3)];
  const unlisted = await createProduct(db, scope, { ...details, title: `${name} Secret Prototype`, price: 5000 });
  const [unlistedVariant] = await db.select().from(variants).where(eq(variants.productId, unlisted.productId));
  await adjustStock(db, scope, { variantId: unlistedVariant!.id, locationId: MAIN, mode: 'delta', quantity: 7, reason: 'restock' });

  const importFileName = `${lower}-catalog.csv`;
  const job = await startImport(db, scope, { name: importFileName, text: `handle,sku,price\n${lower}-imported,${name.toUpperCase()}-IMP-1,9.99\n` });

  // A paid order (3 + 3 units), one unit shipped, one unit of the second line cancelled and refunded.
  const bought = await buyer.buy([{ f: { storeId, productId, variantIds: vs.map((v) => v.id) }, lines: [{ variant: 0, quantity: 3 }, { variant: 1, quantity: 3 }] }], { email: `${lower}-buyer@example.com` });
  const so = bought.storeOrders[0]!;
  const [line1, line2] = bought.lines(so.id);
  if (!line1 || !line2) throw new Error('fixture: the order should have two lines');
  const shipped = await createShipment(db, scope, { storeOrderId: so.id, carrier: 'ups', carrierName: '', trackingNumber: UPS(), items: [{ orderItemId: line1.id, quantity: 1 }] });
  const cancelled = await cancelLineAndRefund(db, provider, scope, { storeOrderId: so.id, orderItemId: line2.id, quantity: 1, seq: 1, reason: 'out_of_stock', note: '' });

  // A second application by the owner, complete but still a draft, with two documents.
  const draftName = `${name} Outlet`;
  const draft = await startApplication(db, ownerActor, { name: draftName, slug: `${lower}-outlet-${randomUUID().slice(0, 4)}` });
  await updateStoreProfile(db, ownerActor, { storeId: draft.storeId, name: draftName, ...PROFILE });
  await saveBusinessDetails(db, ownerActor, { storeId: draft.storeId, ...BUSINESS, legalName, taxId: `${name.toUpperCase()}67890` });
  const draftDoc = await addDocument(db, files, ownerActor, { storeId: draft.storeId, kind: 'identity', fileName: `${lower}-outlet-id.pdf`, bytes: PDF });
  const spareDraftDoc = await addDocument(db, files, ownerActor, { storeId: draft.storeId, kind: 'proof_of_address', fileName: `${lower}-outlet-bill.pdf`, bytes: PDF });
  await savePayoutDetails(db, ownerActor, { storeId: draft.storeId, payoutHolder, payoutAccount: IBAN });

  const ids: Ids = {
    storeId,
    slug,
    storeName,
    subjectStoreId: storeId,
    productId,
    handle,
    title,
    unlistedProductId: unlisted.productId,
    variantId: vs[0]!.id,
    sku: vs[0]!.sku,
    locationId: EAST,
    imageId: img1.imageId,
    spareImageId: img3.imageId,
    importJobId: job.id,
    importFileName,
    storeOrderId: so.id,
    orderNumber: bought.order.number,
    lineId: line1.id,
    line2Id: line2.id,
    shipmentId: shipped.shipmentId,
    cancellationId: cancelled.cancellation.id,
    memberId: member.id,
    memberEmail: member.email,
    spareMemberId: spare.id,
    inviteId: revocable.inviteId,
    inviteToken: open.token,
    documentId: document.id,
    draftStoreId: draft.storeId,
    draftDocumentId: draftDoc.id,
    spareDraftDocumentId: spareDraftDoc.id,
    payoutHolder,
    legalName,
  };
  const markers = [
    storeName, draftName, title, `${name} Secret Prototype`, legalName, payoutHolder, `${name} east hub`, importFileName,
    `${lower}-passport.pdf`, `${lower}-outlet-id.pdf`, `${lower}-buyer@example.com`, `${lower}-revocable@example.com`, owner.email, member.email, spare.email, staff.email,
    bought.order.number, storeId, productId, unlisted.productId, so.id, line1.id, line2.id, document.id, draftDoc.id, member.id, ...vs.map((v) => v.id),
  ];
  const emails = [owner.email, member.email, spare.email, staff.email, `${lower}-revocable@example.com`, opts.joinerEmail, `${lower}-buyer@example.com`];
  return { ids, markers, emails, storeIds: [storeId, draft.storeId] };
}

/** Every row that belongs to B (and B's document files), in a stable order, for before/after comparison. */
async function snapshotB(db: Db, world: World, files: Awaited<ReturnType<typeof tempFiles>>) {
  const s = pgArray(world.bStoreIds, 'uuid');
  const products = sql`(select id from products where store_id = any(${s}))`;
  const variantIds = sql`(select v.id from variants v join products p on p.id = v.product_id where p.store_id = any(${s}))`;
  const storeOrderIds = sql`(select id from store_orders where store_id = any(${s}))`;
  const tables: [string, SQL][] = [
    ['stores', sql`id = any(${s})`],
    ['store_members', sql`store_id = any(${s})`],
    ['store_invites', sql`store_id = any(${s})`],
    ['store_status_events', sql`store_id = any(${s})`],
    ['kyc_submissions', sql`store_id = any(${s})`],
    ['kyc_documents', sql`submission_id in (select id from kyc_submissions where store_id = any(${s}))`],
    ['locations', sql`store_id = any(${s})`],
    ['products', sql`store_id = any(${s})`],
    ['product_options', sql`product_id in ${products}`],
    ['product_images', sql`product_id in ${products}`],
    ['variants', sql`product_id in ${products}`],
    ['inventory_levels', sql`variant_id in ${variantIds}`],
    ['stock_movements', sql`variant_id in ${variantIds}`],
    ['low_stock_alerts', sql`store_id = any(${s})`],
    ['catalog_imports', sql`store_id = any(${s})`],
    ['store_orders', sql`store_id = any(${s})`],
    ['order_items', sql`store_order_id in ${storeOrderIds}`],
    ['order_events', sql`store_order_id in ${storeOrderIds}`],
    ['shipments', sql`store_order_id in ${storeOrderIds}`],
    ['shipment_items', sql`shipment_id in (select id from shipments where store_order_id in ${storeOrderIds})`],
    ['order_line_cancellations', sql`store_order_id in ${storeOrderIds}`],
    ['refunds', sql`store_order_id in ${storeOrderIds}`],
    ['email_outbox', sql`"to" = any(${pgArray(world.bEmails)})`],
  ];
  const out: Record<string, unknown[]> = {};
  for (const [table, where] of tables) {
    const rows = await db.execute<{ r: string }>(sql`select to_jsonb(t)::text as r from ${sql.identifier(table)} t where ${where} order by 1`);
    out[table] = rows.rows.map((x) => x.r);
  }
  out.files = await Promise.all(world.bDocumentKeys.map(async (k) => (await files.documents.get(k))?.toString('base64') ?? null));
  return out;
}

describe.each(BACKENDS)('tenant isolation: seller A against store B (%s)', (backend) => {
  const t = useTestDatabase(backend, { poolSize: 10 });
  let world: World;
  let files: Awaited<ReturnType<typeof tempFiles>>;
  let buyer: ReturnType<typeof sagaBuyer>;

  beforeAll(async () => {
    const db = t().db;
    h.db = db;
    files = await tempFiles();
    h.files = files;
    h.media = await mkdtemp(path.join(os.tmpdir(), 'mp-isolation-media-'));
    const provider = createTestProvider(db, { timeoutMs: 20 });
    setPaymentProviderForTests(provider);
    buyer = sagaBuyer(db, provider);
    const categoryId = (await insertCategories(db)).leaf;
    const admin = await makeUser(db, 'admin', 'admin');
    const users = {
      owner: await makeUser(db, 'shopper', 'alder-owner'),
      staff: await makeUser(db, 'shopper', 'alder-staff'),
      leaver: await makeUser(db, 'shopper', 'alder-leaver'),
      joiner: await makeUser(db, 'shopper', 'alder-joiner'),
    };
    const bOwner = await makeUser(db, 'shopper', 'birch-owner');
    const bStaff = await makeUser(db, 'shopper', 'birch-staff');
    const bJoiner = 'birch-joiner@example.com';
    // B first: the leaver applies for it, hands it to B's owner and leaves; then A (where the leaver is an owner).
    const B = await buildTenant(db, files, buyer, provider, { name: 'Birch', applicant: users.leaver, owner: bOwner, staff: bStaff, admin, categoryId, joinerEmail: bJoiner });
    const A = await buildTenant(db, files, buyer, provider, { name: 'Alder', applicant: users.owner, owner: users.owner, staff: users.staff, admin, categoryId, joinerEmail: users.joiner.email });
    await db.insert(storeMembers).values({ storeId: A.ids.storeId, userId: users.leaver.id, role: 'owner' });
    const docKeys = await db.select({ key: kycDocuments.storageKey }).from(kycDocuments).where(sql`${kycDocuments.id} = any(${pgArray([B.ids.documentId, B.ids.draftDocumentId, B.ids.spareDraftDocumentId], 'uuid')})`);
    world = {
      A: A.ids,
      B: B.ids,
      users: { owner: users.owner.id, staff: users.staff.id, leaver: users.leaver.id, joiner: users.joiner.id },
      bMarkers: B.markers,
      bStoreIds: B.storeIds,
      bEmails: B.emails,
      bDocumentKeys: docKeys.map((d) => d.key),
      categoryId,
    };
  });
  afterAll(async () => {
    buyer?.done();
    setPaymentProviderForTests(undefined);
    h.userId = null;
    await files?.cleanup();
    if (h.media) await rm(h.media, { recursive: true, force: true });
  });

  const signInAs = async (userId: string) => {
    h.userId = userId;
  };
  const ctx = (): Ctx => ({ db: t().db, a: world.A, world, signInAs });

  const targetIds = (target: Target): Ids => {
    const { A, B } = world;
    if (target === 'foreign') return B;
    if (target === 'smuggled') return { ...B, storeId: A.storeId, slug: A.slug };
    const guess = Object.fromEntries(Object.keys(A).map((k) => [k, randomUUID()])) as Ids;
    return {
      ...guess,
      storeId: A.storeId,
      slug: A.slug,
      storeName: A.storeName,
      handle: `guess-${randomUUID().slice(0, 8)}`,
      title: `Guess ${randomUUID().slice(0, 8)}`,
      sku: `GUESS-${randomUUID().slice(0, 8).toUpperCase()}`,
      orderNumber: `MK-${900000 + Math.floor(Math.random() * 99999)}`,
      memberId: `guess-${randomUUID().slice(0, 8)}`,
      spareMemberId: `guess-${randomUUID().slice(0, 8)}`,
      inviteToken: randomBytes(32).toString('base64url'),
      payoutHolder: 'Guess Holder',
      legalName: 'Guess Trading Ltd',
    };
  };

  /** Where B's data shows up in what A got back (nothing, or the test fails). */
  const leaks = (out: Outcome) => {
    const text = JSON.stringify(out);
    return world.bMarkers.filter((m) => text.includes(m));
  };

  for (const row of ROWS) {
    const name = `${row.resource} × ${row.surface} × ${row.op}`;
    const actors = row.as ?? ['owner', 'staff'];
    for (const who of actors) {
      for (const [target, denial] of Object.entries(row.deny) as [Target, Denial][]) {
        it(`${name}: A’s ${who}, ${target} ids → ${denial}`, async () => {
          const db = t().db;
          await signInAs(world.users[who]);
          const before = await snapshotB(db, world, files);
          const out = await settle(() => row.run(targetIds(target), ctx()));
          expectDenial(out, denial);
          expect(leaks(out), 'B’s data in A’s answer').toEqual([]);
          expect(await snapshotB(db, world, files)).toEqual(before);
        });
      }
    }
    it(`${name}: control, A’s ${actors[0]} on A’s own ids → allowed`, async () => {
      await signInAs(world.users[actors[0]!]);
      const out = await settle(() => (row.control ?? row.run)(world.A, ctx()));
      expect(['ok', 'redirect'], JSON.stringify(out).slice(0, 600)).toContain(out.kind);
      if (out.kind === 'redirect') expect(out.to).not.toMatch(/^\/signin/);
      if (row.shows) expect(JSON.stringify(out)).toContain(row.shows(world.A));
      expect(leaks(out), 'B’s data in A’s own answer').toEqual([]);
    });
  }

  it('the matrix covers every surface and resource the issue names', () => {
    const surfaces = new Set(ROWS.map((r) => r.surface));
    const resources = new Set(ROWS.map((r) => r.resource));
    expect([...surfaces].sort()).toEqual(['action', 'page', 'route', 'service']);
    for (const r of ['product', 'variant', 'stock', 'location', 'order', 'fulfilment', 'cancellation', 'staff', 'invite', 'kyc', 'document'] as const) expect(resources).toContain(r);
  });
});
