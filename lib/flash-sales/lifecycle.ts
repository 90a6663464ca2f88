import { and, eq, inArray, isNull, lte, sql, gt } from 'drizzle-orm';
import { flashSales, type FlashSale } from '@/db/schema/flash-sales';
import { inventoryLevels, stockMovements } from '@/db/schema/inventory';
import { can, type Actor } from '@/lib/accounts/permissions';
import { recordAudit } from '@/lib/audit/service';
import type { Db, Tx } from '@/lib/platform/db';
import { ForbiddenError, NotFoundError } from '@/lib/platform/errors';
import { errorFields, logger } from '@/lib/platform/logger';
import { GateUnavailableError } from './errors';
import type { GateSnapshot, StockGate } from './gate';
import { reconcileFlashSale } from './reconcile';
import { cancelFlashSale } from './service';

/*
 * Starting and ending sales, run by the scheduler every minute (and safe to run any number of
 * times, from any number of processes). Lock order, as everywhere stock moves: the
 * inventory_levels row first, then the flash_sales row.
 *
 * Start: the allocation leaves `on_hand` at the sale's location (a conditional decrement that
 * leaves units reserved by checkouts alone; refused when short) with a stock_movements entry
 * `flash-sale:<id>:allocate`, and the sale goes live on the configured engine.
 * End: the sale leaves live, the gate stops reserving and sweeps, and the units neither sold
 * nor held go back on hand (`flash-sale:<id>:return:<running total>`). Holds still open at the
 * end settle later; each pass returns what they gave back, until none is held (settled_at),
 * then the sale is reconciled.
 */

const allocateRef = (id: string) => `flash-sale:${id}:allocate`;
const returnRef = (id: string, total: number) => `flash-sale:${id}:return:${total}`;

async function lockLevel(tx: Tx, variantId: string, locationId: string) {
  const [level] = await tx
    .select({ onHand: inventoryLevels.onHand, reserved: inventoryLevels.reserved })
    .from(inventoryLevels)
    .where(and(eq(inventoryLevels.variantId, variantId), eq(inventoryLevels.locationId, locationId)))
    .for('update');
  return level;
}

async function lockSale(tx: Tx, id: string): Promise<FlashSale | undefined> {
  const [sale] = await tx.select().from(flashSales).where(eq(flashSales.id, id)).for('update');
  return sale;
}

async function saleHead(db: Db, id: string) {
  const [head] = await db.select({ variantId: flashSales.variantId, locationId: flashSales.locationId }).from(flashSales).where(eq(flashSales.id, id));
  if (!head) throw new NotFoundError('Flash sale');
  return head;
}

export type StartResult = { ok: true } | { ok: false; code: 'not_due' | 'insufficient_stock' | 'not_scheduled'; message: string };

/** Starts one scheduled sale whose time has come: takes its allocation out of stock and opens the gate. Idempotent. */
export async function startFlashSale(db: Db, gate: StockGate, id: string, now = new Date()): Promise<StartResult> {
  const head = await saleHead(db, id);
  const result = await db.transaction(async (tx): Promise<StartResult> => {
    const level = await lockLevel(tx, head.variantId, head.locationId);
    const sale = (await lockSale(tx, id))!;
    if (sale.status === 'live') return { ok: true };
    if (sale.status !== 'scheduled') return { ok: false, code: 'not_scheduled', message: `The sale is ${sale.status}.` };
    if (sale.startsAt > now || sale.endsAt <= now) return { ok: false, code: 'not_due', message: 'The sale is not due to start.' };
    const free = level ? level.onHand - level.reserved : 0;
    if (free < sale.allocation) {
      const message = `Only ${free} units are free at the sale's location for an allocation of ${sale.allocation}.`;
      await tx.update(flashSales).set({ startError: message }).where(eq(flashSales.id, id));
      return { ok: false, code: 'insufficient_stock', message };
    }
    // Conditional even under the row lock: never take units that checkouts reserved.
    const taken = await tx
      .update(inventoryLevels)
      .set({ onHand: sql`${inventoryLevels.onHand} - ${sale.allocation}` })
      .where(
        and(
          eq(inventoryLevels.variantId, sale.variantId),
          eq(inventoryLevels.locationId, sale.locationId),
          sql`${inventoryLevels.onHand} - ${inventoryLevels.reserved} >= ${sale.allocation}`,
        ),
      )
      .returning({ onHand: inventoryLevels.onHand });
    if (!taken.length) throw new Error(`startFlashSale: stock moved under a row lock (${id})`);
    const ledger = await tx
      .insert(stockMovements)
      .values({ variantId: sale.variantId, locationId: sale.locationId, delta: -sale.allocation, reason: 'adjustment', reference: allocateRef(id), note: 'Flash sale allocation' })
      .onConflictDoNothing()
      .returning({ id: stockMovements.id });
    if (!ledger.length) throw new Error(`startFlashSale: the allocation of ${id} is already in the ledger`);
    await tx
      .update(flashSales)
      .set({ status: 'live', engine: gate.engine, movedOut: sale.allocation, remaining: sale.allocation, held: 0, sold: 0, startedAt: now, startError: null })
      .where(eq(flashSales.id, id));
    await recordAudit(tx, { action: 'flash_sale.started', subjectType: 'flash_sale', subjectId: id, data: { engine: gate.engine, allocation: sale.allocation } });
    return { ok: true };
  });
  if (result.ok) {
    // Warm the engine now; if it is down, the first reserve builds it from Postgres instead.
    await gate.open({ id }).catch((err) => logger.warn('flash sale opened without its gate', { saleId: id, ...errorFields(err) }));
  }
  return result;
}

