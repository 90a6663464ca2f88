import { createHash, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { expect, test, type APIRequestContext, type APIResponse } from '@playwright/test';
import pg from 'pg';
import sharp from 'sharp';
import { createVerifiedUser } from './users';

/**
 * Tenant isolation over HTTP, against the production build: signed in as the owner of store A,
 * every seller page and seller route is asked for store B's resources (B's `?store=` slug, B's
 * ids under A's slug, and ids nobody has). One table; each row is a resource × surface ×
 * operation with the answer expected per target, plus a control on A's own ids that must work.
 *
 * A and B are fresh stores written straight into the e2e database (the demo accounts stay
 * untouched): a product and its variant with stock at a location, an unlisted (draft) product,
 * a paid store order, an import job, and a KYC record with a document on disk. A's owner is
 * also B's applicant of record: they applied for B, had it approved and handed it over (B's
 * membership is someone else's), the case where an applicant's old link to a store must not
 * open its KYC data. lib/sellers/tenant-isolation.int.test.ts runs the same matrix against the
 * server actions and services directly.
 */

type Tenant = {
  storeId: string;
  /** The store as the thing acted on (its logo, its KYC record): random when guessed. */
  subjectStoreId: string;
  slug: string;
  storeName: string;
  productId: string;
  title: string;
  /** A part of the title that searches find but that isn't the tenant's marker. */
  titleQuery: string;
  sku: string;
  skuQuery: string;
  variantId: string;
  unlistedProductId: string;
  storeOrderId: string;
  lineId: string;
  orderNumber: string;
  buyerName: string;
  importJobId: string;
  importFileName: string;
  documentId: string;
  documentName: string;
  legalName: string;
  locationName: string;
  locationId: string;
  inviteId: string;
};

const PASSWORD = 'isolation-pass-1234';
const PNG = () => sharp({ create: { width: 64, height: 64, channels: 3, background: '#3a7' } }).png().toBuffer();
const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');

async function withClient<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** One tenant: store, owner, location, products, stock, a paid order, an import, a KYC record and its file. */
async function insertTenant(c: pg.Client, name: 'Alder' | 'Birch', ownerId: string, applicantId: string): Promise<Tenant> {
  const tag = randomUUID().slice(0, 8);
  const lower = name.toLowerCase();
  const UPPER = name.toUpperCase();
  const storeId = randomUUID();
  const t = {
    storeId,
    subjectStoreId: storeId,
    slug: `${lower}-iso-${tag}`,
    storeName: `${name} Isolation Store ${tag}`,
    productId: randomUUID(),
    title: `${name} Isolation Runner ${tag}`,
    titleQuery: `Isolation Runner ${tag}`,
    sku: `${UPPER}-ISO-${tag.toUpperCase()}`,
    skuQuery: `ISO-${tag.toUpperCase()}`,
    variantId: randomUUID(),
    unlistedProductId: randomUUID(),
    storeOrderId: randomUUID(),
    lineId: randomUUID(),
    orderNumber: '',
    buyerName: `${name} Buyer ${tag}`,
    importJobId: randomUUID(),
    importFileName: `${lower}-catalog-${tag}.csv`,
    documentId: randomUUID(),
    documentName: `${lower}-passport-${tag}.pdf`,
    legalName: `${name} Trading ${tag}`,
    locationName: `${name} depot ${tag}`,
    locationId: randomUUID(),
    inviteId: randomUUID(),
  };
  await c.query('begin');
  await c.query(`insert into stores (id, slug, name, status) values ($1, $2, $3, 'active')`, [t.storeId, t.slug, t.storeName]);
  await c.query(`insert into store_members (store_id, user_id, role) values ($1, $2, 'owner')`, [t.storeId, ownerId]);
  const locationId = t.locationId;
  await c.query(`insert into locations (id, store_id, code, name) values ($1, $2, 'MAIN', $3)`, [locationId, t.storeId, t.locationName]);
  const [category] = (await c.query<{ id: string }>(`select id from categories where depth = 2 order by path limit 1`)).rows;
  const unlistedVariant = randomUUID();
  for (const [id, variantId, title, status, sku] of [
    [t.productId, t.variantId, t.title, 'active', t.sku],
    [t.unlistedProductId, unlistedVariant, `${name} Secret Prototype ${tag}`, 'draft', `${UPPER}-SECRET-${tag.toUpperCase()}`],
  ] as const) {
    await c.query(
      `insert into products (id, store_id, category_id, slug, title, status, price_min, price_max, published_at) values ($1, $2, $3, $4, $5, $6::product_status, 1000, 1000, case when $6::text = 'active' then now() end)`,
      [id, t.storeId, category!.id, `${lower}-${status}-${tag}`, title, status],
    );
    await c.query(`insert into variants (id, product_id, sku, title, price, position) values ($1, $2, $3, 'Default', 1000, 0)`, [variantId, id, sku]);
    await c.query(`insert into inventory_levels (variant_id, location_id, on_hand) values ($1, $2, 12)`, [variantId, locationId]);
    await c.query(`insert into stock_movements (variant_id, location_id, delta, reason, note) values ($1, $2, 12, 'restock', 'isolation fixture')`, [variantId, locationId]);
  }

  // A paid order, as the checkout leaves it.
  const [{ n }] = (await c.query<{ n: string }>(`select nextval('order_number_seq') as n`)).rows as [{ n: string }];
  t.orderNumber = `MK-${n}`;
  const address = { name: t.buyerName, line1: '7 Harbor Way', city: 'Arlington', region: 'VA', postalCode: '22201', country: 'US' };
  const [cartId, checkoutId, orderId] = [randomUUID(), randomUUID(), randomUUID()];
  await c.query(`insert into carts (id, status) values ($1, 'converted')`, [cartId]);
  await c.query(
    `insert into checkouts (id, idempotency_key, request_hash, cart_id, email, status, step, shipping_address, quote, total, payment_provider, payment_method, completed_at)
     values ($1, $2, 'e2e', $3, $4, 'completed', 'done', $5, $6, 1500, 'test', 'tok_test_success_4242', now())`,
    [checkoutId, randomUUID(), cartId, `${lower}-buyer-${tag}@example.com`, address, { currency: 'USD', subtotal: 1000, shipping: 500, tax: 0, discount: 0, total: 1500, stores: [] }],
  );
  await c.query(
    `insert into orders (id, number, checkout_id, email, status, subtotal, shipping_total, tax_total, total, shipping_address, paid_at)
     values ($1, $2, $3, $4, 'paid', 1000, 500, 0, 1500, $5, now())`,
    [orderId, t.orderNumber, checkoutId, `${lower}-buyer-${tag}@example.com`, address],
  );
  await c.query(
    `insert into store_orders (id, order_id, store_id, number, status, subtotal, shipping_total, tax_total, total, shipping_method)
     values ($1, $2, $3, $4, 'paid', 1000, 500, 0, 1500, $5)`,
    [t.storeOrderId, orderId, t.storeId, `${t.orderNumber}-1`, { rateId: null, name: 'Standard shipping', minDays: 3, maxDays: 7 }],
  );
  await c.query(
    `insert into order_items (id, order_id, store_order_id, variant_id, product_id, title, variant_title, sku, unit_price, quantity, line_total)
     values ($1, $2, $3, $4, $5, $6, 'Default', $7, 1000, 3, 3000)`,
    [t.lineId, orderId, t.storeOrderId, t.variantId, t.productId, t.title, t.sku],
  );
  await c.query(`insert into store_invites (id, store_id, email, role, token_hash, invited_by, expires_at) values ($1, $2, $3, 'staff', $4, $5, now() + interval '7 days')`, [
    t.inviteId,
    t.storeId,
    `${lower}-invitee-${tag}@example.com`,
    createHash('sha256').update(randomUUID()).digest('hex'),
    ownerId,
  ]);

  await c.query(`insert into catalog_imports (id, store_id, actor_id, file_name, status, total_rows, processed_rows, finished_at) values ($1, $2, $3, $4, 'completed', 1, 1, now())`, [
    t.importJobId,
    t.storeId,
    ownerId,
    t.importFileName,
  ]);

  // The KYC record and its document, where the document route reads it (DATA_DIR/private).
  const submissionId = randomUUID();
  await c.query(
    `insert into kyc_submissions (id, store_id, applicant_id, legal_name, business_type, payout_holder, submitted_at, decided_at) values ($1, $2, $3, $4, 'company', $5, now(), now())`,
    [submissionId, t.storeId, applicantId, t.legalName, `${name} Holder ${tag}`],
  );
  const storageKey = `kyc/${submissionId}/${t.documentId}.pdf`;
  await c.query(
    `insert into kyc_documents (id, submission_id, kind, file_name, content_type, byte_size, sha256, storage_key, uploaded_by) values ($1, $2, 'identity', $3, 'application/pdf', $4, $5, $6, $7)`,
    [t.documentId, submissionId, t.documentName, PDF.length, createHash('sha256').update(PDF).digest('hex'), storageKey, applicantId],
  );
  await c.query('commit');
  const file = path.resolve(process.env.DATA_DIR ?? '.data/e2e', 'private', storageKey);
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, PDF);
  return t;
}

