import { formatMoney } from '@/lib/money';
import type { StoreOrderView } from '@/lib/orders/queries';
import { OrderStatusBadge } from './status-badge';
import { LineThumbnail } from './thumbnail';

/** One seller's part of an order: its status, shipping method and lines. */
export function StoreOrderCard({ part, currency, showStatus = true }: { part: StoreOrderView; currency: string; showStatus?: boolean }) {
  const money = (n: number) => formatMoney(n, currency);
  const headingId = `store-order-${part.id}`;
  const eta = part.shippingMethod.maxDays > 0 ? ` · ${part.shippingMethod.minDays}–${part.shippingMethod.maxDays} days` : '';
  return (
    <section aria-labelledby={headingId} className="rounded-lg border border-slate-200" data-testid="store-order">
      <header className="flex flex-wrap items-start justify-between gap-2 border-b border-slate-200 bg-slate-50 px-4 py-3">
        <div className="min-w-0">
          <h3 id={headingId} className="font-semibold">
            Sold by {part.storeName}
          </h3>
          <p className="text-sm text-slate-700">
            {part.number} · {part.shippingMethod.name}
            {eta}
          </p>
        </div>
        {showStatus ? <OrderStatusBadge status={part.status} /> : null}
      </header>
      <ul className="divide-y divide-slate-200">
        {part.items.map((l) => (
          <li key={l.id} className="flex gap-3 px-4 py-3">
            <LineThumbnail src={l.imageUrl} />
            <div className="min-w-0 flex-1">
              <p className="font-medium break-words">{l.title}</p>
              {l.variantTitle ? <p className="text-sm text-slate-700 break-words">{l.variantTitle}</p> : null}
              <p className="text-sm text-slate-700">
                {l.quantity} × {money(l.unitPrice)}
                {l.quantityFulfilled > 0 && l.quantityFulfilled < l.quantity ? ` · ${l.quantityFulfilled} of ${l.quantity} shipped` : null}
                {l.quantityCancelled > 0 ? ` · ${l.quantityCancelled} cancelled` : null}
              </p>
            </div>
            <p className="shrink-0 text-right font-medium tabular-nums">{money(l.lineTotal)}</p>
          </li>
        ))}
      </ul>
    </section>
  );
}