export type StartDueReport = { started: string[]; refused: { id: string; code: string; message: string }[]; missed: string[] };

/** Starts every scheduled sale that is due; cancels those whose whole window passed unstarted. */
export async function startDueSales(db: Db, gate: StockGate, now = new Date()): Promise<StartDueReport> {
  const missed = await db
    .update(flashSales)
    .set({ status: 'cancelled', endedAt: now, startError: 'The sale window passed before it could start.' })
    .where(and(eq(flashSales.status, 'scheduled'), lte(flashSales.endsAt, now)))
    .returning({ id: flashSales.id });
  const due = await db
    .select({ id: flashSales.id })
    .from(flashSales)
    .where(and(eq(flashSales.status, 'scheduled'), lte(flashSales.startsAt, now), gt(flashSales.endsAt, now)))
    .orderBy(flashSales.startsAt)
    .limit(100);
  const report: StartDueReport = { started: [], refused: [], missed: missed.map((m) => m.id) };
  for (const { id } of due) {
    const r = await startFlashSale(db, gate, id, now);
    if (r.ok) report.started.push(id);
    else if (r.code !== 'not_due' && r.code !== 'not_scheduled') report.refused.push({ id, code: r.code, message: r.message });
  }
  return report;
}

export type SettleResult = { returned: number; settled: boolean };

/**
 * One settling pass over a sale that left live: sweeps expired holds, returns the units that
 * are neither sold, held nor already returned, and marks the sale settled once nothing is held
 * (then reconciles it). Idempotent; later passes return what late releases and expiries freed.
 */
export async function settleFlashSale(db: Db, gate: StockGate, id: string, now = new Date()): Promise<SettleResult> {
  const head = await saleHead(db, id);
  const [pre] = await db.select({ engine: flashSales.engine, status: flashSales.status, settledAt: flashSales.settledAt }).from(flashSales).where(eq(flashSales.id, id));
  if (!pre?.engine || pre.settledAt || (pre.status !== 'ended' && pre.status !== 'cancelled')) return { returned: 0, settled: !!pre?.settledAt };
  if (pre.engine !== gate.engine) throw new GateUnavailableError(`this sale runs on the ${pre.engine} engine`);
  await gate.expire(id, now);
  // Read outside the transaction on Redis; a stale read is safe: after close, `remaining` only grows.
  const redisCounters: GateSnapshot | null = gate.engine === 'redis' ? await gate.snapshot(id) : null;
  const result = await db.transaction(async (tx): Promise<SettleResult & { reconcile: boolean }> => {
    await lockLevel(tx, head.variantId, head.locationId);
    const sale = (await lockSale(tx, id))!;
    if (sale.settledAt || sale.movedOut === 0) return { returned: 0, settled: !!sale.settledAt, reconcile: false };
    const counters = redisCounters ?? sale;
    const returnable = Math.max(0, counters.remaining - sale.returned);
    if (returnable > 0) {
      const total = sale.returned + returnable;
      const ledger = await tx
        .insert(stockMovements)
        .values({ variantId: sale.variantId, locationId: sale.locationId, delta: returnable, reason: 'adjustment', reference: returnRef(id, total), note: 'Flash sale: unsold units returned' })
        .onConflictDoNothing()
        .returning({ id: stockMovements.id });
      if (!ledger.length) throw new Error(`settleFlashSale: return ${total} of ${id} is already in the ledger`);
      await tx
        .insert(inventoryLevels)
        .values({ variantId: sale.variantId, locationId: sale.locationId, onHand: returnable })
        .onConflictDoUpdate({ target: [inventoryLevels.variantId, inventoryLevels.locationId], set: { onHand: sql`${inventoryLevels.onHand} + ${returnable}` } });
    }
    const settled = counters.held === 0;
    await tx
      .update(flashSales)
      .set({
        returned: sale.returned + returnable,
        // On Redis the live counters are Redis's; keep a copy for reports once it is over.
        ...(redisCounters ? { remaining: redisCounters.remaining, held: redisCounters.held, sold: redisCounters.sold } : {}),
        settledAt: settled ? now : null,
      })
      .where(eq(flashSales.id, id));
    return { returned: returnable, settled, reconcile: settled };
  });
  if (result.reconcile) await reconcileFlashSale(db, gate, id);
  return { returned: result.returned, settled: result.settled };
}

