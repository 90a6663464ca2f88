import { and, eq, sql } from 'drizzle-orm';
import { products, variants } from '@/db/schema/catalog';
import { inventoryLevels, locations, stockMovements } from '@/db/schema/inventory';
import { productWriteTags, tags as cacheTags } from '@/lib/platform/cache-tags';
import type { DbOrTx, Tx } from '@/lib/platform/db';
import { NotFoundError } from '@/lib/platform/errors';
import { pgArray } from '@/lib/platform/sql';
import { CatalogRuleError, StockConflictError } from './errors';
import type { AdjustReason } from './inputs';
import { decodeKeyset, encodeKeyset, likePattern, utcMicros } from './keyset';
import { syncLowStock } from './low-stock';
import type { StoreScope } from './scope';

export type StockChange = {
  variantId: string;
  locationId: string;
  /** Added to on-hand (negative removes)... */
  delta?: number;
  /** ...or the counted quantity on hand (the delta is taken under the row lock). */
  setTo?: number;
  reason: AdjustReason | 'initial';
  note?: string | null;
  reference?: string | null;
};

export type StockResult = { onHand: number; reserved: number; movementId: string | null; tags: string[] };

/** The variant's product, when the variant belongs to the scope's store (else not found). */
async function variantOfStore(tx: DbOrTx, scope: StoreScope, variantId: string) {
  const [row] = await tx
    .select({ variantId: variants.id, productId: products.id, categoryId: products.categoryId, storeId: products.storeId, title: variants.title })
    .from(variants)
    .innerJoin(products, eq(products.id, variants.productId))
    .where(and(eq(variants.id, variantId), eq(products.storeId, scope.storeId)));
  if (!row) throw new NotFoundError('That variant');
  return row;
}

async function locationOfStore(tx: DbOrTx, scope: StoreScope, locationId: string) {
  const [row] = await tx
    .select({ id: locations.id, name: locations.name })
    .from(locations)
    .where(and(eq(locations.id, locationId), eq(locations.storeId, scope.storeId)));
  if (!row) throw new NotFoundError('That location');
  return row;
}

const productInStock = async (tx: DbOrTx, productId: string) =>
  (
    await tx.execute<{ yes: boolean }>(sql`
      select exists (select 1 from variants v join inventory_levels il on il.variant_id = v.id
        where v.product_id = ${productId} and il.on_hand > il.reserved) as yes`)
  ).rows[0]?.yes === true;

/**
 * Applies one stock change in a transaction: locks the level row (creating it at zero), refuses
 * to go below zero or below the units held by checkouts, updates the level and appends the
 * movement to the ledger together, then syncs the low-stock alert.
 */
export async function applyStockChange(tx: Tx, scope: StoreScope, change: StockChange): Promise<StockResult> {
  const variant = await variantOfStore(tx, scope, change.variantId);
  const location = await locationOfStore(tx, scope, change.locationId);
  const wasInStock = await productInStock(tx, variant.productId);
  await tx.insert(inventoryLevels).values({ variantId: variant.variantId, locationId: location.id }).onConflictDoNothing();
  const [level] = await tx
    .select()
    .from(inventoryLevels)
    .where(and(eq(inventoryLevels.variantId, variant.variantId), eq(inventoryLevels.locationId, location.id)))
    .for('update');
  const delta = change.setTo !== undefined ? change.setTo - level!.onHand : (change.delta ?? 0);
  if (delta === 0) throw new CatalogRuleError('no_change', change.setTo !== undefined ? `On hand is already ${change.setTo}.` : 'Enter a change other than 0.');
  const next = level!.onHand + delta;
  if (next < 0) {
    throw new StockConflictError(`Only ${level!.onHand} on hand at ${location.name}: you can remove at most ${level!.onHand}.`);
  }
  if (next < level!.reserved) {
    throw new StockConflictError(
      `${level!.reserved} unit(s) at ${location.name} are held by checkouts in progress, so on hand can't go below ${level!.reserved} (asked for ${next}).`,
    );
  }
  const [updated] = await tx
    .update(inventoryLevels)
    .set({ onHand: next })
    .where(and(eq(inventoryLevels.variantId, variant.variantId), eq(inventoryLevels.locationId, location.id)))
    .returning();
  const [movement] = await tx
    .insert(stockMovements)
    .values({
      variantId: variant.variantId,
      locationId: location.id,
      delta,
      reason: change.reason,
      note: change.note || null,
      reference: change.reference ?? null,
      actorId: scope.userId,
    })
    .returning({ id: stockMovements.id });
  await syncLowStock(tx, [variant.variantId]);
  const nowInStock = await productInStock(tx, variant.productId);
  // Listings show "in stock" and filter on it: only a change across zero touches the cached listings.
  const tags =
    wasInStock === nowInStock
      ? [cacheTags.stock(variant.productId), cacheTags.product(variant.productId)]
      : [cacheTags.stock(variant.productId), ...productWriteTags({ id: variant.productId, categoryId: variant.categoryId, storeId: variant.storeId })];
  return { onHand: updated!.onHand, reserved: updated!.reserved, movementId: movement!.id, tags };
}

