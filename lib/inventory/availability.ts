import { sql } from 'drizzle-orm';
import type { DbOrTx } from '@/lib/platform/db';
import { pgArray } from '@/lib/platform/sql';

/**
 * Live units available per variant, summed over locations: on hand minus the active,
 * unexpired reservations. An expired reservation still sits in `inventory_levels.reserved`
 * until the sweeper releases it, so it is added back here: reads never wait for the sweep.
 */
export const availableSql = sql`(il.on_hand - il.reserved + coalesce((
  select sum(r.quantity) from reservations r
  where r.variant_id = il.variant_id and r.location_id = il.location_id and r.status = 'active' and r.expires_at <= now()
), 0))`;

export async function getAvailability(db: DbOrTx, variantIds: readonly string[]): Promise<Map<string, number>> {
  const out = new Map<string, number>(variantIds.map((id) => [id, 0]));
  if (!variantIds.length) return out;
  const rows = await db.execute<{ variant_id: string; available: number }>(sql`
    select il.variant_id, coalesce(sum(greatest(${availableSql}, 0)), 0)::int as available
    from inventory_levels il
    where il.variant_id = any(${pgArray([...variantIds], 'uuid')})
    group by il.variant_id`);
  for (const r of rows.rows) out.set(r.variant_id, Number(r.available));
  return out;
}
