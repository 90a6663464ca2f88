import { and, eq, sql } from 'drizzle-orm';
import { inventoryLevels, reservations, stockMovements } from '@/db/schema/inventory';
import type { Db, DbOrTx, Tx } from '@/lib/platform/db';
import { pgArray } from '@/lib/platform/sql';

export const RESERVATION_TTL_MS = 15 * 60_000;

export type ReservationRequest = { variantId: string; quantity: number; title?: string };
export type StockShortage = { variantId: string; title: string; requested: number; available: number };
export type ReserveResult = { ok: true; expiresAt: string } | { ok: false; shortages: StockShortage[] };

/**
 * Runs a self-contained stock transaction again when Postgres picks it as a deadlock victim
 * (40P01) or a serialization failure (40001). Lock order makes deadlocks rare, not impossible
 * (tuple-lock queues under heavy contention); the transaction rolled back, so a retry is safe.
 */
export async function retryOnDeadlock<T>(run: () => Promise<T>, attempts = 5): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await run();
    } catch (err) {
      const code = (err as { code?: string; cause?: { code?: string } }).cause?.code ?? (err as { code?: string }).code;
      if (i >= attempts || (code !== '40P01' && code !== '40001')) throw err;
      await new Promise((r) => setTimeout(r, 10 * i + Math.random() * 20));
    }
  }
}

/**
 * Every writer locks the inventory rows it touches first, in one sorted statement, and only
 * then the reservations: one lock order for reserve, commit, release and the sweep, so they
 * never deadlock each other.
 */
async function lockLevels(tx: Tx, pairs: ReturnType<typeof sql>): Promise<void> {
  await tx.execute(sql`
    select 1 from inventory_levels
    where (variant_id, location_id) in (${pairs})
    order by variant_id, location_id
    for update`);
}

/** Releases active reservations matching `where` and gives their units back to `reserved`. */
async function releaseWhere(tx: Tx, where: ReturnType<typeof sql>): Promise<number> {
  await lockLevels(tx, sql`select variant_id, location_id from reservations where status = 'active' and ${where}`);
  // The status guard makes each release happen once, however many sweepers race.
  const released = await tx.execute<{ variant_id: string; location_id: string; quantity: number }>(sql`
    update reservations set status = 'released', settled_at = now()
    where status = 'active' and ${where}
    returning variant_id, location_id, quantity`);
  for (const r of released.rows) {
    await tx
      .update(inventoryLevels)
      .set({ reserved: sql`${inventoryLevels.reserved} - ${r.quantity}` })
      .where(and(eq(inventoryLevels.variantId, r.variant_id), eq(inventoryLevels.locationId, r.location_id)));
  }
  return released.rows.length;
}

/**
 * Holds stock for a checkout: all lines or none. Idempotent: a checkout that already holds
 * its reservations gets them back. Rows are locked in one sorted statement (no deadlocks
 * between checkouts sharing variants), expired holds on them are released first, then units
 * are taken from the locations with the most available. The CHECK (reserved <= on_hand) backs it.
 */
export async function reserveStock(db: Db, checkoutId: string, lines: readonly ReservationRequest[], ttlMs = RESERVATION_TTL_MS): Promise<ReserveResult> {
  return retryOnDeadlock(() => db.transaction(async (tx) => {
    const existing = await tx
      .select({ status: reservations.status, expiresAt: reservations.expiresAt })
      .from(reservations)
      .where(eq(reservations.checkoutId, checkoutId));
    if (existing.length) {
      if (existing.every((r) => r.status !== 'released')) return { ok: true, expiresAt: existing[0]!.expiresAt.toISOString() };
      // A checkout whose hold was released (expired or compensated) does not get a second one.
      return { ok: false, shortages: lines.map((l) => ({ variantId: l.variantId, title: l.title ?? '', requested: l.quantity, available: 0 })) };
    }
    const wanted = new Map<string, ReservationRequest>();
    for (const l of lines) {
      const prev = wanted.get(l.variantId);
      wanted.set(l.variantId, { ...l, quantity: (prev?.quantity ?? 0) + l.quantity });
    }
    const ids = [...wanted.keys()].sort();
    await lockLevels(tx, sql`select variant_id, location_id from inventory_levels where variant_id = any(${pgArray(ids, 'uuid')})`);
    await releaseWhere(tx, sql`variant_id = any(${pgArray(ids, 'uuid')}) and expires_at <= now()`);
    const levels = await tx.execute<{ variant_id: string; location_id: string; free: number }>(sql`
      select variant_id, location_id, (on_hand - reserved)::int as free from inventory_levels
      where variant_id = any(${pgArray(ids, 'uuid')})
      order by variant_id, (on_hand - reserved) desc, location_id`);
    const byVariant = new Map<string, { locationId: string; free: number }[]>();
    for (const r of levels.rows) (byVariant.get(r.variant_id) ?? byVariant.set(r.variant_id, []).get(r.variant_id)!).push({ locationId: r.location_id, free: Number(r.free) });

    const shortages: StockShortage[] = [];
    const plan: { variantId: string; locationId: string; quantity: number }[] = [];
    for (const id of ids) {
      const req = wanted.get(id)!;
      const locs = byVariant.get(id) ?? [];
      const total = locs.reduce((s, l) => s + Math.max(l.free, 0), 0);
      if (total < req.quantity) {
        shortages.push({ variantId: id, title: req.title ?? '', requested: req.quantity, available: total });
        continue;
      }
      let left = req.quantity;
      for (const l of locs) {
        if (left === 0) break;
        const take = Math.min(left, l.free);
        if (take <= 0) continue;
        plan.push({ variantId: id, locationId: l.locationId, quantity: take });
        left -= take;
      }
    }
    if (shortages.length) return { ok: false, shortages };

    const expiresAt = new Date(Date.now() + ttlMs);
    for (const p of plan) {
      // Conditional even under the row lock: the update takes nothing that isn't there.
      const updated = await tx
        .update(inventoryLevels)
        .set({ reserved: sql`${inventoryLevels.reserved} + ${p.quantity}` })
        .where(
          and(
            eq(inventoryLevels.variantId, p.variantId),
            eq(inventoryLevels.locationId, p.locationId),
            sql`${inventoryLevels.onHand} - ${inventoryLevels.reserved} >= ${p.quantity}`,
          ),
        )
        .returning({ v: inventoryLevels.variantId });
      if (!updated.length) throw new Error(`reserveStock: stock moved under a row lock (${p.variantId})`);
    }
    await tx.insert(reservations).values(plan.map((p) => ({ checkoutId, ...p, expiresAt })));
    return { ok: true as const, expiresAt: expiresAt.toISOString() };
  }));
}

