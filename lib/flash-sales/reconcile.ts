import { and, desc, eq, sql } from 'drizzle-orm';
import { flashHolds, flashSaleReconciliations, flashSales, type FlashSaleReconciliation, type ReconciliationDetails } from '@/db/schema/flash-sales';
import { orderItems, orders } from '@/db/schema/orders';
import type { Db, DbOrTx } from '@/lib/platform/db';
import { NotFoundError } from '@/lib/platform/errors';
import { logger } from '@/lib/platform/logger';
import { FlashSaleError, GateUnavailableError } from './errors';
import type { StockGate } from './gate';

export type FlashSaleReport = Pick<FlashSaleReconciliation, 'saleId' | 'engine' | 'allocation' | 'sold' | 'held' | 'remaining' | 'returned' | 'drift' | 'details' | 'createdAt'>;

/**
 * Reconciles a sale's counters against its holds and orders, and stores the report. Runs at
 * sale end (once settled) and on demand. First the hold rows are repaired to match the engine
 * (`gate.sync`: gaps a crash left between Redis and Postgres), then:
 *
 *   drift = |gate sold − confirmed hold units| + |gate held − active hold units|
 *         + confirmed hold units without an order + |allocation − (sold + held + remaining)|
 *         + units returned beyond what remained
 *
 * Expected 0. A hold confirmed whose order never appeared (the checkout failed after confirm)
 * shows as drift: units kept from sale, never units sold twice.
 *
 * A sold unit whose order was cancelled afterwards (the seller cancelled the line and it was
 * refunded, or the checkout's compensation cancelled the order after its hold was confirmed)
 * stays sold: it is not put back on sale nor in stock, like a cancelled line of any order (a
 * seller cancels a unit that can't ship), and the buyer's per-customer limit still counts it.
 * The report splits the units that have an order into `kept` (still bought) and `cancelled`
 * (the flash line's cancelled units; all of the hold's units when its order was cancelled
 * whole), so a cancellation is accounted for, and drift stays 0.
 */
export async function reconcileFlashSale(db: Db, gate: StockGate, saleId: string): Promise<FlashSaleReport> {
  const [sale] = await db.select().from(flashSales).where(eq(flashSales.id, saleId));
  if (!sale) throw new NotFoundError('Flash sale');
  if (!sale.engine) throw new FlashSaleError('not_started', 'The sale has not started: there is nothing to reconcile yet.', 409);
  if (sale.engine !== gate.engine) throw new GateUnavailableError(`this sale runs on the ${sale.engine} engine`);
  const repaired = await gate.sync(saleId);
  const snap = await gate.snapshot(saleId);
  const byStatus = await db
    .select({ status: flashHolds.status, units: sql<number>`coalesce(sum(${flashHolds.quantity}), 0)::int` })
    .from(flashHolds)
    .where(eq(flashHolds.saleId, saleId))
    .groupBy(flashHolds.status);
  const holds = { active: 0, confirmed: 0, released: 0, expired: 0 };
  for (const r of byStatus) holds[r.status] = Number(r.units);
  // The sale's line in each order is its variant's; its cancelled units, at most the hold's.
  const cancelledUnits = sql<number>`case when ${orders.status} = 'cancelled' then ${flashHolds.quantity}
    else least(${flashHolds.quantity}, coalesce((select sum(${orderItems.quantityCancelled}) from ${orderItems}
      where ${orderItems.orderId} = ${orders.id} and ${orderItems.variantId} = ${sale.variantId}), 0)) end`;
  const [ordered] = await db
    .select({ units: sql<number>`coalesce(sum(${flashHolds.quantity}), 0)::int`, cancelled: sql<number>`coalesce(sum(${cancelledUnits}), 0)::int` })
    .from(flashHolds)
    .innerJoin(orders, eq(orders.id, flashHolds.orderId))
    .where(and(eq(flashHolds.saleId, saleId), eq(flashHolds.status, 'confirmed')));
  const orderedUnits = Number(ordered?.units ?? 0);
  const cancelled = Number(ordered?.cancelled ?? 0);
  const drift =
    Math.abs(snap.sold - holds.confirmed) +
    Math.abs(snap.held - holds.active) +
    (holds.confirmed - orderedUnits) +
    Math.abs(sale.allocation - (snap.sold + snap.held + snap.remaining)) +
    Math.max(0, sale.returned - snap.remaining);
  const details: ReconciliationDetails = { gate: snap, holds, ordered: orderedUnits, kept: orderedUnits - cancelled, cancelled, repaired };
  const [row] = await db
    .insert(flashSaleReconciliations)
    .values({ saleId, engine: sale.engine, allocation: sale.allocation, sold: snap.sold, held: snap.held, remaining: snap.remaining, returned: sale.returned, drift, details })
    .returning();
  if (drift !== 0) logger.warn('flash sale drift', { saleId, drift, ...details });
  return row!;
}

/** The latest stored report of a sale, for the admin page. */
export async function readLatestReconciliation(db: DbOrTx, saleId: string): Promise<FlashSaleReport | null> {
  const [row] = await db.select().from(flashSaleReconciliations).where(eq(flashSaleReconciliations.saleId, saleId)).orderBy(desc(flashSaleReconciliations.createdAt)).limit(1);
  return row ?? null;
}