/** Takes a live sale out of live (ended or cancelled), stops its gate and settles what it can. */
async function finishFlashSale(db: Db, gate: StockGate, id: string, to: 'ended' | 'cancelled', now: Date, actorId?: string): Promise<SettleResult> {
  await db.transaction(async (tx) => {
    const sale = await lockSale(tx, id);
    if (!sale) throw new NotFoundError('Flash sale');
    if (sale.status !== 'live') return;
    await tx.update(flashSales).set({ status: to, endedAt: now }).where(eq(flashSales.id, id));
    await recordAudit(tx, { action: `flash_sale.${to}`, actorId: actorId ?? null, subjectType: 'flash_sale', subjectId: id });
  });
  // After the status change, so a rebuild of the gate's state loads it closed too.
  await gate.close(id);
  return settleFlashSale(db, gate, id, now);
}

export type EndDueReport = { ended: string[]; settled: string[]; returned: number; failed: { id: string; error: string }[] };

/** Ends live sales whose window is over and settles ended ones with holds still open. */
export async function endDueSales(db: Db, gate: StockGate, now = new Date()): Promise<EndDueReport> {
  const due = await db
    .select({ id: flashSales.id })
    .from(flashSales)
    .where(and(eq(flashSales.status, 'live'), lte(flashSales.endsAt, now)))
    .limit(100);
  const open = await db
    .select({ id: flashSales.id })
    .from(flashSales)
    .where(and(inArray(flashSales.status, ['ended', 'cancelled']), gt(flashSales.movedOut, 0), isNull(flashSales.settledAt), eq(flashSales.engine, gate.engine)))
    .limit(100);
  const report: EndDueReport = { ended: [], settled: [], returned: 0, failed: [] };
  const ending = new Set(due.map((d) => d.id));
  for (const id of new Set([...ending, ...open.map((o) => o.id)])) {
    try {
      const r = ending.has(id) ? await finishFlashSale(db, gate, id, 'ended', now) : await settleFlashSale(db, gate, id, now);
      if (ending.has(id)) report.ended.push(id);
      if (r.settled) report.settled.push(id);
      report.returned += r.returned;
    } catch (err) {
      // One sale's trouble (its engine is down) must not hold up the others; the next run retries.
      logger.warn('flash sale end failed', { saleId: id, ...errorFields(err) });
      report.failed.push({ id, error: err instanceof Error ? err.message : String(err) });
    }
  }
  return report;
}

/** Admin: cancels a sale; a live one stops selling at once and its unsold units go back to stock. */
export async function cancelLiveFlashSale(db: Db, gate: StockGate, actor: Actor | null, id: string, now = new Date()): Promise<SettleResult> {
  if (!actor || !can(actor, 'admin:console')) throw new ForbiddenError();
  const [sale] = await db.select({ status: flashSales.status }).from(flashSales).where(eq(flashSales.id, id));
  if (!sale) throw new NotFoundError('Flash sale');
  if (sale.status !== 'live') {
    await cancelFlashSale(db, actor, id);
    return { returned: 0, settled: true };
  }
  return finishFlashSale(db, gate, id, 'cancelled', now, actor.userId);
}

/** Sweeps expired holds of every live sale on this engine, so remaining counts stay fresh between buyers. */
export async function sweepLiveSales(db: Db, gate: StockGate, now = new Date()): Promise<number> {
  const live = await db
    .select({ id: flashSales.id })
    .from(flashSales)
    .where(and(eq(flashSales.status, 'live'), eq(flashSales.engine, gate.engine)))
    .limit(500);
  let swept = 0;
  for (const { id } of live) {
    try {
      swept += await gate.expire(id, now);
    } catch (err) {
      logger.warn('flash sale sweep failed', { saleId: id, ...errorFields(err) });
    }
  }
  return swept;
}

export type TickReport = { start: StartDueReport; swept: number; end: EndDueReport };

/** Everything the scheduler does each minute: start due sales, sweep expired holds, end and settle. */
export async function tickFlashSales(db: Db, gate: StockGate, now = new Date()): Promise<TickReport> {
  const start = await startDueSales(db, gate, now);
  const swept = await sweepLiveSales(db, gate, now);
  const end = await endDueSales(db, gate, now);
  return { start, swept, end };
}
