import { randomUUID } from 'node:crypto';
import { flashSales, type FlashGateEngine } from '@/db/schema/flash-sales';
import type { Db } from '@/lib/platform/db';
import { insertStockFixture } from '@/test/fixtures';

export type StockFixture = Awaited<ReturnType<typeof insertStockFixture>>;

/** A store, a variant and its stock at two locations (test/fixtures.ts), for sales to be taken from. */
export function insertFlashStock(db: Db, onHand = 1000) {
  return insertStockFixture(db, [[{ onHand, reserved: 0 }, { onHand: 0, reserved: 0 }]]);
}

/**
 * A sale already live on `engine`, as startDueSales leaves it (allocation moved out of stock),
 * without touching inventory: what the gate tests need.
 */
export async function insertLiveSale(
  db: Db,
  f: StockFixture,
  opts: { engine: FlashGateEngine; allocation?: number; limit?: number; startsAt?: Date; endsAt?: Date; status?: 'live' | 'scheduled' | 'ended' },
) {
  const allocation = opts.allocation ?? 10;
  const live = (opts.status ?? 'live') !== 'scheduled';
  const [row] = await db
    .insert(flashSales)
    .values({
      id: randomUUID(),
      storeId: f.storeId,
      variantId: f.variantIds[0]!,
      locationId: f.locationIds[0]!,
      allocation,
      salePrice: 500,
      perCustomerLimit: opts.limit ?? 1,
      startsAt: opts.startsAt ?? new Date(Date.now() - 3600_000),
      endsAt: opts.endsAt ?? new Date(Date.now() + 3600_000),
      status: opts.status ?? 'live',
      engine: live ? opts.engine : null,
      remaining: allocation,
      movedOut: live ? allocation : 0,
      startedAt: live ? new Date() : null,
    })
    .returning();
  return row!;
}
