import type { QuoteSnapshot, ShippingRate, TaxRate } from '@/db/schema/checkout';

/**
 * The one pricing module: the cart page, checkout and the public API all price through
 * `quoteCart`, and the checkout freezes its result on the order. Pure and synchronous; every
 * amount is an integer in minor units, and at every level total = subtotal + shipping + tax −
 * discount (the `orders` and `store_orders` tables CHECK exactly this).
 */

export type PricingLine = {
  variantId: string;
  productId: string;
  storeId: string;
  storeName: string;
  title: string;
  variantTitle: string;
  sku: string;
  imageUrl: string | null;
  unitPrice: number;
  quantity: number;
  weightGrams: number;
};
export type Destination = { country: string; region?: string | null };
export type ShippingOption = { rateId: string | null; name: string; amount: number; minDays: number; maxDays: number };
export type Quote = QuoteSnapshot & {
  /** Every shipping option per store, cheapest first; the chosen one is in `stores[].shippingRateId`. */
  options: Record<string, ShippingOption[]>;
  /** Stores that cannot ship to the destination (no option at all): checkout must refuse. */
  missingShipping: string[];
};
export type QuoteDiscount = { storeId: string | null; amount: number; label: string };
export type QuoteInput = {
  currency: string;
  lines: PricingLine[];
  destination: Destination | null;
  shippingRates: ShippingRate[];
  taxRates: TaxRate[];
  /** storeId → chosen `rateId`. Missing or invalid → the store's cheapest option. */
  selections: Record<string, string>;
  /** Placeholder for the promotions work: a storeId scopes it to one seller, null spreads it over all. */
  discounts?: QuoteDiscount[];
};

/**
 * What a seller with no active shipping rates charges: a platform default, so a store that has
 * not configured shipping yet can still sell. Its `rateId` is null.
 */
export const DEFAULT_SHIPPING_OPTION: ShippingOption = Object.freeze({ rateId: null, name: 'Standard shipping', amount: 599, minDays: 3, maxDays: 7 });

/** Round half up of n × bps / 10 000 for non-negative integers, exact (no float division). */
export function applyBps(n: number, bps: number): number {
  const scaled = n * bps + 5000;
  return (scaled - (scaled % 10_000)) / 10_000;
}

function assertMinor(value: number, what: string): void {
  if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`quoteCart: ${what} must be a non-negative integer (got ${value})`);
}

const norm = (s: string | null | undefined) => (s ?? '').trim().toUpperCase();

/** The cost of one rate for a store's parcel, or null when the rate does not serve the country. */
function priceRate(rate: ShippingRate, country: string | null, subtotal: number, grams: number): ShippingOption | null {
  if (country && rate.countries.length && !rate.countries.some((c) => norm(c) === country)) return null;
  let amount = rate.amount;
  if (rate.kind === 'weight') amount += rate.perKgAmount * Math.ceil(grams / 1000);
  if (rate.freeOver != null && subtotal >= rate.freeOver) amount = 0;
  return { rateId: rate.id, name: rate.name, amount, minDays: rate.minDays, maxDays: rate.maxDays };
}

/** The destination's tax rate: its region's if one exists, else its country's (region ''), else none. */
export function findTaxRate(taxRates: readonly TaxRate[], destination: Destination | null): TaxRate | null {
  if (!destination) return null;
  const country = norm(destination.country);
  const region = norm(destination.region);
  const inCountry = taxRates.filter((r) => norm(r.country) === country);
  return (region ? inCountry.find((r) => norm(r.region) === region) : undefined) ?? inCountry.find((r) => norm(r.region) === '') ?? null;
}

