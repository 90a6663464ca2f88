import { and, asc, desc, eq, gt, inArray, sql, type SQL } from 'drizzle-orm';
import { productImages, products, variants } from '@/db/schema/catalog';
import { flashSales, type FlashSale, type FlashSaleStatus } from '@/db/schema/flash-sales';
import { stores } from '@/db/schema/sellers';
import { sellableProduct } from '@/lib/catalog/sellable';
import type { DbOrTx } from '@/lib/platform/db';
import { decodeKeyset, encodeKeyset, utcMicros } from '@/lib/seller-catalog/keyset';

// Plain reads that take the database as an argument (a cached queries.ts can wrap them). The
// live remaining count is not here: it comes from the gate (`gate.snapshot(id)`).

const card = {
  id: flashSales.id,
  status: flashSales.status,
  startsAt: flashSales.startsAt,
  endsAt: flashSales.endsAt,
  allocation: flashSales.allocation,
  salePrice: flashSales.salePrice,
  currency: flashSales.currency,
  perCustomerLimit: flashSales.perCustomerLimit,
  regularPrice: variants.price,
  variantId: variants.id,
  variantTitle: variants.title,
  productId: products.id,
  productTitle: products.title,
  productSlug: products.slug,
  storeName: stores.name,
  imageUrl: sql<string | null>`(select ${productImages.url} from ${productImages} where ${productImages.productId} = ${products.id} order by ${productImages.position} limit 1)`,
};

export type FlashSaleCard = {
  id: string;
  status: FlashSaleStatus;
  startsAt: Date;
  endsAt: Date;
  allocation: number;
  salePrice: number;
  currency: string;
  perCustomerLimit: number;
  regularPrice: number;
  variantId: string;
  variantTitle: string;
  productId: string;
  productTitle: string;
  productSlug: string;
  storeName: string;
  imageUrl: string | null;
};

function cards(db: DbOrTx, where: SQL | undefined) {
  return db
    .select(card)
    .from(flashSales)
    .innerJoin(variants, eq(variants.id, flashSales.variantId))
    .innerJoin(products, eq(products.id, variants.productId))
    .innerJoin(stores, eq(stores.id, flashSales.storeId))
    .where(where);
}

/** Live and upcoming sales for the storefront (home page), of products it may sell: live first, then by start. */
export async function readFlashSaleCards(db: DbOrTx, now = new Date(), limit = 12): Promise<FlashSaleCard[]> {
  return cards(db, and(inArray(flashSales.status, ['live', 'scheduled']), gt(flashSales.endsAt, now), sellableProduct()))
    .orderBy(sql`${flashSales.status} = 'live' desc`, asc(flashSales.startsAt), asc(flashSales.id))
    .limit(limit);
}

/** One sale with its product, for /flash/[id] and the admin page; `sellable`: the storefront may show its product (lib/catalog/sellable.ts). */
export async function readFlashSale(db: DbOrTx, id: string): Promise<(FlashSaleCard & { sale: FlashSale; sellable: boolean }) | null> {
  const [row] = await db
    .select({ ...card, sale: flashSales, sellable: sql<boolean>`${sellableProduct()}` })
    .from(flashSales)
    .innerJoin(variants, eq(variants.id, flashSales.variantId))
    .innerJoin(products, eq(products.id, variants.productId))
    .innerJoin(stores, eq(stores.id, flashSales.storeId))
    .where(eq(flashSales.id, id))
    .limit(1);
  return row ?? null;
}

/** Admin and seller lists: newest first, filtered by status and store, in keyset pages (`cursor` from the previous page). */
export async function listFlashSales(
  db: DbOrTx,
  opts: { statuses?: FlashSaleStatus[]; storeId?: string; limit?: number; cursor?: string } = {},
): Promise<{ items: FlashSaleCard[]; nextCursor: string | null }> {
  const limit = Math.min(Math.max(opts.limit ?? 50, 1), 200);
  const after = decodeKeyset(opts.cursor);
  const where = and(
    opts.statuses?.length ? inArray(flashSales.status, opts.statuses) : undefined,
    opts.storeId ? eq(flashSales.storeId, opts.storeId) : undefined,
    after ? sql`(${flashSales.createdAt}, ${flashSales.id}) < (${after.t}::timestamptz, ${after.id}::uuid)` : undefined,
  );
  const rows = await db
    .select({ ...card, cursorTime: utcMicros(sql`${flashSales.createdAt}`) })
    .from(flashSales)
    .innerJoin(variants, eq(variants.id, flashSales.variantId))
    .innerJoin(products, eq(products.id, variants.productId))
    .innerJoin(stores, eq(stores.id, flashSales.storeId))
    .where(where)
    .orderBy(desc(flashSales.createdAt), desc(flashSales.id))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    items: page.map(({ cursorTime, ...c }) => (void cursorTime, c)),
    nextCursor: rows.length > limit && last ? encodeKeyset({ t: last.cursorTime, id: last.id }) : null,
  };
}
