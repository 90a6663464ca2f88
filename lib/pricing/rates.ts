import { and, asc, eq, inArray } from 'drizzle-orm';
import { shippingRates as shippingRatesTable, taxRates as taxRatesTable, type ShippingRate, type TaxRate } from '@/db/schema/checkout';
import type { DbOrTx } from '@/lib/platform/db';

/**
 * What `quoteCart` needs from the database: the stores' active shipping rates and every tax
 * rate (a small table: one row per country or region).
 */
export async function loadPricingRates(db: DbOrTx, storeIds: string[]): Promise<{ shippingRates: ShippingRate[]; taxRates: TaxRate[] }> {
  const ids = [...new Set(storeIds)];
  const [shippingRates, taxRates] = await Promise.all([
    ids.length
      ? db
          .select()
          .from(shippingRatesTable)
          .where(and(inArray(shippingRatesTable.storeId, ids), eq(shippingRatesTable.active, true)))
          .orderBy(asc(shippingRatesTable.storeId), asc(shippingRatesTable.position), asc(shippingRatesTable.id))
      : Promise.resolve([] as ShippingRate[]),
    db.select().from(taxRatesTable).orderBy(asc(taxRatesTable.country), asc(taxRatesTable.region)),
  ]);
  return { shippingRates, taxRates };
}
