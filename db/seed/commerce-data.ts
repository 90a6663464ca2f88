import { shippingRates, taxRates } from '@/db/schema/checkout';
import type { Db } from '@/lib/platform/db';
import { Rng } from './random';

/**
 * Every seeded store offers the same two shipping options (worldwide): "Standard" flat, free
 * from $75, and "Express" by weight. Amounts in minor units.
 */
export const SEED_SHIPPING_RATES = [
  { name: 'Standard', kind: 'flat', amount: 599, perKgAmount: 0, freeOver: 7500, minDays: 3, maxDays: 7, position: 0 },
  { name: 'Express', kind: 'weight', amount: 1299, perKgAmount: 200, freeOver: null, minDays: 1, maxDays: 2, position: 1 },
] as const;

/** Sales tax by US state (the country row is 0 %), and VAT-style rates that also tax shipping. */
export const SEED_TAX_RATES = [
  { country: 'US', region: '', name: 'United States', rateBps: 0, appliesToShipping: false },
  { country: 'US', region: 'CA', name: 'California sales tax', rateBps: 725, appliesToShipping: false },
  { country: 'US', region: 'NY', name: 'New York sales tax', rateBps: 400, appliesToShipping: false },
  { country: 'US', region: 'TX', name: 'Texas sales tax', rateBps: 625, appliesToShipping: false },
  { country: 'US', region: 'WA', name: 'Washington sales tax', rateBps: 650, appliesToShipping: false },
  { country: 'CA', region: '', name: 'Canada GST', rateBps: 500, appliesToShipping: false },
  { country: 'GB', region: '', name: 'UK VAT', rateBps: 2000, appliesToShipping: true },
  { country: 'DE', region: '', name: 'Germany VAT', rateBps: 1900, appliesToShipping: true },
] as const;

/** Shipping and tax rates for the seeded stores. Its own PRNG, so the catalog's ids never shift. */
export async function seedCommerce(db: Db, storeIds: readonly string[]): Promise<void> {
  const rng = new Rng(20261122);
  await db.insert(shippingRates).values(storeIds.flatMap((storeId) => SEED_SHIPPING_RATES.map((r) => ({ id: rng.uuid(), storeId, ...r, countries: [] }))));
  await db.insert(taxRates).values(SEED_TAX_RATES.map((r) => ({ id: rng.uuid(), ...r })));
}
