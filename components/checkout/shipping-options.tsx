'use client';

import type { Quote } from '@/lib/pricing/quote';
import { formatMoney } from '@/lib/money';

/** The radio value of the platform's default option, which has no rate id. */
export const DEFAULT_RATE = 'default';

export const days = (min: number, max: number) => (min === max ? `${min} business ${min === 1 ? 'day' : 'days'}` : `${min}–${max} business days`);

/** One radio group per seller: every option the quote offers for the destination, with price and delivery time. */
export function ShippingOptions({ quote, selections, onSelect }: { quote: Quote; selections: Record<string, string>; onSelect: (storeId: string, rateId: string) => void }) {
  return (
    <div className="space-y-5">
      {quote.stores.map((store) => {
        const options = quote.options[store.storeId] ?? [];
        // The shopper's pick shows at once; the quote catches up (and wins if that option is gone).
        const wanted = selections[store.storeId];
        const chosen = wanted && options.some((o) => (o.rateId ?? DEFAULT_RATE) === wanted) ? wanted : (store.shippingRateId ?? DEFAULT_RATE);
        const count = store.lines.reduce((n, l) => n + l.quantity, 0);
        return (
          <fieldset key={store.storeId} className="rounded-lg border border-slate-200 p-4" data-testid="shipping-group">
            <legend className="px-1 text-sm font-semibold">
              From {store.storeName} ({count} {count === 1 ? 'item' : 'items'})
            </legend>
            {options.length ? (
              <div className="mt-1 space-y-2">
                {options.map((o) => {
                  const value = o.rateId ?? DEFAULT_RATE;
                  const id = `ship-${store.storeId}-${value}`;
                  return (
                    <div key={value} className="flex items-start gap-3 rounded-md p-2 has-[:checked]:bg-brand-50">
                      <input
                        id={id}
                        type="radio"
                        name={`shipping-${store.storeId}`}
                        value={value}
                        checked={chosen === value}
                        onChange={() => onSelect(store.storeId, value)}
                        className="mt-1 size-4"
                      />
                      <label htmlFor={id} className="flex flex-1 flex-wrap justify-between gap-x-4 text-sm">
                        <span>
                          <span className="font-medium">{o.name}</span>
                          <span className="block text-slate-700">{days(o.minDays, o.maxDays)}</span>
                        </span>
                        <span className="font-medium">{o.amount ? formatMoney(o.amount, quote.currency) : 'Free'}</span>
                      </label>
                    </div>
                  );
                })}
              </div>
            ) : (
              <p className="text-sm text-sale">This seller does not ship to that address. Change the address or remove its items from your cart.</p>
            )}
          </fieldset>
        );
      })}
    </div>
  );
}