/** What B's pages and files say that A must never see. */
const markersOf = (t: Tenant) => [t.storeName, t.title, t.sku, t.legalName, t.locationName, t.buyerName, t.importFileName, t.orderNumber, t.title.replace('Isolation Runner', 'Secret Prototype'), t.documentName];

// ---- The table ----

type Target = 'foreign' | 'smuggled' | 'guessed';
/** `denied` = 403 or 404 (routes answer 403 to a known applicant, 404 to strangers); `absent` = 200 without B in it. */
type Expect = 'forbidden' | 'not_found' | 'denied' | 'absent';
type Call = { method: 'GET' } | { method: 'POST'; multipart?: Record<string, string | { name: string; mimeType: string; buffer: Buffer }>; raw?: { fileName: string; contentType: string; body: Buffer } };
/** A server action, found by its file and export in the build's server-reference manifest, posted to a page that uses it. */
type ActionCall = { file: string; name: string; page: (a: Tenant) => string; args: (t: Tenant, a: Tenant) => unknown[] };
type Row = {
  resource: string;
  surface: 'page' | 'route' | 'action';
  op: string;
  /** The path (with query) for a tenant's ids, `t` the target and `a` A (pages and routes). */
  path?: (t: Tenant, a: Tenant) => string;
  action?: ActionCall;
  call?: (t: Tenant) => Promise<Call>;
  deny: Partial<Record<Target, Expect>>;
  /** What A's own answer shows (the control). */
  shows: (a: Tenant) => string;
  /** The control's path when it isn't path(A, A). */
  controlPath?: (a: Tenant) => string;
};

