// The seller-workspace part of `npm run bench`: one bench store with a large catalog and order
// history (made once by the perf-test fixtures, topped up if short), its owner signed in through
// the real credentials flow, and the seller routes to load with that session.
import { sql } from 'drizzle-orm';
import { hashPassword } from '@/lib/accounts/password';
import { insertBulkStoreOrders } from '@/lib/fulfilment/test-fixtures';
import { openDatabase } from '@/lib/platform/db';
import { parseEnv } from '@/lib/platform/env';
import { insertBulkProducts, insertCategories, insertSeller } from '@/lib/seller-catalog/test-fixtures';

export const BENCH_STORE_SLUG = 'bench-seller';
const OWNER_EMAIL = 'bench-seller@example.com';
const OWNER_PASSWORD = 'bench-seller-pass-1234';

export type BenchStore = { slug: string; name: string; email: string; password: string; orderNumber: string };

const log = (m: string) => console.log(`[bench] seller: ${m}`);

/** The bench store with at least `products` products and `orders` store orders (each top-up in one transaction). */
export async function ensureSellerStore(databaseUrl: string, want: { products: number; orders: number }): Promise<BenchStore> {
  const { db, close } = await openDatabase(parseEnv({ DATABASE_URL: databaseUrl, LOG_LEVEL: 'warn' }));
  try {
    const find = async () =>
      (await db.execute<{ id: string; name: string }>(sql`select id, name from stores where slug = ${BENCH_STORE_SLUG}`)).rows[0];
    if (!(await find())) {
      const passwordHash = await hashPassword(OWNER_PASSWORD);
      await db.transaction((tx) => insertSeller(tx, 'Bench', { slug: BENCH_STORE_SLUG, ownerEmail: OWNER_EMAIL, passwordHash }));
      log(`created store ${BENCH_STORE_SLUG} owned by ${OWNER_EMAIL}`);
    }
    const store = (await find())!;
    const count = async (table: 'products' | 'store_orders') =>
      Number((await db.execute<{ n: string }>(sql`select count(*) as n from ${sql.identifier(table)} where store_id = ${store.id}`)).rows[0]!.n);

    const products = await count('products');
    if (products < want.products) {
      const t0 = Date.now();
      await db.transaction(async (tx) => {
        // A leaf of the seeded catalog (the last one, away from the storefront bench's category), else one of our own.
        const [leaf] = (await tx.execute<{ id: string }>(sql`select id from categories where depth = 2 order by path desc limit 1`)).rows;
        const categoryId = leaf?.id ?? (await insertCategories(tx)).leaf;
        await insertBulkProducts(tx, { storeId: store.id, categoryId, count: want.products - products, tag: products ? `bench${products}` : 'bench' });
      });
      log(`added ${want.products - products} products in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    } else log(`${products} products present`);

    const orders = await count('store_orders');
    if (orders < want.orders) {
      const t0 = Date.now();
      await db.transaction((tx) => insertBulkStoreOrders(tx, { storeId: store.id, count: want.orders - orders }));
      log(`added ${want.orders - orders} store orders in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    } else log(`${orders} store orders present`);
    if (products < want.products || orders < want.orders) await db.execute(sql`analyze`);

    // An order from the middle of the history, for the search by number.
    const [mid] = (
      await db.execute<{ number: string }>(sql`
        select o.number from store_orders so join orders o on o.id = so.order_id
        where so.store_id = ${store.id} order by so.created_at desc offset ${Math.floor(Math.max(orders, want.orders) / 2)} limit 1`)
    ).rows;
    return { slug: BENCH_STORE_SLUG, name: store.name, email: OWNER_EMAIL, password: OWNER_PASSWORD, orderNumber: mid!.number };
  } finally {
    await close();
  }
}

const cookiePairs = (setCookies: string[]) => setCookies.map((c) => c.split(';')[0]!);

/** Signs in over HTTP as a browser does (CSRF token, then the credentials callback); returns the Cookie header. */
export async function signIn(base: string, email: string, password: string): Promise<string> {
  const csrf = await fetch(`${base}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const res = await fetch(`${base}/api/auth/callback/credentials`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Cookie: cookiePairs(csrf.headers.getSetCookie()).join('; ') },
    body: new URLSearchParams({ csrfToken, email, password }),
  });
  const session = cookiePairs(res.headers.getSetCookie()).filter((c) => /^(__Secure-)?authjs\.session-token(\.\d+)?=/.test(c));
  if (!session.length) throw new Error(`sign-in as ${email} failed: HTTP ${res.status} ${res.headers.get('location') ?? ''}`);
  return session.join('; ');
}

/** The page `pages` deep in a keyset-paginated list, reached by following its "Next page" links. */
async function followNext(base: string, first: string, cookie: string, pages: number): Promise<string> {
  let path = first;
  for (let i = 1; i < pages; i++) {
    const html = await (await fetch(base + path, { headers: { cookie } })).text();
    const href = /<a\b[^>]*\brel="next"[^>]*>/.exec(html)?.[0].match(/\bhref="([^"]+)"/)?.[1];
    if (!href) throw new Error(`no "Next page" link on ${path}`);
    path = href.replace(/&amp;/g, '&');
  }
  return path;
}

export type SellerRoute = { name: string; path: string; expect: string[] };

/** The seller routes to load, each with texts its page shows only when signed in and fully rendered. */
export async function sellerRoutes(base: string, cookie: string, store: BenchStore): Promise<SellerRoute[]> {
  const s = `store=${encodeURIComponent(store.slug)}`;
  return [
    { name: 'dashboard', path: `/seller?${s}`, expect: ['Top products', 'To ship (', 'Low stock'] },
    { name: 'products', path: `/seller/products?${s}`, expect: ['trail product'] },
    { name: 'products: search', path: `/seller/products?${s}&q=product+4242`, expect: ['trail product 4242'] },
    { name: 'products: archived', path: `/seller/products?${s}&status=archived`, expect: ['trail product'] },
    { name: 'products: page 20', path: await followNext(base, `/seller/products?${s}`, cookie, 20), expect: ['trail product'] },
    { name: 'orders', path: `/seller/orders?${s}`, expect: ['MK-'] },
    { name: 'orders: to ship', path: `/seller/orders?${s}&status=open`, expect: ['MK-'] },
    { name: 'orders: by number', path: `/seller/orders?${s}&q=${store.orderNumber}`, expect: [`${store.orderNumber}-1`] },
    { name: 'orders: page 20', path: await followNext(base, `/seller/orders?${s}`, cookie, 20), expect: ['MK-'] },
  ];
}
