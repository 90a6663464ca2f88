import { and, asc, eq, sql } from 'drizzle-orm';
import { categories, productOptions, products, variants } from '@/db/schema/catalog';
import { stores } from '@/db/schema/sellers';
import type { DbOrTx } from '@/lib/platform/db';
import { NotFoundError } from '@/lib/platform/errors';
import { listProductImages } from './images';
import type { ProductListParams } from './inputs';
import { decodeKeyset, encodeKeyset, likePattern, utcMicros } from './keyset';
import type { StoreScope } from './scope';

// Seller-portal reads. Never cached: a seller must see its own write at once, and every read is
// scoped by the store id of a StoreScope (proven against the session's memberships).

export type SellerProductRow = {
  id: string;
  title: string;
  slug: string;
  status: 'draft' | 'active' | 'archived';
  priceMin: number;
  priceMax: number;
  currency: string;
  variantCount: number;
  stock: number;
  imageUrl: string | null;
  imageAlt: string | null;
  updatedAt: Date;
};

export const PRODUCT_PAGE_SIZE = 50;

/**
 * One page of the store's products, newest first (keyset on created_at, id), optionally by
 * status and by a search on the title or any part of a SKU. Indexed by
 * products_store_idx / products_store_status_idx and the title and SKU trigram indexes.
 */
export async function listSellerProducts(db: DbOrTx, scope: StoreScope, params: Partial<ProductListParams> & { limit?: number }) {
  const limit = Math.min(Math.max(params.limit ?? PRODUCT_PAGE_SIZE, 1), 200);
  const cursor = decodeKeyset(params.cursor);
  const q = params.q ? likePattern(params.q) : null;
  const rows = await db.execute<{
    id: string;
    title: string;
    slug: string;
    status: SellerProductRow['status'];
    price_min: number;
    price_max: number;
    currency: string;
    updated_at: string;
    t: string;
    variant_count: number;
    stock: number;
    image_url: string | null;
    image_alt: string | null;
  }>(sql`
    select p.id, p.title, p.slug, p.status, p.price_min, p.price_max, p.currency, p.updated_at, ${utcMicros(sql`p.created_at`)} as t,
      (select count(*)::int from variants v where v.product_id = p.id) as variant_count,
      (select coalesce(sum(il.on_hand - il.reserved), 0)::int from variants v join inventory_levels il on il.variant_id = v.id where v.product_id = p.id) as stock,
      img.url as image_url, img.alt as image_alt
    from products p
    left join lateral (select url, alt from product_images i where i.product_id = p.id order by position limit 1) img on true
    where p.store_id = ${scope.storeId}
      ${params.status ? sql`and p.status = ${params.status}` : sql``}
      ${q ? sql`and (p.title ilike ${q} or p.id in (select v.product_id from variants v where lower(v.sku) like lower(${q})))` : sql``}
      ${cursor ? sql`and (p.created_at, p.id) < (${cursor.t}::timestamptz, ${cursor.id}::uuid)` : sql``}
    order by p.created_at desc, p.id desc
    limit ${limit + 1}`);
  const page = rows.rows.slice(0, limit);
  const last = page.at(-1);
  return {
    items: page.map(
      (r): SellerProductRow => ({
        id: r.id,
        title: r.title,
        slug: r.slug,
        status: r.status,
        priceMin: r.price_min,
        priceMax: r.price_max,
        currency: r.currency,
        variantCount: r.variant_count,
        stock: r.stock,
        imageUrl: r.image_url,
        imageAlt: r.image_alt,
        updatedAt: new Date(r.updated_at),
      }),
    ),
    nextCursor: rows.rows.length > limit && last ? encodeKeyset({ t: last.t, id: last.id }) : null,
  };
}

/** Counts per status for the list's filter tabs. */
export async function countSellerProducts(db: DbOrTx, scope: StoreScope): Promise<Record<'all' | 'draft' | 'active' | 'archived', number>> {
  const rows = await db.execute<{ status: string; n: number }>(sql`select status, count(*)::int as n from products where store_id = ${scope.storeId} group by status`);
  const out = { all: 0, draft: 0, active: 0, archived: 0 };
  for (const r of rows.rows) {
    out[r.status as 'draft'] = r.n;
    out.all += r.n;
  }
  return out;
}

export type SellerProduct = Awaited<ReturnType<typeof getSellerProduct>>;

/** Everything the product editor shows, or NotFoundError (also for another store's id). */
export async function getSellerProduct(db: DbOrTx, scope: StoreScope, productId: string) {
  const [p] = await db
    .select()
    .from(products)
    .where(and(eq(products.id, productId), eq(products.storeId, scope.storeId)));
  if (!p) throw new NotFoundError('That product');
  const options = await db.select().from(productOptions).where(eq(productOptions.productId, p.id)).orderBy(asc(productOptions.position));
  const vars = await db.select().from(variants).where(eq(variants.productId, p.id)).orderBy(asc(variants.position));
  const levels = await db.execute<{ variant_id: string; on_hand: number; reserved: number }>(sql`
    select il.variant_id, sum(il.on_hand)::int as on_hand, sum(il.reserved)::int as reserved
    from inventory_levels il join variants v on v.id = il.variant_id
    where v.product_id = ${p.id} group by il.variant_id`);
  const stock = new Map(levels.rows.map((r) => [r.variant_id, r]));
  return {
    product: p,
    options,
    variants: vars.map((v) => ({ ...v, onHand: stock.get(v.id)?.on_hand ?? 0, reserved: stock.get(v.id)?.reserved ?? 0 })),
    images: await listProductImages(db, scope, p.id),
  };
}

/** Categories for the picker, as "Department › Category › Leaf" labels in tree order. */
export async function listCategoryChoices(db: DbOrTx): Promise<{ value: string; label: string; path: string }[]> {
  const rows = await db.select({ id: categories.id, path: categories.path, name: categories.name, depth: categories.depth }).from(categories).orderBy(asc(categories.path));
  const names = new Map(rows.map((r) => [r.path, r.name]));
  return rows.map((r) => {
    const parts = r.path.split('/');
    const label = parts.map((_, i) => names.get(parts.slice(0, i + 1).join('/')) ?? parts[i]).join(' › ');
    return { value: r.id, label, path: r.path };
  });
}

export async function getStoreName(db: DbOrTx, scope: StoreScope): Promise<string> {
  const [s] = await db.select({ name: stores.name }).from(stores).where(eq(stores.id, scope.storeId));
  return s?.name ?? 'Your store';
}
