// Building an Intl.NumberFormat costs far more than formatting with one (a 50-row seller list
// spent ~5% of its server CPU here), so one per locale and currency is kept.
const formats = new Map<string, Intl.NumberFormat>();

/** Formats integer minor units, e.g. formatMoney(4999, 'USD') → "$49.99". */
export function formatMoney(amount: number, currency = 'USD', locale = 'en-US'): string {
  const key = `${locale}|${currency}`;
  let format = formats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(locale, { style: 'currency', currency });
    formats.set(key, format);
  }
  // Minor units per major unit follow the currency (JPY has none, KWD has three).
  return format.format(amount / 10 ** format.resolvedOptions().maximumFractionDigits!);
}

/** Percentage saved when a compare-at price is above the price; 0 otherwise. */
export function discountPercent(price: number, compareAt: number | null | undefined): number {
  if (!compareAt || compareAt <= price) return 0;
  return Math.round(((compareAt - price) / compareAt) * 100);
}