/** A seller's adjustment: a change (`delta`) or a counted quantity (`set`), with a reason. */
export async function adjustStock(
  db: DbOrTx,
  scope: StoreScope,
  input: { variantId: string; locationId: string; mode: 'delta' | 'set'; quantity: number; reason: AdjustReason; note?: string },
): Promise<StockResult> {
  return db.transaction((tx) =>
    applyStockChange(tx, scope, {
      variantId: input.variantId,
      locationId: input.locationId,
      ...(input.mode === 'set' ? { setTo: input.quantity } : { delta: input.quantity }),
      reason: input.reason,
      note: input.note,
    }),
  );
}

export async function setLowStockThreshold(db: DbOrTx, scope: StoreScope, variantId: string, threshold: number): Promise<string[]> {
  return db.transaction(async (tx) => {
    const v = await variantOfStore(tx, scope, variantId);
    await tx.update(variants).set({ lowStockThreshold: threshold }).where(eq(variants.id, v.variantId));
    await syncLowStock(tx, [v.variantId]);
    return [cacheTags.stock(v.productId)];
  });
}

export async function listLocations(db: DbOrTx, scope: StoreScope) {
  return db.select({ id: locations.id, code: locations.code, name: locations.name }).from(locations).where(eq(locations.storeId, scope.storeId)).orderBy(locations.code);
}

export type StockRow = {
  variantId: string;
  productId: string;
  productTitle: string;
  productStatus: string;
  variantTitle: string;
  sku: string;
  threshold: number;
  levels: Record<string, { onHand: number; reserved: number }>;
  available: number;
};

/**
 * The stock table: one row per variant, on hand and reserved per location, for a page of
 * products (search by title or SKU; `lowOnly` keeps variants at or below their threshold).
 */