export function quoteCart(input: QuoteInput): Quote {
  const country = input.destination ? norm(input.destination.country) : null;
  const tax = findTaxRate(input.taxRates, input.destination);
  const bps = tax?.rateBps ?? 0;

  // One sub-order per seller, in the order the stores first appear in the cart.
  const groups = new Map<string, PricingLine[]>();
  for (const line of input.lines) {
    assertMinor(line.unitPrice, 'unitPrice');
    assertMinor(line.quantity, 'quantity');
    assertMinor(line.weightGrams, 'weightGrams');
    if (line.quantity === 0) continue;
    const group = groups.get(line.storeId);
    if (group) group.push(line);
    else groups.set(line.storeId, [line]);
  }

  const options: Record<string, ShippingOption[]> = {};
  const missingShipping: string[] = [];
  const stores: QuoteSnapshot['stores'] = [];

  for (const [storeId, lines] of groups) {
    const priced = lines.map((l) => {
      const lineTotal = l.unitPrice * l.quantity;
      return {
        variantId: l.variantId,
        productId: l.productId,
        title: l.title,
        variantTitle: l.variantTitle,
        sku: l.sku,
        imageUrl: l.imageUrl,
        unitPrice: l.unitPrice,
        quantity: l.quantity,
        lineTotal,
        tax: applyBps(lineTotal, bps),
      };
    });
    const subtotal = priced.reduce((s, l) => s + l.lineTotal, 0);
    const grams = lines.reduce((s, l) => s + l.weightGrams * l.quantity, 0);

    const rates = input.shippingRates.filter((r) => r.storeId === storeId && r.active).sort((a, b) => a.position - b.position || a.name.localeCompare(b.name));
    const storeOptions = rates.length
      ? rates.map((r) => priceRate(r, country, subtotal, grams)).filter((o): o is ShippingOption => o !== null)
      : [{ ...DEFAULT_SHIPPING_OPTION }];
    // Stable sort: equal prices keep the seller's order.
    storeOptions.sort((a, b) => a.amount - b.amount);
    options[storeId] = storeOptions;

    const wanted = input.selections[storeId];
    const chosen = storeOptions.find((o) => wanted !== undefined && o.rateId === wanted) ?? storeOptions[0] ?? null;
    if (!chosen) missingShipping.push(storeId);
    const shipping = chosen?.amount ?? 0;
    const shippingTax = tax?.appliesToShipping ? applyBps(shipping, bps) : 0;
    const storeTax = priced.reduce((s, l) => s + l.tax, 0) + shippingTax;

    stores.push({
      storeId,
      storeName: lines[0]!.storeName,
      shippingRateId: chosen?.rateId ?? null,
      shippingName: chosen?.name ?? '',
      subtotal,
      shipping,
      tax: storeTax,
      discount: 0,
      total: subtotal + shipping + storeTax,
      lines: priced,
    });
  }

  applyDiscounts(stores, input.discounts ?? []);

  const sum = (k: 'subtotal' | 'shipping' | 'tax' | 'discount' | 'total') => stores.reduce((s, st) => s + st[k], 0);
  return {
    currency: input.currency,
    subtotal: sum('subtotal'),
    shipping: sum('shipping'),
    tax: sum('tax'),
    discount: sum('discount'),
    total: sum('total'),
    stores,
    options,
    missingShipping,
  };
}

/**
 * Placeholder until promotions: a store's discounts come off its total, capped so it never goes
 * below 0; a platform discount (storeId null) is taken from the stores in cart order, each
 * giving what it has left. Tax stays computed on undiscounted prices for now.
 */
function applyDiscounts(stores: QuoteSnapshot['stores'], discounts: readonly QuoteDiscount[]): void {
  const take = (store: QuoteSnapshot['stores'][number], amount: number) => {
    const taken = Math.min(amount, store.total);
    store.discount += taken;
    store.total -= taken;
    return taken;
  };
  for (const d of discounts) {
    assertMinor(d.amount, 'discount amount');
    if (d.storeId !== null) {
      const store = stores.find((s) => s.storeId === d.storeId);
      if (store) take(store, d.amount);
      continue;
    }
    let left = d.amount;
    for (const store of stores) {
      if (left === 0) break;
      left -= take(store, left);
    }
  }
}
