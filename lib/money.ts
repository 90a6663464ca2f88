/** Formats integer minor units, e.g. formatMoney(4999, 'USD') → "$49.99". */
export function formatMoney(amount: number, currency = 'USD', locale = 'en-US'): string {
  const format = new Intl.NumberFormat(locale, { style: 'currency', currency });
  // Minor units per major unit follow the currency (JPY has none, KWD has three).
  return format.format(amount / 10 ** format.resolvedOptions().maximumFractionDigits!);
}

/** Percentage saved when a compare-at price is above the price; 0 otherwise. */
export function discountPercent(price: number, compareAt: number | null | undefined): number {
  if (!compareAt || compareAt <= price) return 0;
  return Math.round(((compareAt - price) / compareAt) * 100);
}