const q = encodeURIComponent;
const BY_ID = { foreign: 'forbidden', smuggled: 'not_found', guessed: 'not_found' } as const;
const FOUND_NOTHING = { foreign: 'forbidden', smuggled: 'absent', guessed: 'absent' } as const;
const png = async () => ({ method: 'POST' as const, multipart: { file: { name: 'picture.png', mimeType: 'image/png', buffer: await PNG() } } });

const ROWS: Row[] = [
  { resource: 'product', surface: 'page', op: 'product editor', path: (t) => `/seller/products/${t.productId}?store=${t.slug}`, deny: FOUND_NOTHING, shows: (a) => a.title },
  { resource: 'product', surface: 'page', op: 'product list, searched by title', path: (t) => `/seller/products?store=${t.slug}&q=${q(t.titleQuery)}`, deny: { foreign: 'forbidden', smuggled: 'absent' }, shows: (a) => a.title },
  { resource: 'variant', surface: 'page', op: 'product list, searched by SKU', path: (t) => `/seller/products?store=${t.slug}&q=${q(t.skuQuery)}`, deny: { foreign: 'forbidden', smuggled: 'absent' }, shows: (a) => a.title },
  { resource: 'stock', surface: 'page', op: 'inventory, searched by SKU', path: (t) => `/seller/inventory?store=${t.slug}&q=${q(t.skuQuery)}`, deny: { foreign: 'forbidden', smuggled: 'absent' }, shows: (a) => a.sku },
  { resource: 'stock', surface: 'page', op: 'stock history of a variant', path: (t) => `/seller/inventory/history?store=${t.slug}&variant=${t.variantId}`, deny: FOUND_NOTHING, shows: (a) => a.locationName },
  { resource: 'stock', surface: 'page', op: 'stock history', path: (t) => `/seller/inventory/history?store=${t.slug}`, deny: { foreign: 'forbidden', smuggled: 'absent' }, shows: (a) => a.title },
  { resource: 'order', surface: 'page', op: 'store order', path: (t) => `/seller/orders/${t.storeOrderId}?store=${t.slug}`, deny: BY_ID, shows: (a) => a.buyerName },
  { resource: 'order', surface: 'page', op: 'order list, searched by number', path: (t) => `/seller/orders?store=${t.slug}&q=${q(t.orderNumber)}`, deny: { foreign: 'forbidden', smuggled: 'absent' }, shows: (a) => a.buyerName },
  { resource: 'order', surface: 'page', op: 'dashboard', path: (t) => `/seller?store=${t.slug}`, deny: { foreign: 'forbidden' }, shows: (a) => a.storeName },
  { resource: 'import', surface: 'page', op: 'imports page with a job', path: (t) => `/seller/products/import?store=${t.slug}&job=${t.importJobId}`, deny: FOUND_NOTHING, shows: (a) => a.importFileName },
  { resource: 'kyc', surface: 'page', op: 'store settings', path: (t) => `/seller/settings?store=${t.slug}`, deny: { foreign: 'forbidden' }, shows: (a) => a.storeName },
  { resource: 'staff', surface: 'page', op: 'team', path: (t) => `/seller/settings/staff?store=${t.slug}`, deny: { foreign: 'forbidden' }, shows: (a) => a.storeName },
  { resource: 'product', surface: 'route', op: 'CSV export', path: (t) => `/seller/products/export?store=${t.slug}`, deny: { foreign: 'forbidden', smuggled: 'absent' }, shows: (a) => a.sku },
  { resource: 'import', surface: 'route', op: 'import job status', path: (t) => `/seller/products/import/jobs/${t.importJobId}`, deny: { foreign: 'not_found', guessed: 'not_found' }, shows: (a) => a.importFileName },
  { resource: 'import', surface: 'route', op: 'import error report', path: (t) => `/seller/products/import/jobs/${t.importJobId}/report`, deny: { foreign: 'not_found', guessed: 'not_found' }, shows: () => 'row,column,message' },
  {
    resource: 'import',
    surface: 'route',
    op: 'CSV upload into a store',
    path: () => '/seller/products/import/upload',
    call: async (t) => ({ method: 'POST', multipart: { storeId: t.storeId, file: { name: 'x.csv', mimeType: 'text/csv', buffer: Buffer.from(`handle,sku,price\n${t.slug}-new,${t.sku}-2,9.99\n`) } } }),
    deny: { foreign: 'forbidden' },
    shows: () => '"job"',
  },
  {
    resource: 'image',
    surface: 'route',
    op: 'product image upload',
    path: (t) => `/seller/products/${t.productId}/images`,
    call: async (t) => {
      const c = await png();
      return { ...c, multipart: { ...c.multipart, storeId: t.storeId } };
    },
    deny: BY_ID,
    shows: () => '/media/uploads/',
  },
  {
    resource: 'stock',
    surface: 'route',
    op: 'public live stock of an unlisted product',
    path: (t) => `/api/stock/${t.unlistedProductId}`,
    deny: { foreign: 'not_found', guessed: 'not_found' },
    controlPath: (a) => `/api/stock/${a.productId}`,
    shows: (a) => a.productId,
  },
  { resource: 'document', surface: 'route', op: 'KYC document download', path: (t) => `/seller/onboarding/documents/${t.documentId}`, deny: { foreign: 'not_found', guessed: 'not_found' }, shows: () => '%PDF-1.4' },
  {
    resource: 'kyc',
    surface: 'route',
    op: 'store logo upload',
    path: (t) => `/seller/onboarding/uploads/logo?storeId=${t.subjectStoreId}`,
    call: async () => ({ method: 'POST', raw: { fileName: 'logo.png', contentType: 'image/png', body: await PNG() } }),
    deny: { foreign: 'denied', guessed: 'not_found' },
    shows: () => 'logoUrl',
  },
  // Server actions, over the wire as the browser sends them (Next-Action header, arguments as the JSON reply encoding).
  {
    resource: 'product',
    surface: 'action',
    op: 'update product details',
    action: {
      file: 'lib/seller-catalog/actions.ts',
      name: 'updateProductAction',
      page: (a) => `/seller/products/${a.productId}?store=${a.slug}`,
      args: (t, a) => [{ storeId: t.storeId, productId: t.productId, handle: `${a.slug}-renamed`, title: a.title, description: 'Edited over HTTP', categoryId: categoryId }],
    },
    deny: BY_ID,
    shows: () => '"ok":true',
  },
  {
    resource: 'stock',
    surface: 'action',
    op: 'adjust stock',
    action: {
      file: 'lib/seller-catalog/actions.ts',
      name: 'adjustStockAction',
      page: (a) => `/seller/inventory?store=${a.slug}`,
      args: (t) => [{ storeId: t.storeId, variantId: t.variantId, locationId: t.locationId, mode: 'delta', quantity: 1, reason: 'restock' }],
    },
    deny: BY_ID,
    shows: () => '"ok":true',
  },
  {
    resource: 'location',
    surface: 'action',
    op: 'adjust A’s variant at the target’s location',
    action: {
      file: 'lib/seller-catalog/actions.ts',
      name: 'adjustStockAction',
      page: (a) => `/seller/inventory?store=${a.slug}`,
      args: (t, a) => [{ storeId: a.storeId, variantId: a.variantId, locationId: t.locationId, mode: 'delta', quantity: 1, reason: 'restock' }],
    },
    deny: { smuggled: 'not_found', guessed: 'not_found' },
    shows: () => '"ok":true',
  },
  {
    resource: 'variant',
    surface: 'action',
    op: 'set the low-stock threshold',
    action: {
      file: 'lib/seller-catalog/actions.ts',
      name: 'setThresholdAction',
      page: (a) => `/seller/inventory?store=${a.slug}`,
      args: (t) => [{ storeId: t.storeId, variantId: t.variantId, lowStockThreshold: 4 }],
    },
    deny: BY_ID,
    shows: () => '"ok":true',
  },
  {
    resource: 'fulfilment',
    surface: 'action',
    op: 'ship a line',
    action: {
      file: 'lib/fulfilment/actions.ts',
      name: 'fulfilOrderAction',
      page: (a) => `/seller/orders/${a.storeOrderId}?store=${a.slug}`,
      args: (t) => [{ storeId: t.storeId, storeOrderId: t.storeOrderId, carrier: 'ups', trackingNumber: `1Z999AA1${String(Date.now()).slice(-10)}`, items: [{ orderItemId: t.lineId, quantity: 1 }] }],
    },
    deny: BY_ID,
    shows: () => '"ok":true',
  },
  {
    resource: 'invite',
    surface: 'action',
    op: 'revoke an invitation',
    action: {
      file: 'lib/sellers/staff-actions.ts',
      name: 'revokeInviteAction',
      page: (a) => `/seller/settings/staff?store=${a.slug}`,
      args: (t) => [null, { storeId: t.storeId, inviteId: t.inviteId }],
    },
    deny: { foreign: 'not_found', smuggled: 'not_found', guessed: 'not_found' },
    shows: () => '"ok":true',
  },
  {
    resource: 'kyc',
    surface: 'action',
    op: 'change the payout account',
    action: {
      file: 'lib/sellers/actions.ts',
      name: 'updatePayoutSettingsAction',
      page: (a) => `/seller/settings?store=${a.slug}`,
      args: (t) => [null, { storeId: t.subjectStoreId, payoutHolder: 'Hijacked Holder', payoutAccount: 'DE89370400440532013000' }],
    },
    deny: { foreign: 'denied', guessed: 'not_found' },
    shows: () => '"ok":true',
  },
];

