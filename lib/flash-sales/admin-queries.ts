import 'server-only';
import { and, asc, count, desc, eq, inArray, sql } from 'drizzle-orm';
import { users } from '@/db/schema/accounts';
import { products, variants } from '@/db/schema/catalog';
import { flashSaleReconciliations, flashSales, type FlashGateEngine, type FlashSaleReconciliation, type FlashSaleStatus } from '@/db/schema/flash-sales';
import { inventoryLevels, locations } from '@/db/schema/inventory';
import { stores } from '@/db/schema/sellers';
import type { DbOrTx } from '@/lib/platform/db';
import { errorFields, logger } from '@/lib/platform/logger';
import { likePattern } from '@/lib/seller-catalog/keyset';
import { GateUnavailableError, isDatabaseUnavailable } from './errors';
import type { GateSnapshot, StockGate } from './gate';

// Reads for the admin console and the seller portal's flash-sale pages (the terms and lists are
// in reads.ts). Authorization is the caller's: pages and actions pass the store id from the
// session (a seller) or none (an admin, after requirePermission('admin:console')).

export type SaleLocationChoice = { id: string; code: string; name: string; free: number };

/** A variant a sale can be set up for, with its store's locations and the units free at each. */
export type SaleVariantChoice = {
  variantId: string;
  sku: string;
  variantTitle: string;
  productTitle: string;
  price: number;
  currency: string;
  storeId: string;
  storeName: string;
  locations: SaleLocationChoice[];
};

/**
 * Published variants matching `q` (any part of the SKU or the product title), at most `limit`.
 * `storeId` limits them to one store (a seller's own); without it, every active store's (admin).
 */
export async function searchSaleVariants(db: DbOrTx, opts: { q?: string; storeId?: string; limit?: number }): Promise<SaleVariantChoice[]> {
  const limit = Math.min(Math.max(opts.limit ?? 20, 1), 50);
  const q = opts.q?.trim() ? likePattern(opts.q.trim()) : null;
  const rows = await db
    .select({
      variantId: variants.id,
      sku: variants.sku,
      variantTitle: variants.title,
      productTitle: products.title,
      price: variants.price,
      currency: variants.currency,
      storeId: stores.id,
      storeName: stores.name,
    })
    .from(variants)
    .innerJoin(products, eq(products.id, variants.productId))
    .innerJoin(stores, eq(stores.id, products.storeId))
    .where(
      and(
        eq(products.status, 'active'),
        opts.storeId ? eq(products.storeId, opts.storeId) : eq(stores.status, 'active'),
        q ? sql`(lower(${variants.sku}) like lower(${q}) or ${products.title} ilike ${q})` : undefined,
      ),
    )
    .orderBy(asc(products.title), asc(products.id), asc(variants.position), asc(variants.id))
    .limit(limit);
  if (!rows.length) return [];
  const storeIds = [...new Set(rows.map((r) => r.storeId))];
  const variantIds = rows.map((r) => r.variantId);
  const [locs, levels] = await Promise.all([
    db.select({ id: locations.id, storeId: locations.storeId, code: locations.code, name: locations.name }).from(locations).where(inArray(locations.storeId, storeIds)).orderBy(asc(locations.code)),
    db
      .select({ variantId: inventoryLevels.variantId, locationId: inventoryLevels.locationId, free: sql<number>`(${inventoryLevels.onHand} - ${inventoryLevels.reserved})::int` })
      .from(inventoryLevels)
      .where(inArray(inventoryLevels.variantId, variantIds)),
  ]);
  const freeAt = new Map(levels.map((l) => [`${l.variantId}:${l.locationId}`, Number(l.free)]));
  return rows.map((r) => ({
    ...r,
    locations: locs
      .filter((l) => l.storeId === r.storeId)
      .map((l) => ({ id: l.id, code: l.code, name: l.name, free: freeAt.get(`${r.variantId}:${l.id}`) ?? 0 }))
      // Best-stocked first: the service's default when no location is chosen.
      .sort((a, b) => b.free - a.free || a.code.localeCompare(b.code)),
  }));
}

/** Sales per status (of one store, or all), for the list's tabs. */
export async function countFlashSales(db: DbOrTx, opts: { storeId?: string } = {}): Promise<Partial<Record<FlashSaleStatus, number>>> {
  const rows = await db
    .select({ status: flashSales.status, n: count() })
    .from(flashSales)
    .where(opts.storeId ? eq(flashSales.storeId, opts.storeId) : undefined)
    .groupBy(flashSales.status);
  return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
}

export type SaleReport = Pick<FlashSaleReconciliation, 'id' | 'engine' | 'allocation' | 'sold' | 'held' | 'remaining' | 'returned' | 'drift' | 'details' | 'createdAt'>;