export async function listStock(db: DbOrTx, scope: StoreScope, opts: { q?: string; lowOnly?: boolean; cursor?: string; limit?: number }) {
  const limit = Math.min(Math.max(opts.limit ?? 25, 1), 100);
  const cursor = decodeKeyset(opts.cursor);
  const q = opts.q ? likePattern(opts.q) : null;
  const page = await db.execute<{ id: string; title: string; status: string; t: string }>(sql`
    select p.id, p.title, p.status, ${utcMicros(sql`p.created_at`)} as t from products p
    where p.store_id = ${scope.storeId} and p.status <> 'archived'
      ${q ? sql`and (p.title ilike ${q} or p.id in (select v.product_id from variants v where lower(v.sku) like lower(${q})))` : sql``}
      ${opts.lowOnly ? sql`and exists (select 1 from variants v where v.product_id = p.id and v.low_stock_threshold > 0 and
        coalesce((select sum(il.on_hand - il.reserved) from inventory_levels il where il.variant_id = v.id), 0) <= v.low_stock_threshold)` : sql``}
      ${cursor ? sql`and (p.created_at, p.id) < (${cursor.t}::timestamptz, ${cursor.id}::uuid)` : sql``}
    order by p.created_at desc, p.id desc
    limit ${limit + 1}`);
  const productRows = page.rows.slice(0, limit);
  const last = productRows.at(-1);
  const nextCursor = page.rows.length > limit && last ? encodeKeyset({ t: last.t, id: last.id }) : null;
  if (!productRows.length) return { rows: [] as StockRow[], nextCursor };
  const vs = await db.execute<{ variant_id: string; product_id: string; title: string; sku: string; threshold: number; location_id: string | null; on_hand: number | null; reserved: number | null }>(sql`
    select v.id as variant_id, v.product_id, v.title, v.sku, v.low_stock_threshold as threshold, il.location_id, il.on_hand, il.reserved
    from variants v left join inventory_levels il on il.variant_id = v.id
    where v.product_id = any(${pgArray(productRows.map((p) => p.id), 'uuid')})
    order by v.position, v.id`);
  const byVariant = new Map<string, StockRow>();
  for (const r of vs.rows) {
    const p = productRows.find((x) => x.id === r.product_id)!;
    let row = byVariant.get(r.variant_id);
    if (!row) {
      row = { variantId: r.variant_id, productId: p.id, productTitle: p.title, productStatus: p.status, variantTitle: r.title, sku: r.sku, threshold: r.threshold, levels: {}, available: 0 };
      byVariant.set(r.variant_id, row);
    }
    if (r.location_id) {
      row.levels[r.location_id] = { onHand: r.on_hand ?? 0, reserved: r.reserved ?? 0 };
      row.available += (r.on_hand ?? 0) - (r.reserved ?? 0);
    }
  }
  const order = new Map(productRows.map((p, i) => [p.id, i]));
  let rows = [...byVariant.values()].sort((a, b) => order.get(a.productId)! - order.get(b.productId)!);
  if (opts.lowOnly) rows = rows.filter((r) => r.threshold > 0 && r.available <= r.threshold);
  return { rows, nextCursor };
}

export type MovementRow = {
  id: string;
  createdAt: Date;
  delta: number;
  reason: string;
  note: string | null;
  reference: string | null;
  productTitle: string;
  productId: string;
  variantTitle: string;
  sku: string;
  locationName: string;
  actorName: string | null;
};

/** The ledger, newest first, for the store or one of its variants. */
export async function listMovements(db: DbOrTx, scope: StoreScope, opts: { variantId?: string; cursor?: string; limit?: number }) {
  const limit = Math.min(Math.max(opts.limit ?? 50, 1), 200);
  const cursor = decodeKeyset(opts.cursor);
  if (opts.variantId) await variantOfStore(db, scope, opts.variantId);
  const rows = await db.execute<{
    id: string;
    created_at: string;
    t: string;
    delta: number;
    reason: string;
    note: string | null;
    reference: string | null;
    product_title: string;
    product_id: string;
    variant_title: string;
    sku: string;
    location_name: string;
    actor_name: string | null;
  }>(sql`
    select m.id, m.created_at, ${utcMicros(sql`m.created_at`)} as t, m.delta, m.reason, m.note, m.reference,
      p.title as product_title, p.id as product_id, v.title as variant_title, v.sku, l.name as location_name,
      coalesce(u.name, u.email) as actor_name
    from stock_movements m
    join locations l on l.id = m.location_id
    join variants v on v.id = m.variant_id
    join products p on p.id = v.product_id
    left join users u on u.id = m.actor_id
    where l.store_id = ${scope.storeId} and p.store_id = ${scope.storeId}
      ${opts.variantId ? sql`and m.variant_id = ${opts.variantId}` : sql``}
      ${cursor ? sql`and (m.created_at, m.id) < (${cursor.t}::timestamptz, ${cursor.id}::uuid)` : sql``}
    order by m.created_at desc, m.id desc
    limit ${limit + 1}`);
  const list = rows.rows.slice(0, limit);
  const last = list.at(-1);
  return {
    items: list.map(
      (r): MovementRow => ({
        id: r.id,
        createdAt: new Date(r.created_at),
        delta: r.delta,
        reason: r.reason,
        note: r.note,
        reference: r.reference,
        productTitle: r.product_title,
        productId: r.product_id,
        variantTitle: r.variant_title,
        sku: r.sku,
        locationName: r.location_name,
        actorName: r.actor_name,
      }),
    ),
    nextCursor: rows.rows.length > limit && last ? encodeKeyset({ t: last.t, id: last.id }) : null,
  };
}