// ---- Running it ----

test.describe.configure({ mode: 'default' });

let A: Tenant;
let B: Tenant;
let categoryId: string;
let seller: APIRequestContext;
let origin: string;

test.beforeAll(async ({ browser }) => {
  const owner = await createVerifiedUser(PASSWORD);
  const bOwner = await createVerifiedUser(randomUUID());
  await withClient(async (c) => {
    // B first: A's owner applied for it and handed it to B's owner (who alone is its member).
    B = await insertTenant(c, 'Birch', bOwner.id, owner.id);
    A = await insertTenant(c, 'Alder', owner.id, owner.id);
    categoryId = (await c.query<{ category_id: string }>('select category_id from products where id = $1', [A.productId])).rows[0]!.category_id;
  });
  origin = new URL(test.info().project.use.baseURL!).origin;
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto('/signin');
  await page.getByLabel('Email').fill(owner.email);
  await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).not.toHaveURL(/\/signin/);
  seller = context.request;
});

function targetOf(target: Target | 'control'): Tenant {
  if (target === 'control') return A;
  if (target === 'foreign') return B;
  if (target === 'smuggled') return { ...B, storeId: A.storeId, slug: A.slug };
  // Ids nobody has, under A's own store.
  const guess = () => randomUUID();
  return { ...A, productId: guess(), variantId: guess(), unlistedProductId: guess(), storeOrderId: guess(), lineId: guess(), locationId: guess(), inviteId: guess(), importJobId: guess(), documentId: guess(), subjectStoreId: guess(), orderNumber: 'MK-99999999', titleQuery: `No such ${guess().slice(0, 8)}`, skuQuery: `NOPE-${guess().slice(0, 8)}` };
}

