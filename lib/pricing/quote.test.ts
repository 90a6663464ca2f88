import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ShippingRate, TaxRate } from '@/db/schema/checkout';
import { applyBps, DEFAULT_SHIPPING_OPTION, findTaxRate, quoteCart, type PricingLine, type Quote, type QuoteInput } from './quote';

const at = new Date('2026-01-01T00:00:00Z');
let seq = 0;

function rate(storeId: string, over: Partial<ShippingRate> = {}): ShippingRate {
  seq += 1;
  return {
    id: `rate-${seq}`,
    storeId,
    name: `Rate ${seq}`,
    kind: 'flat',
    amount: 500,
    perKgAmount: 0,
    freeOver: null,
    minDays: 3,
    maxDays: 7,
    countries: [],
    active: true,
    position: 0,
    createdAt: at,
    updatedAt: at,
    ...over,
  };
}

function taxRate(country: string, region: string, rateBps: number, appliesToShipping = false): TaxRate {
  seq += 1;
  return { id: `tax-${seq}`, country, region, name: `${country}${region ? `-${region}` : ''}`, rateBps, appliesToShipping, createdAt: at };
}

function line(storeId: string, over: Partial<PricingLine> = {}): PricingLine {
  seq += 1;
  return {
    variantId: `v-${seq}`,
    productId: `p-${seq}`,
    storeId,
    storeName: `Store ${storeId}`,
    title: `Product ${seq}`,
    variantTitle: 'Default',
    sku: `SKU-${seq}`,
    imageUrl: null,
    unitPrice: 1000,
    quantity: 1,
    weightGrams: 0,
    ...over,
  };
}

const base = (over: Partial<QuoteInput>): QuoteInput => ({ currency: 'USD', lines: [], destination: null, shippingRates: [], taxRates: [], selections: {}, ...over });

/** total = subtotal + shipping + tax − discount at every level, sums agree, nothing negative. */
function expectConsistent(q: Quote) {
  for (const s of q.stores) {
    expect(s.total).toBe(s.subtotal + s.shipping + s.tax - s.discount);
    expect(s.subtotal).toBe(s.lines.reduce((n, l) => n + l.lineTotal, 0));
    for (const l of s.lines) expect(l.lineTotal).toBe(l.unitPrice * l.quantity);
    for (const v of [s.subtotal, s.shipping, s.tax, s.discount, s.total]) {
      expect(Number.isSafeInteger(v)).toBe(true);
      expect(v).toBeGreaterThanOrEqual(0);
    }
  }
  for (const k of ['subtotal', 'shipping', 'tax', 'discount', 'total'] as const) expect(q[k]).toBe(q.stores.reduce((n, s) => n + s[k], 0));
  expect(q.total).toBe(q.subtotal + q.shipping + q.tax - q.discount);
}

describe('applyBps', () => {
  it('rounds half up, exactly', () => {
    expect(applyBps(1000, 725)).toBe(73); // 72.5 → 73
    expect(applyBps(999, 725)).toBe(72); // 72.4275
    expect(applyBps(200, 25)).toBe(1); // 0.5 → 1
    expect(applyBps(199, 25)).toBe(0); // 0.4975
    expect(applyBps(0, 2000)).toBe(0);
    expect(applyBps(12345, 0)).toBe(0);
    expect(applyBps(12345, 10000)).toBe(12345);
    // Large enough that float division could land on the wrong side of an integer.
    expect(applyBps(900_719_925_473, 10000)).toBe(900_719_925_473);
    expect(applyBps(2_147_483_647 * 99, 9999)).toBe(Number((BigInt(2_147_483_647 * 99) * 9999n + 5000n) / 10000n));
  });

  it('matches BigInt arithmetic', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 31 * 99 }), fc.integer({ min: 0, max: 10000 }), (n, bps) => {
        expect(applyBps(n, bps)).toBe(Number((BigInt(n) * BigInt(bps) + 5000n) / 10000n));
      }),
    );
  });
});

