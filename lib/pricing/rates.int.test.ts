import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { SEED_SHIPPING_RATES, SEED_TAX_RATES } from '@/db/seed/commerce-data';
import { shippingRates } from '@/db/schema/checkout';
import { addItem, createCart } from '@/lib/cart/service';
import { getCartView, toPricingLines } from '@/lib/cart/queries';
import { BACKENDS, useTestDatabase } from '@/test/db';
import { quoteCart } from './quote';
import { loadPricingRates } from './rates';

describe.each(BACKENDS)('pricing rates from the seed (%s)', (backend) => {
  const t = useTestDatabase(backend, { products: 20 });

  it('seeds Standard and Express for every store and the documented tax table, deterministically', async () => {
    const { db } = t();
    const stores = await db.execute<{ id: string }>(sql`select id from stores order by id`);
    const rates = await db.select().from(shippingRates);
    expect(rates).toHaveLength(stores.rows.length * SEED_SHIPPING_RATES.length);
    const { taxRates } = await loadPricingRates(db, []);
    expect(taxRates.map((r) => [r.country, r.region, r.rateBps, r.appliesToShipping])).toEqual(
      [...SEED_TAX_RATES].sort((a, b) => a.country.localeCompare(b.country) || a.region.localeCompare(b.region)).map((r) => [r.country, r.region, r.rateBps, r.appliesToShipping]),
    );
  });

  it('loads only the asked stores’ active rates and prices a seeded cart', async () => {
    const { db } = t();
    const picks = await db.execute<{ variant_id: string; store_id: string; price: number; weight: number }>(sql`
      select distinct on (p.store_id) v.id as variant_id, p.store_id, v.price, v.weight_grams as weight
      from variants v join products p on p.id = v.product_id
      join inventory_levels il on il.variant_id = v.id
      where p.status = 'active' and il.on_hand > 0
      order by p.store_id, v.price`);
    const [a, b] = picks.rows;
    expect(a && b).toBeTruthy();
    const { shippingRates: loaded } = await loadPricingRates(db, [a!.store_id, a!.store_id]);
    expect(loaded.map((r) => r.name)).toEqual(['Standard', 'Express']);
    expect(new Set(loaded.map((r) => r.storeId))).toEqual(new Set([a!.store_id]));
    expect((await loadPricingRates(db, [randomUUID()])).shippingRates).toEqual([]);

    const cartId = await createCart(db);
    await addItem(db, cartId, { variantId: a!.variant_id, quantity: 1 });
    await addItem(db, cartId, { variantId: b!.variant_id, quantity: 1 });
    const view = (await getCartView(db, cartId))!;
    const rates = await loadPricingRates(db, view.lines.map((l) => l.storeId));
    const quote = quoteCart({ currency: view.currency, lines: toPricingLines(view), destination: { country: 'US', region: 'CA' }, ...rates, selections: {} });
    expect(quote.stores).toHaveLength(2);
    for (const s of quote.stores) {
      const line = s.lines[0]!;
      expect(s.shippingName).toBe('Standard');
      expect(s.shipping).toBe(line.lineTotal >= 7500 ? 0 : 599);
      expect(s.tax).toBe(Math.floor((line.lineTotal * 725 + 5000) / 10000));
      expect(quote.options[s.storeId]!.map((o) => o.name)).toContain('Express');
    }
    expect(quote.total).toBe(quote.subtotal + quote.shipping + quote.tax - quote.discount);
  });
});