/** Gives a checkout's held units back (compensation). Safe to repeat. */
export async function releaseStock(db: Db, checkoutId: string): Promise<number> {
  return retryOnDeadlock(() => db.transaction((tx) => releaseWhere(tx, sql`checkout_id = ${checkoutId}`)));
}

/**
 * Turns a checkout's active reservations into sales inside the order transaction: the units
 * leave `on_hand` and `reserved` together and the ledger records them. Returns false when the
 * hold is gone (expired and swept, or released), so the caller must not place the order.
 */
export async function commitStock(tx: Tx, checkoutId: string, reference: string): Promise<boolean> {
  await lockLevels(tx, sql`select variant_id, location_id from reservations where checkout_id = ${checkoutId}`);
  const rows = await tx.select().from(reservations).where(eq(reservations.checkoutId, checkoutId)).for('update');
  if (!rows.length) return false;
  if (rows.every((r) => r.status === 'committed')) return true;
  if (rows.some((r) => r.status !== 'active')) return false;
  for (const r of rows) {
    await tx
      .update(inventoryLevels)
      .set({ onHand: sql`${inventoryLevels.onHand} - ${r.quantity}`, reserved: sql`${inventoryLevels.reserved} - ${r.quantity}` })
      .where(and(eq(inventoryLevels.variantId, r.variantId), eq(inventoryLevels.locationId, r.locationId)));
    await tx
      .insert(stockMovements)
      .values({ variantId: r.variantId, locationId: r.locationId, delta: -r.quantity, reason: 'sale', reference })
      .onConflictDoNothing();
  }
  await tx.update(reservations).set({ status: 'committed', settledAt: new Date() }).where(and(eq(reservations.checkoutId, checkoutId), eq(reservations.status, 'active')));
  return true;
}

/** Puts a cancelled order's units back on hand (what commitStock took), once per reference. */
export async function restockCommitted(tx: Tx, checkoutId: string, reference: string): Promise<void> {
  await lockLevels(tx, sql`select variant_id, location_id from reservations where checkout_id = ${checkoutId}`);
  const rows = await tx.select().from(reservations).where(and(eq(reservations.checkoutId, checkoutId), eq(reservations.status, 'committed')));
  for (const r of rows) {
    const inserted = await tx
      .insert(stockMovements)
      .values({ variantId: r.variantId, locationId: r.locationId, delta: r.quantity, reason: 'cancellation', reference })
      .onConflictDoNothing()
      .returning({ id: stockMovements.id });
    if (!inserted.length) continue;
    await tx
      .update(inventoryLevels)
      .set({ onHand: sql`${inventoryLevels.onHand} + ${r.quantity}` })
      .where(and(eq(inventoryLevels.variantId, r.variantId), eq(inventoryLevels.locationId, r.locationId)));
  }
}

/** The scheduled sweep: releases every reservation past its expiry. */
export async function releaseExpiredReservations(db: Db, now = new Date()): Promise<number> {
  return retryOnDeadlock(() => db.transaction((tx) => releaseWhere(tx, sql`expires_at <= ${now.toISOString()}::timestamptz`)));
}

export async function listReservations(db: DbOrTx, checkoutId: string) {
  return db.select().from(reservations).where(eq(reservations.checkoutId, checkoutId));
}