const manifest = (): Record<string, { filename?: string; exportedName?: string }> =>
  JSON.parse(readFileSync(path.resolve('.next/server/server-reference-manifest.json'), 'utf8')).node;

function actionId(file: string, name: string): string {
  const hit = Object.entries(manifest()).find(([, v]) => v.filename === file && v.exportedName === name);
  if (!hit) throw new Error(`no server action ${name} from ${file} in the build`);
  return hit[0];
}

/** The request a row makes for target `t` (or A's control), and where it went. */
async function send(row: Row, t: Tenant, control: boolean): Promise<{ res: APIResponse; to: string }> {
  if (row.action) {
    const to = row.action.page(A);
    const res = await seller.post(to, {
      data: JSON.stringify(row.action.args(t, A)),
      headers: { Origin: origin, 'Next-Action': actionId(row.action.file, row.action.name), Accept: 'text/x-component', 'Content-Type': 'text/plain;charset=UTF-8' },
      maxRedirects: 0,
    });
    return { res, to: `${to} ${JSON.stringify(row.action.args(t, A))}` };
  }
  const to = control && row.controlPath ? row.controlPath(A) : row.path!(t, A);
  const call = row.call ? await row.call(t) : ({ method: 'GET' } as const);
  if (call.method === 'GET') return { res: await seller.get(to, { maxRedirects: 0 }), to };
  if (call.raw) return { res: await seller.post(to, { data: call.raw.body, headers: { Origin: origin, 'Content-Type': call.raw.contentType, 'X-File-Name': encodeURIComponent(call.raw.fileName) }, maxRedirects: 0 }), to };
  return { res: await seller.post(to, { multipart: call.multipart!, headers: { Origin: origin }, maxRedirects: 0 }), to };
}

