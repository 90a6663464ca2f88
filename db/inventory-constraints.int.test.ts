import { and, eq, sql } from 'drizzle-orm';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { inventoryLevels } from '@/db/schema/inventory';
import type { Db } from '@/lib/platform/db';
import { BACKENDS, useTestDatabase } from '@/test/db';
import { expectPgError, insertStockFixture } from '@/test/fixtures';

type Level = { on_hand: number; reserved: number };

async function level(db: Db, variantId: string, locationId: string): Promise<Level> {
  const rows = await db.execute<Level>(sql`select on_hand, reserved from inventory_levels where variant_id = ${variantId} and location_id = ${locationId}`);
  return rows.rows[0]!;
}

/** The reservation-safe decrement: takes n units only if n are available, in one statement. */
async function take(db: Db, variantId: string, locationId: string, n: number): Promise<boolean> {
  const rows = await db.execute(sql`
    update inventory_levels set on_hand = on_hand - ${n}
    where variant_id = ${variantId} and location_id = ${locationId} and on_hand - reserved >= ${n}
    returning on_hand`);
  return rows.rows.length === 1;
}

describe.each(BACKENDS)('inventory_levels on %s', (backend) => {
  const t = useTestDatabase(backend, { poolSize: 25 });
  // PGlite is one session: "concurrent" statements queue up, so the races below only race on Postgres.
  const parallel = backend === 'postgres';
  const run = async <T>(jobs: (() => Promise<T>)[]): Promise<PromiseSettledResult<T>[]> => {
    if (parallel) return Promise.allSettled(jobs.map((j) => j()));
    const out: PromiseSettledResult<T>[] = [];
    for (const j of jobs) out.push(await j().then((value) => ({ status: 'fulfilled' as const, value }), (reason) => ({ status: 'rejected' as const, reason })));
    return out;
  };

  it.each([
    ['on_hand < 0', { onHand: -1, reserved: 0 }, 'inventory_on_hand_nonnegative'],
    ['reserved < 0', { onHand: 5, reserved: -1 }, 'inventory_reserved_nonnegative'],
    ['reserved > on_hand', { onHand: 5, reserved: 6 }, 'inventory_reserved_within_on_hand'],
  ])('rejects an insert with %s', async (_, bad, constraint) => {
    const f = await insertStockFixture(t().db, [[]]);
    const err = await expectPgError(() => t().db.insert(inventoryLevels).values({ variantId: f.variantIds[0]!, locationId: f.locationIds[0]!, ...bad }));
    expect(err.code).toBe('23514');
    expect(err.constraint ?? err.message).toContain(constraint);
  });

  it.each([
    ['on_hand below zero', sql`on_hand = -1, reserved = 0`, 'inventory_on_hand_nonnegative'],
    ['reserved below zero', sql`reserved = -1`, 'inventory_reserved_nonnegative'],
    ['reserved above on_hand', sql`reserved = on_hand + 1`, 'inventory_reserved_within_on_hand'],
    ['on_hand below reserved', sql`on_hand = reserved - 1`, 'inventory_reserved_within_on_hand'],
  ])('rejects an update taking %s', async (_, set, constraint) => {
    const f = await insertStockFixture(t().db, [[{ onHand: 10, reserved: 4 }]]);
    const [variantId, locationId] = [f.variantIds[0]!, f.locationIds[0]!];
    const err = await expectPgError(() => t().db.execute(sql`update inventory_levels set ${set} where variant_id = ${variantId} and location_id = ${locationId}`));
    expect(err.code).toBe('23514');
    expect(err.constraint ?? err.message).toContain(constraint);
    expect(await level(t().db, variantId, locationId)).toEqual({ on_hand: 10, reserved: 4 });
  });

  it('accepts the boundary values', async () => {
    const f = await insertStockFixture(t().db, [[{ onHand: 0, reserved: 0 }, { onHand: 7, reserved: 7 }]]);
    await t().db
      .update(inventoryLevels)
      .set({ onHand: 3, reserved: 3 })
      .where(and(eq(inventoryLevels.variantId, f.variantIds[0]!), eq(inventoryLevels.locationId, f.locationIds[0]!)));
    expect(await level(t().db, f.variantIds[0]!, f.locationIds[0]!)).toEqual({ on_hand: 3, reserved: 3 });
  });

  it(`never oversells with 50 ${parallel ? 'concurrent' : 'sequential'} conditional decrements`, async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: 60 }).chain((onHand) => fc.tuple(fc.constant(onHand), fc.integer({ min: 0, max: onHand }))),
        fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 50, maxLength: 50 }),
        async ([onHand, reserved], wants) => {
          const f = await insertStockFixture(t().db, [[{ onHand, reserved }]]);
          const [variantId, locationId] = [f.variantIds[0]!, f.locationIds[0]!];
          const results = await run(wants.map((n) => () => take(t().db, variantId, locationId, n)));
          expect(results.every((r) => r.status === 'fulfilled')).toBe(true);
          const got = results.map((r) => r.status === 'fulfilled' && r.value);
          const taken = wants.reduce((sum, n, i) => sum + (got[i] ? n : 0), 0);
          const after = await level(t().db, variantId, locationId);
          expect(taken).toBeLessThanOrEqual(onHand - reserved);
          expect(after).toEqual({ on_hand: onHand - taken, reserved });
          // A refusal is only ever for lack of stock: availability never grows back.
          wants.forEach((n, i) => {
            if (!got[i]) expect(after.on_hand - after.reserved).toBeLessThan(n);
          });
        },
      ),
      { numRuns: parallel ? 12 : 6 },
    );
  });

  it('lets the CHECK stop 50 unconditional decrements at zero', async () => {
    const f = await insertStockFixture(t().db, [[{ onHand: 20, reserved: 0 }]]);
    const [variantId, locationId] = [f.variantIds[0]!, f.locationIds[0]!];
    const results = await run(
      Array.from({ length: 50 }, () => () => t().db.execute(sql`update inventory_levels set on_hand = on_hand - 1 where variant_id = ${variantId} and location_id = ${locationId}`)),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(20);
    for (const r of results) {
      if (r.status === 'rejected') {
        const e = await expectPgError(() => Promise.reject(r.reason));
        expect(e.code).toBe('23514');
      }
    }
    expect(await level(t().db, variantId, locationId)).toEqual({ on_hand: 0, reserved: 0 });
  });
});