describe('quoteCart', () => {
  it('prices an empty cart as zero', () => {
    const q = quoteCart(base({}));
    expect(q).toMatchObject({ currency: 'USD', subtotal: 0, shipping: 0, tax: 0, discount: 0, total: 0, stores: [], missingShipping: [] });
  });

  it('groups lines into one sub-order per store, in cart order', () => {
    const a1 = line('A', { unitPrice: 1250, quantity: 2 });
    const b1 = line('B', { unitPrice: 300, quantity: 3 });
    const a2 = line('A', { unitPrice: 99, quantity: 1 });
    const q = quoteCart(base({ lines: [a1, b1, a2], shippingRates: [rate('A', { amount: 400 }), rate('B', { amount: 250 })] }));
    expect(q.stores.map((s) => s.storeId)).toEqual(['A', 'B']);
    expect(q.stores[0]!.lines.map((l) => l.variantId)).toEqual([a1.variantId, a2.variantId]);
    expect(q.stores[0]).toMatchObject({ storeName: 'Store A', subtotal: 2599, shipping: 400, total: 2999 });
    expect(q.stores[1]).toMatchObject({ subtotal: 900, shipping: 250, total: 1150 });
    expect(q).toMatchObject({ subtotal: 3499, shipping: 650, total: 4149 });
    expectConsistent(q);
  });

  it('skips zero-quantity lines and refuses non-integer or negative money', () => {
    const q = quoteCart(base({ lines: [line('A', { quantity: 0 })] }));
    expect(q.stores).toEqual([]);
    expect(() => quoteCart(base({ lines: [line('A', { unitPrice: 10.5 })] }))).toThrow(RangeError);
    expect(() => quoteCart(base({ lines: [line('A', { unitPrice: -1 })] }))).toThrow(RangeError);
    expect(() => quoteCart(base({ lines: [line('A', { quantity: 1.5 })] }))).toThrow(RangeError);
    expect(() => quoteCart(base({ lines: [line('A')], discounts: [{ storeId: null, amount: -5, label: 'x' }] }))).toThrow(RangeError);
  });

  describe('shipping', () => {
    it('charges a flat rate per sub-order, whatever the quantity', () => {
      const q = quoteCart(base({ lines: [line('A', { quantity: 5, weightGrams: 5000 })], shippingRates: [rate('A', { amount: 599 })] }));
      expect(q.stores[0]!.shipping).toBe(599);
    });

    it('charges weight rates per started kilogram of the whole parcel', () => {
      const express = (grams: number, quantity = 1) =>
        quoteCart(
          base({
            lines: [line('A', { weightGrams: grams, quantity })],
            shippingRates: [rate('A', { kind: 'weight', amount: 1299, perKgAmount: 200 })],
          }),
        ).stores[0]!.shipping;
      expect(express(0)).toBe(1299);
      expect(express(1)).toBe(1299 + 200);
      expect(express(1000)).toBe(1299 + 200);
      expect(express(1001)).toBe(1299 + 400);
      expect(express(400, 3)).toBe(1299 + 400); // 1200 g
      expect(express(2500, 2)).toBe(1299 + 1000); // 5000 g
    });

    it('sums the weight of every line of the store, not of other stores', () => {
      const q = quoteCart(
        base({
          lines: [line('A', { weightGrams: 600 }), line('A', { weightGrams: 600 }), line('B', { weightGrams: 9000 })],
          shippingRates: [rate('A', { kind: 'weight', amount: 100, perKgAmount: 50 }), rate('B', { amount: 10 })],
        }),
      );
      expect(q.stores[0]!.shipping).toBe(100 + 2 * 50);
      expect(q.stores[1]!.shipping).toBe(10);
    });

    it('is free when the store subtotal reaches free_over (at, not only above)', () => {
      const standard = (unitPrice: number) =>
        quoteCart(base({ lines: [line('A', { unitPrice })], shippingRates: [rate('A', { amount: 599, freeOver: 7500 })] })).stores[0]!.shipping;
      expect(standard(7499)).toBe(599);
      expect(standard(7500)).toBe(0);
      expect(standard(7501)).toBe(0);
    });

    it('applies free_over to the store subtotal, not the cart total', () => {
      const q = quoteCart(
        base({
          lines: [line('A', { unitPrice: 5000 }), line('B', { unitPrice: 5000 })],
          shippingRates: [rate('A', { amount: 599, freeOver: 7500 }), rate('B', { amount: 599, freeOver: 7500 })],
        }),
      );
      expect(q.stores.map((s) => s.shipping)).toEqual([599, 599]);
    });

    it('applies free_over to weight rates too', () => {
      const q = quoteCart(
        base({ lines: [line('A', { unitPrice: 10_000, weightGrams: 3000 })], shippingRates: [rate('A', { kind: 'weight', amount: 1299, perKgAmount: 200, freeOver: 10_000 })] }),
      );
      expect(q.stores[0]!.shipping).toBe(0);
    });

    it('honours a valid selection and falls back to the cheapest for a missing or invalid one', () => {
      const standard = rate('A', { name: 'Standard', amount: 599, position: 0 });
      const express = rate('A', { name: 'Express', kind: 'weight', amount: 1299, perKgAmount: 200, minDays: 1, maxDays: 2, position: 1 });
      const other = rate('B', { name: 'Other store', amount: 1 });
      const quote = (selections: Record<string, string>) => quoteCart(base({ lines: [line('A', { weightGrams: 1500 })], shippingRates: [express, standard, other], selections }));

      const chosen = quote({ A: express.id });
      expect(chosen.stores[0]).toMatchObject({ shippingRateId: express.id, shippingName: 'Express', shipping: 1299 + 400 });
      expect(chosen.options.A).toEqual([
        { rateId: standard.id, name: 'Standard', amount: 599, minDays: 3, maxDays: 7 },
        { rateId: express.id, name: 'Express', amount: 1699, minDays: 1, maxDays: 2 },
      ]);
      expect(chosen.missingShipping).toEqual([]);
      expect(quote({}).stores[0]).toMatchObject({ shippingRateId: standard.id, shipping: 599 });
      expect(quote({ A: 'no-such-rate' }).stores[0]).toMatchObject({ shippingRateId: standard.id });
      // Another store's rate is not a valid choice for this store.
      expect(quote({ A: other.id }).stores[0]).toMatchObject({ shippingRateId: standard.id });
    });

    it('orders options cheapest first, equal prices in the seller’s order', () => {
      const r1 = rate('A', { name: 'B-second', amount: 500, position: 2 });
      const r2 = rate('A', { name: 'A-first', amount: 500, position: 1 });
      const r3 = rate('A', { name: 'Cheap', amount: 100, position: 3 });
      const q = quoteCart(base({ lines: [line('A')], shippingRates: [r1, r2, r3] }));
      expect(q.options.A!.map((o) => o.name)).toEqual(['Cheap', 'A-first', 'B-second']);
    });

    it('ignores inactive rates and rates that do not serve the destination country', () => {
      const usOnly = rate('A', { name: 'US', amount: 300, countries: ['US'] });
      const euOnly = rate('A', { name: 'EU', amount: 200, countries: ['DE', 'FR'] });
      const anywhere = rate('A', { name: 'World', amount: 2500 });
      const off = rate('A', { name: 'Off', amount: 1, active: false });
      const quote = (country: string) => quoteCart(base({ lines: [line('A')], destination: { country }, shippingRates: [usOnly, euOnly, anywhere, off] }));
      expect(quote('US').options.A!.map((o) => o.name)).toEqual(['US', 'World']);
      expect(quote('de').options.A!.map((o) => o.name)).toEqual(['EU', 'World']);
      expect(quote('JP').options.A!.map((o) => o.name)).toEqual(['World']);
    });

    it('reports a store with rates but none for the destination as missing shipping', () => {
      const q = quoteCart(
        base({
          lines: [line('A', { unitPrice: 1000 }), line('B')],
          destination: { country: 'JP' },
          shippingRates: [rate('A', { countries: ['US'] }), rate('B', { amount: 700 })],
        }),
      );
      expect(q.missingShipping).toEqual(['A']);
      expect(q.options.A).toEqual([]);
      expect(q.stores[0]).toMatchObject({ shippingRateId: null, shippingName: '', shipping: 0, total: 1000 });
      expect(q.stores[1]).toMatchObject({ shipping: 700 });
      expectConsistent(q);
    });

    it('gives a store without any active rate the platform default', () => {
      const q = quoteCart(base({ lines: [line('A')], destination: { country: 'US' }, shippingRates: [rate('A', { active: false }), rate('B')] }));
      expect(q.options.A).toEqual([DEFAULT_SHIPPING_OPTION]);
      expect(q.stores[0]).toMatchObject({ shippingRateId: null, shippingName: 'Standard shipping', shipping: 599 });
      expect(q.missingShipping).toEqual([]);
      const none = quoteCart(base({ lines: [line('C')], destination: null }));
      expect(none.stores[0]!.shipping).toBe(DEFAULT_SHIPPING_OPTION.amount);
    });

    it('estimates without a destination from the cheapest option of any country and no tax', () => {
      const q = quoteCart(
        base({
          lines: [line('A', { unitPrice: 2000 })],
          destination: null,
          shippingRates: [rate('A', { amount: 900 }), rate('A', { amount: 450, countries: ['GB'] })],
          taxRates: [taxRate('US', '', 500), taxRate('GB', '', 2000, true)],
        }),
      );
      expect(q.stores[0]).toMatchObject({ shipping: 450, tax: 0, total: 2450 });
    });
  });

  describe('tax', () => {
    const rates = [taxRate('US', 'CA', 725), taxRate('US', 'NY', 400), taxRate('US', '', 0), taxRate('CA', '', 500), taxRate('GB', '', 2000, true), taxRate('DE', '', 1900, true)];

    it('prefers the region rate over the country rate, and falls back to the country', () => {
      expect(findTaxRate(rates, { country: 'US', region: 'CA' })?.rateBps).toBe(725);
      expect(findTaxRate(rates, { country: 'us', region: ' ny ' })?.rateBps).toBe(400);
      expect(findTaxRate(rates, { country: 'US', region: 'OR' })?.rateBps).toBe(0);
      expect(findTaxRate(rates, { country: 'US' })?.region).toBe('');
      expect(findTaxRate(rates, { country: 'US', region: null })?.region).toBe('');
      // A region name from another country does not match.
      expect(findTaxRate(rates, { country: 'CA', region: 'CA' })?.rateBps).toBe(500);
      expect(findTaxRate(rates, { country: 'JP', region: 'CA' })).toBeNull();
      expect(findTaxRate(rates, null)).toBeNull();
      // A region rate without a country rate still applies to its region only.
      expect(findTaxRate([taxRate('AU', 'NSW', 1000)], { country: 'AU', region: 'VIC' })).toBeNull();
      expect(findTaxRate([taxRate('AU', 'NSW', 1000)], { country: 'AU', region: 'NSW' })?.rateBps).toBe(1000);
    });

    it('rounds tax half up per line, not on the sum', () => {
      // Two lines of 72.5 → 73 each = 146; on the sum it would be 145.
      const q = quoteCart(
        base({
          lines: [line('A', { unitPrice: 1000 }), line('A', { unitPrice: 500, quantity: 2 })],
          destination: { country: 'US', region: 'CA' },
          taxRates: rates,
          shippingRates: [rate('A', { amount: 1000 })],
        }),
      );
      expect(q.stores[0]!.lines.map((l) => l.tax)).toEqual([73, 73]);
      // US-CA does not tax shipping.
      expect(q.stores[0]).toMatchObject({ subtotal: 2000, shipping: 1000, tax: 146, total: 3146 });
      expectConsistent(q);
    });

    it('taxes shipping only when the rate applies to shipping', () => {
      const quote = (country: string) =>
        quoteCart(
          base({ lines: [line('A', { unitPrice: 999 })], destination: { country }, taxRates: rates, shippingRates: [rate('A', { amount: 599 })] }),
        ).stores[0]!;
      // GB 20 %: 199.8 → 200 on the line, 119.8 → 120 on shipping.
      expect(quote('GB')).toMatchObject({ shipping: 599, tax: 200 + 120, total: 999 + 599 + 320 });
      // CA (Canada) 5 %: 49.95 → 50 on the line, shipping untaxed.
      expect(quote('CA')).toMatchObject({ tax: 50 });
      expect(quote('JP')).toMatchObject({ tax: 0 });
    });

    it('does not tax free shipping', () => {
      const q = quoteCart(
        base({ lines: [line('A', { unitPrice: 8000 })], destination: { country: 'DE' }, taxRates: rates, shippingRates: [rate('A', { amount: 599, freeOver: 7500 })] }),
      );
      expect(q.stores[0]).toMatchObject({ shipping: 0, tax: 1520 });
    });

    it('taxes each store’s shipping separately', () => {
      const q = quoteCart(
        base({
          lines: [line('A', { unitPrice: 100 }), line('B', { unitPrice: 100 })],
          destination: { country: 'GB' },
          taxRates: rates,
          shippingRates: [rate('A', { amount: 599 }), rate('B', { amount: 1299 })],
        }),
      );
      expect(q.stores.map((s) => s.tax)).toEqual([20 + 120, 20 + 260]);
      expectConsistent(q);
    });
  });

  describe('discounts (placeholder)', () => {
    it('takes a store discount off that store only, capped at its total', () => {
      const q = quoteCart(
        base({
          lines: [line('A', { unitPrice: 1000 }), line('B', { unitPrice: 1000 })],
          shippingRates: [rate('A', { amount: 0 }), rate('B', { amount: 0 })],
          discounts: [
            { storeId: 'A', amount: 250, label: 'A sale' },
            { storeId: 'B', amount: 5000, label: 'Too much' },
            { storeId: 'Z', amount: 100, label: 'Not in cart' },
          ],
        }),
      );
      expect(q.stores.map((s) => [s.discount, s.total])).toEqual([
        [250, 750],
        [1000, 0],
      ]);
      expect(q).toMatchObject({ discount: 1250, total: 750 });
      expectConsistent(q);
    });

    it('spreads a platform discount over the stores in order without going below zero', () => {
      const q = quoteCart(
        base({
          lines: [line('A', { unitPrice: 300 }), line('B', { unitPrice: 1000 })],
          shippingRates: [rate('A', { amount: 0 }), rate('B', { amount: 100 })],
          discounts: [{ storeId: null, amount: 500, label: 'Welcome' }],
        }),
      );
      expect(q.stores.map((s) => s.discount)).toEqual([300, 200]);
      expect(q.total).toBe(300 + 1100 - 500);
      const huge = quoteCart(base({ lines: [line('A')], discounts: [{ storeId: null, amount: 10 ** 9, label: 'All' }] }));
      expect(huge.total).toBe(0);
      expectConsistent(huge);
    });
  });

  it('keeps every total consistent for random carts', () => {
    const stores = ['A', 'B', 'C'];
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            storeId: fc.constantFrom(...stores),
            unitPrice: fc.integer({ min: 0, max: 500_000 }),
            quantity: fc.integer({ min: 0, max: 99 }),
            weightGrams: fc.integer({ min: 0, max: 20_000 }),
          }),
          { maxLength: 12 },
        ),
        fc.array(
          fc.record({
            storeId: fc.constantFrom(...stores),
            kind: fc.constantFrom('flat' as const, 'weight' as const),
            amount: fc.integer({ min: 0, max: 5000 }),
            perKgAmount: fc.integer({ min: 0, max: 1000 }),
            freeOver: fc.option(fc.integer({ min: 0, max: 100_000 }), { nil: null }),
            countries: fc.constantFrom([], ['US'], ['GB', 'DE']),
            active: fc.boolean(),
          }),
          { maxLength: 6 },
        ),
        fc.option(fc.record({ country: fc.constantFrom('US', 'GB', 'DE', 'JP'), region: fc.constantFrom(null, 'CA', 'NY', 'XX') }), { nil: null }),
        fc.array(fc.record({ storeId: fc.constantFrom(null, ...stores), amount: fc.integer({ min: 0, max: 100_000 }), label: fc.constant('d') }), { maxLength: 3 }),
        (lines, rateSpecs, destination, discounts) => {
          const shippingRates = rateSpecs.map((r) => rate(r.storeId, { ...r, countries: [...r.countries] }));
          const taxRates = [taxRate('US', 'CA', 725), taxRate('US', '', 0), taxRate('GB', '', 2000, true), taxRate('DE', '', 1900, true)];
          const q = quoteCart(base({ lines: lines.map((l) => line(l.storeId, l)), destination, shippingRates, taxRates, discounts }));
          expectConsistent(q);
          for (const s of q.stores) {
            const opts = q.options[s.storeId]!;
            if (opts.length) expect(s.shipping).toBe(Math.min(...opts.map((o) => o.amount)));
            else expect(q.missingShipping).toContain(s.storeId);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