/** An action's ActionResult from its flight response: the error code, or 'ok'. */
function actionOutcome(body: string): string | null {
  if (/"ok":true/.test(body)) return 'ok';
  return /"ok":false,"code":"([a-z_]+)"/.exec(body)?.[1] ?? null;
}

/** B's strings in A's answer, leaving out what the request itself carried (a search box echoes its query). */
function leaks(body: string, sent: string): string[] {
  const request = decodeURIComponent(sent);
  return markersOf(B).filter((m) => body.includes(m) && !request.includes(m));
}

for (const row of ROWS) {
  const name = `${row.resource} × ${row.surface} × ${row.op}`;
  for (const [target, expected] of Object.entries(row.deny) as [Target, Expect][]) {
    test(`${name}: ${target} → ${expected}`, async () => {
      const { res, to } = await send(row, targetOf(target), false);
      const body = await res.text();
      const label = `${name} (${target}): ${res.status()} ${to}`;
      expect(res.status(), `${label}: never a server error`).toBeLessThan(500);
      // Guards run inside streamed pages: a denial is Next's HTTP-error digest in the stream as often as a
      // status. An action's denial is its result's code.
      const code = row.action ? actionOutcome(body) : null;
      const forbidden = res.status() === 403 || body.includes('NEXT_HTTP_ERROR_FALLBACK;403') || code === 'forbidden';
      const notFound = res.status() === 404 || body.includes('NEXT_HTTP_ERROR_FALLBACK;404') || code === 'not_found';
      // An action answers with its result; no result (e.g. an unknown action id) proves nothing.
      if (row.action) expect([null, 'ok'], `${label}: ${body.slice(0, 300)}`).not.toContain(code);
      if (expected === 'forbidden') expect(forbidden, label).toBe(true);
      if (expected === 'not_found') expect(notFound, label).toBe(true);
      if (expected === 'denied') expect(forbidden || notFound, label).toBe(true);
      if (expected === 'absent') {
        expect(res.status(), label).toBe(200);
        expect(forbidden || notFound, label).toBe(false);
      }
      expect(leaks(body, to), `${label}: B's data in the answer`).toEqual([]);
    });
  }
  test(`${name}: control, A's own → allowed`, async () => {
    const { res, to } = await send(row, A, true);
    const body = await res.text();
    const label = `${name} (control): ${res.status()} ${to}`;
    expect(res.status(), label).toBeLessThan(500);
    expect(res.status() === 403 || body.includes('NEXT_HTTP_ERROR_FALLBACK;403'), label).toBe(false);
    expect(body, label).toContain(row.shows(A));
    expect(leaks(body, to), `${label}: B's data in A's own answer`).toEqual([]);
  });
}
