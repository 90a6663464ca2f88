import { and, eq, isNull, or } from 'drizzle-orm';
import { flashHolds, flashSales, type FlashHold, type FlashSale } from '@/db/schema/flash-sales';
import type { DbOrTx } from '@/lib/platform/db';

/*
 * What the checkout needs around a hold. The intended order for an express checkout:
 *   1. gate.reserve(...) → hold id (the row exists before the id is handed out);
 *   2. create the checkout, then attachHoldToCheckout(db, holdId, checkoutId);
 *   3. when placing the order: `await gate.confirm(saleId, holdId)` first, place the order
 *      only if it answered true, and attachHoldToOrder(tx, holdId, orderId) in the order's
 *      transaction (reconciliation counts confirmed units without an order as drift);
 *   4. compensation before that point: gate.release(saleId, holdId); expiry does the rest.
 * Flash units left general stock when the sale started: the order must not commit inventory
 * reservations for them.
 */

export type HoldWithSale = FlashHold & { sale: Pick<FlashSale, 'id' | 'variantId' | 'storeId' | 'locationId' | 'salePrice' | 'currency' | 'status' | 'endsAt'> };

/** A hold with the sale terms the checkout prices it by. */
export async function readHold(db: DbOrTx, holdId: string): Promise<HoldWithSale | null> {
  const [row] = await db
    .select({
      hold: flashHolds,
      sale: {
        id: flashSales.id,
        variantId: flashSales.variantId,
        storeId: flashSales.storeId,
        locationId: flashSales.locationId,
        salePrice: flashSales.salePrice,
        currency: flashSales.currency,
        status: flashSales.status,
        endsAt: flashSales.endsAt,
      },
    })
    .from(flashHolds)
    .innerJoin(flashSales, eq(flashSales.id, flashHolds.saleId))
    .where(eq(flashHolds.id, holdId))
    .limit(1);
  return row ? { ...row.hold, sale: row.sale } : null;
}

/** Links an active hold to the checkout buying it (once; the same checkout again is fine). */
export async function attachHoldToCheckout(db: DbOrTx, holdId: string, checkoutId: string): Promise<boolean> {
  const r = await db
    .update(flashHolds)
    .set({ checkoutId })
    .where(and(eq(flashHolds.id, holdId), eq(flashHolds.status, 'active'), or(isNull(flashHolds.checkoutId), eq(flashHolds.checkoutId, checkoutId))))
    .returning({ id: flashHolds.id });
  return r.length > 0;
}

/** In the order's transaction, after gate.confirm answered true: records which order bought the hold. */
export async function attachHoldToOrder(tx: DbOrTx, holdId: string, orderId: string): Promise<boolean> {
  const r = await tx
    .update(flashHolds)
    .set({ orderId })
    .where(and(eq(flashHolds.id, holdId), eq(flashHolds.status, 'confirmed'), or(isNull(flashHolds.orderId), eq(flashHolds.orderId, orderId))))
    .returning({ id: flashHolds.id });
  return r.length > 0;
}
