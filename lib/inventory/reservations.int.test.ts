import { eq, sql } from 'drizzle-orm';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { inventoryLevels, reservations, stockMovements } from '@/db/schema/inventory';
import { insertCheckout, insertSellable } from '@/test/checkout-fixtures';
import { BACKENDS, useTestDatabase } from '@/test/db';
import { getAvailability } from './availability';
import { commitStock, releaseExpiredReservations, releaseStock, reserveStock, retryOnDeadlock } from './reservations';

describe.each(BACKENDS)('stock reservations (%s)', (backend) => {
  const t = useTestDatabase(backend, { poolSize: 20 });
  const levels = async (variantId: string) =>
    (await t().db.select({ onHand: sql<number>`sum(${inventoryLevels.onHand})::int`, reserved: sql<number>`sum(${inventoryLevels.reserved})::int` }).from(inventoryLevels).where(eq(inventoryLevels.variantId, variantId)))[0]!;

  it('holds units across locations, all lines or none, idempotently', async () => {
    const f = await insertSellable(t().db, [5, 2]);
    const c = await insertCheckout(t().db, f);
    const [v0, v1] = f.variantIds as [string, string];
    expect(await reserveStock(t().db, c.id, [{ variantId: v0, quantity: 4 }])).toMatchObject({ ok: true });
    expect(await reserveStock(t().db, c.id, [{ variantId: v0, quantity: 4 }])).toMatchObject({ ok: true }); // replay
    expect(await levels(v0)).toEqual({ onHand: 5, reserved: 4 });
    expect((await getAvailability(t().db, [v0])).get(v0)).toBe(1);
    const c2 = await insertCheckout(t().db, f);
    const refused = await reserveStock(t().db, c2.id, [{ variantId: v0, quantity: 1 }, { variantId: v1, quantity: 3 }]);
    expect(refused).toEqual({ ok: false, shortages: [{ variantId: v1, title: '', requested: 3, available: 2 }] });
    expect(await levels(v0)).toEqual({ onHand: 5, reserved: 4 }); // nothing taken for the line that fitted
  });

  it('expired holds are ignored by reads at once and released by the sweep', async () => {
    const f = await insertSellable(t().db, [3]);
    const v = f.variantIds[0]!;
    const c = await insertCheckout(t().db, f);
    await reserveStock(t().db, c.id, [{ variantId: v, quantity: 3 }], 1);
    await new Promise((r) => setTimeout(r, 20));
    expect((await getAvailability(t().db, [v])).get(v)).toBe(3); // not yet swept, already ignored
    expect(await releaseExpiredReservations(t().db)).toBeGreaterThanOrEqual(1);
    expect(await levels(v)).toEqual({ onHand: 3, reserved: 0 });
    expect(await commitStock(t().db as never, c.id, 'late')).toBe(false);
    // A newcomer may take the units an expired hold had, without waiting for the sweep.
    const c2 = await insertCheckout(t().db, f);
    const c3 = await insertCheckout(t().db, f);
    await reserveStock(t().db, c2.id, [{ variantId: v, quantity: 3 }], 1);
    await new Promise((r) => setTimeout(r, 20));
    expect(await reserveStock(t().db, c3.id, [{ variantId: v, quantity: 3 }])).toMatchObject({ ok: true });
    expect(await levels(v)).toEqual({ onHand: 3, reserved: 3 });
  });

  it('commit takes units off hand once and writes the ledger; release after commit does nothing', async () => {
    const f = await insertSellable(t().db, [4]);
    const v = f.variantIds[0]!;
    const c = await insertCheckout(t().db, f);
    await reserveStock(t().db, c.id, [{ variantId: v, quantity: 3 }]);
    await t().db.transaction((tx) => commitStock(tx, c.id, `checkout:${c.id}`));
    await t().db.transaction((tx) => commitStock(tx, c.id, `checkout:${c.id}`));
    await releaseStock(t().db, c.id);
    expect(await levels(v)).toEqual({ onHand: 1, reserved: 0 });
    const ledger = await t().db.select().from(stockMovements).where(eq(stockMovements.reference, `checkout:${c.id}`));
    expect(ledger.reduce((s, m) => s + m.delta, 0)).toBe(-3);
  });

  it('random concurrent reserve / release / commit / sweep never oversell and keep reserved = live holds', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 6 }),
        fc.array(fc.record({ qty: fc.integer({ min: 1, max: 3 }), then: fc.constantFrom('commit', 'release', 'expire', 'keep') }), { minLength: 2, maxLength: backend === 'postgres' ? 14 : 6 }),
        async (onHand, ops) => {
          const f = await insertSellable(t().db, [onHand]);
          const v = f.variantIds[0]!;
          const cs = await Promise.all(ops.map(() => insertCheckout(t().db, f)));
          const results = await Promise.all(
            ops.map(async (op, i) => {
              const r = await reserveStock(t().db, cs[i]!.id, [{ variantId: v, quantity: op.qty }], op.then === 'expire' ? 1 : 60_000);
              if (!r.ok) return { ...op, ok: false };
              if (op.then === 'commit') await retryOnDeadlock(() => t().db.transaction((tx) => commitStock(tx, cs[i]!.id, `checkout:${cs[i]!.id}`)));
              if (op.then === 'release') await releaseStock(t().db, cs[i]!.id);
              if (op.then === 'expire') await new Promise((res) => setTimeout(res, 5)).then(() => releaseExpiredReservations(t().db));
              return { ...op, ok: true };
            }),
          );
          const sold = results.filter((r) => r.ok && r.then === 'commit').reduce((s, r) => s + r.qty, 0);
          const held = results.filter((r) => r.ok && r.then === 'keep').reduce((s, r) => s + r.qty, 0);
          expect(sold + held).toBeLessThanOrEqual(onHand);
          const l = await levels(v);
          expect(l.onHand).toBe(onHand - sold);
          const [live] = await t().db.select({ n: sql<number>`coalesce(sum(${reservations.quantity}), 0)::int` }).from(reservations).where(sql`${reservations.variantId} = ${v} and ${reservations.status} = 'active'`);
          expect(l.reserved).toBe(live!.n);
          expect(l.reserved).toBe(held);
        },
      ),
      { numRuns: backend === 'postgres' ? 25 : 8 },
    );
  });
});
