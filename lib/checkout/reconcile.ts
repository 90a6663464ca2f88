import { and, eq, inArray, lt, sql } from 'drizzle-orm';
import { checkouts } from '@/db/schema/checkout';
import { workflowRuns } from '@/db/schema/workflows';
import { compensateStep } from './saga-steps';
import type { Db } from '@/lib/platform/db';

/** Longer than the 3-D Secure wait (15 min), so a live saga is never second-guessed. */
export const STALE_CHECKOUT_MS = 30 * 60_000;

/**
 * The safety net under the saga: a checkout still open long after its last progress, whose run
 * is not alive (it failed for good, or its events were lost), is compensated — authorization
 * voided or payment refunded, unpaid order cancelled, stock released — and marked failed.
 * Runs from the maintenance cron; compensation is idempotent, so overlapping sweeps are harmless.
 */
export async function reconcileStaleCheckouts(db: Db, staleAfterMs = STALE_CHECKOUT_MS): Promise<number> {
  const stale = await db
    .select({ id: checkouts.id })
    .from(checkouts)
    .where(and(inArray(checkouts.status, ['processing', 'requires_action']), lt(checkouts.updatedAt, new Date(Date.now() - staleAfterMs))))
    .limit(100);
  let n = 0;
  for (const c of stale) {
    const [alive] = await db
      .select({ id: workflowRuns.id })
      .from(workflowRuns)
      .where(and(eq(workflowRuns.dedupeKey, `idem:${c.id}`), sql`${workflowRuns.status} in ('queued', 'running', 'waiting') and ${workflowRuns.runAt} > now()`));
    if (alive) continue;
    await compensateStep(c.id, { code: 'checkout_abandoned', message: 'The checkout did not finish. Nothing was charged.' });
    n++;
  }
  return n;
}
