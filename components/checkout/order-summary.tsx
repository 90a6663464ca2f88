import { formatMoney } from '@/lib/money';
import type { Quote } from '@/lib/pricing/quote';

/** Subtotal, shipping, tax and total from the quote (the same numbers the order will freeze). */
export function OrderTotals({ quote, taxKnown, shippingKnown }: { quote: Quote; taxKnown: boolean; shippingKnown: boolean }) {
  const money = (n: number) => formatMoney(n, quote.currency);
  const items = quote.stores.reduce((n, s) => n + s.lines.reduce((m, l) => m + l.quantity, 0), 0);
  return (
    <dl className="space-y-2 text-sm">
      <div className="flex justify-between">
        <dt>
          Subtotal ({items} {items === 1 ? 'item' : 'items'})
        </dt>
        <dd>{money(quote.subtotal)}</dd>
      </div>
      <div className="flex justify-between">
        <dt>{shippingKnown ? 'Shipping' : 'Shipping (estimate)'}</dt>
        <dd>{quote.shipping ? money(quote.shipping) : 'Free'}</dd>
      </div>
      <div className="flex justify-between">
        <dt>Tax</dt>
        <dd>{taxKnown ? money(quote.tax) : 'After the address'}</dd>
      </div>
      {quote.discount ? (
        <div className="flex justify-between text-green-800">
          <dt>Discount</dt>
          <dd>−{money(quote.discount)}</dd>
        </div>
      ) : null}
      <div className="flex justify-between border-t border-slate-200 pt-2 text-base font-semibold">
        <dt>Total</dt>
        <dd>{money(quote.total)}</dd>
      </div>
    </dl>
  );
}

/** The review step's lines, grouped by seller as the order will be (one sub-order each). */
export function ReviewLines({ quote }: { quote: Quote }) {
  const money = (n: number) => formatMoney(n, quote.currency);
  return (
    <div className="space-y-4">
      {quote.stores.map((s) => (
        <section key={s.storeId} aria-label={`Items from ${s.storeName}`} className="rounded-lg border border-slate-200" data-testid="review-store">
          <h3 className="border-b border-slate-200 bg-slate-50 px-4 py-2 text-sm font-semibold">Sold by {s.storeName}</h3>
          <ul className="divide-y divide-slate-200">
            {s.lines.map((l) => (
              <li key={l.variantId} className="flex justify-between gap-4 px-4 py-3 text-sm">
                <span className="min-w-0">
                  <span className="block font-medium">{l.title}</span>
                  <span className="block text-slate-700">
                    {l.variantTitle ? `${l.variantTitle} · ` : ''}
                    {l.quantity} × {money(l.unitPrice)}
                  </span>
                </span>
                <span className="font-medium">{money(l.lineTotal)}</span>
              </li>
            ))}
          </ul>
          <p className="flex justify-between border-t border-slate-200 px-4 py-2 text-sm text-slate-700">
            <span>{s.shippingName || 'Shipping'}</span>
            <span>{s.shipping ? money(s.shipping) : 'Free'}</span>
          </p>
        </section>
      ))}
    </div>
  );
}