/** A sale's reconciliation reports, newest first. */
export async function listReconciliations(db: DbOrTx, saleId: string, limit = 20): Promise<SaleReport[]> {
  return db
    .select({
      id: flashSaleReconciliations.id,
      engine: flashSaleReconciliations.engine,
      allocation: flashSaleReconciliations.allocation,
      sold: flashSaleReconciliations.sold,
      held: flashSaleReconciliations.held,
      remaining: flashSaleReconciliations.remaining,
      returned: flashSaleReconciliations.returned,
      drift: flashSaleReconciliations.drift,
      details: flashSaleReconciliations.details,
      createdAt: flashSaleReconciliations.createdAt,
    })
    .from(flashSaleReconciliations)
    .where(eq(flashSaleReconciliations.saleId, saleId))
    .orderBy(desc(flashSaleReconciliations.createdAt), desc(flashSaleReconciliations.id))
    .limit(limit);
}

/** What the admin detail page shows beside the terms: where the units come from and who did what. */
export async function readSaleContext(db: DbOrTx, saleId: string) {
  const [row] = await db
    .select({
      storeId: stores.id,
      storeSlug: stores.slug,
      storeStatus: stores.status,
      sku: variants.sku,
      locationCode: locations.code,
      locationName: locations.name,
      createdBy: sql<string | null>`(select coalesce(${users.name}, ${users.email}) from ${users} where ${users.id} = ${flashSales.createdBy})`,
      approvedBy: sql<string | null>`(select coalesce(${users.name}, ${users.email}) from ${users} where ${users.id} = ${flashSales.approvedBy})`,
    })
    .from(flashSales)
    .innerJoin(stores, eq(stores.id, flashSales.storeId))
    .innerJoin(variants, eq(variants.id, flashSales.variantId))
    .innerJoin(locations, eq(locations.id, flashSales.locationId))
    .where(eq(flashSales.id, saleId))
    .limit(1);
  return row ?? null;
}

export type SaleExtras = {
  reviewNote: string | null;
  startError: string | null;
  engine: FlashGateEngine | null;
  /** The row's counters: live on the Postgres engine, a copy written at end on Redis. */
  counters: GateSnapshot;
  startedAt: Date | null;
  settledAt: Date | null;
};

/** What the list reads don't carry: review notes, start errors, engine and stored counters. */
export async function readSaleExtras(db: DbOrTx, saleIds: string[]): Promise<Map<string, SaleExtras>> {
  if (!saleIds.length) return new Map();
  const rows = await db
    .select({
      id: flashSales.id,
      reviewNote: flashSales.reviewNote,
      startError: flashSales.startError,
      engine: flashSales.engine,
      allocation: flashSales.allocation,
      remaining: flashSales.remaining,
      held: flashSales.held,
      sold: flashSales.sold,
      startedAt: flashSales.startedAt,
      settledAt: flashSales.settledAt,
    })
    .from(flashSales)
    .where(inArray(flashSales.id, saleIds));
  return new Map(
    rows.map((r) => [
      r.id,
      { reviewNote: r.reviewNote, startError: r.startError, engine: r.engine, startedAt: r.startedAt, settledAt: r.settledAt, counters: { allocation: r.allocation, remaining: r.remaining, held: r.held, sold: r.sold } },
    ]),
  );
}

/**
 * The gate's live counters of live sales (null for one the gate can't read now: its Redis is
 * down, or the sale runs on the other engine). Never throws for an unavailable engine: a page
 * shows "unavailable" rather than failing.
 */
export async function liveCounters(gate: StockGate, sales: { id: string; engine: FlashGateEngine | null }[]): Promise<Map<string, GateSnapshot | null>> {
  const entries = await Promise.all(
    sales.map(async ({ id, engine }): Promise<[string, GateSnapshot | null]> => {
      // Never read a sale through the other engine: its counters are not there.
      if (engine !== gate.engine) return [id, null];
      try {
        return [id, await gate.snapshot(id)];
      } catch (err) {
        if (err instanceof GateUnavailableError || isDatabaseUnavailable(err)) {
          logger.warn('flash sale counters unavailable', { saleId: id, ...errorFields(err) });
          return [id, null];
        }
        throw err;
      }
    }),
  );
  return new Map(entries);
}

/** List cards with their extras and, for live sales, the gate's counters: what the sales tables show. */
export async function withSaleExtras<T extends { id: string; status: FlashSaleStatus }>(db: DbOrTx, gate: StockGate, cards: T[]) {
  const extras = await readSaleExtras(
    db,
    cards.map((c) => c.id),
  );
  const live = await liveCounters(
    gate,
    cards.filter((c) => c.status === 'live').map((c) => ({ id: c.id, engine: extras.get(c.id)?.engine ?? null })),
  );
  return cards.map((c) => ({ ...c, extras: extras.get(c.id), live: live.get(c.id) }));
}
