import Link from 'next/link';
import type { ReactNode } from 'react';
import { AddressView } from '@/components/orders/address';
import { formatDay, formatDayTime, safeHttpUrl } from '@/components/orders/format';
import { OrderStatusBadge } from '@/components/orders/status-badge';
import { LineThumbnail } from '@/components/orders/thumbnail';
import { OrderTimeline } from '@/components/orders/timeline';
import { TotalsTable } from '@/components/orders/totals-table';
import { Section } from '@/components/seller-catalog/ui';
import type { SellerOrderDetail } from '@/lib/fulfilment/queries';
import { closedReason, isOpenStatus } from '@/lib/fulfilment/status';
import { formatMoney } from '@/lib/money';
import { CancelLineForm } from './cancel-line-form';
import { FulfilForm } from './fulfil-form';
import { MarkDeliveredButton, RetryRefundButton } from './row-actions';

const CANCELLATION_STATUS: Record<SellerOrderDetail['cancellations'][number]['status'], ReactNode> = {
  refunded: <span className="text-green-800">Refunded</span>,
  refund_pending: <span className="text-amber-800">Refund pending</span>,
  no_refund: <span className="text-slate-700">Nothing to refund</span>,
};

/** One store order as its seller works on it: lines, shipping, parcels, cancellations, timeline. */
export function SellerOrderView({ order: o, storeId }: { order: SellerOrderDetail; storeId: string }) {
  const money = (n: number) => formatMoney(n, o.currency);
  const open = isOpenStatus(o.status);
  const openLines = o.lines.filter((l) => l.openUnits > 0);
  const eta = o.shippingMethod.maxDays > 0 ? ` (${o.shippingMethod.minDays}–${o.shippingMethod.maxDays} days)` : '';
  return (
    <div className="mt-4 space-y-6">
      <div className="flex flex-wrap items-center gap-3">
        <h2 className="text-xl font-semibold">{o.number}</h2>
        <OrderStatusBadge status={o.status} />
        <p className="text-sm text-slate-700">
          Placed <time dateTime={o.createdAt.toISOString()}>{formatDayTime(o.createdAt)}</time> · {o.shippingMethod.name}
          {eta}
        </p>
      </div>

      <div className="grid gap-6 lg:grid-cols-[1fr_20rem]">
        <div className="min-w-0 space-y-6">
          <Section id="lines" title="Items">
            <ul className="divide-y divide-slate-200">
              {o.lines.map((l) => (
                <li key={l.id} className="flex gap-3 py-3" data-testid="seller-order-line">
                  <LineThumbnail src={l.imageUrl} />
                  <div className="min-w-0 flex-1">
                    <p className="font-medium break-words">{l.title}</p>
                    <p className="text-sm text-slate-700">
                      {l.variantTitle ? `${l.variantTitle} · ` : ''}SKU {l.sku}
                    </p>
                    <p className="text-sm text-slate-700">
                      {l.quantity} × {money(l.unitPrice)}
                      <span className="text-slate-600">
                        {' '}
                        · {l.quantityFulfilled} shipped{l.quantityCancelled ? ` · ${l.quantityCancelled} cancelled` : ''} · <strong>{l.openUnits} to ship</strong>
                      </span>
                    </p>
                    {open && l.openUnits > 0 ? <CancelLineForm storeId={storeId} storeOrderId={o.id} line={l} currency={o.currency} /> : null}
                  </div>
                  <p className="shrink-0 text-right font-medium tabular-nums">{money(l.lineTotal)}</p>
                </li>
              ))}
            </ul>
          </Section>

          <Section id="ship" title="Ship" description={open && openLines.length ? 'Record a parcel: the shopper gets an email with the tracking details.' : undefined}>
            {open && openLines.length ? (
              <FulfilForm storeId={storeId} storeOrderId={o.id} lines={openLines} />
            ) : (
              <p className="text-sm text-slate-700">{open ? 'Everything in this order has shipped or was cancelled.' : closedReason(o.status)}</p>
            )}
          </Section>

          <Section id="parcels" title="Parcels">
            {o.shipments.length ? (
              <ul className="divide-y divide-slate-200">
                {o.shipments.map((s) => {
                  const url = safeHttpUrl(s.trackingUrl);
                  return (
                    <li key={s.id} className="flex flex-wrap items-start justify-between gap-3 py-3 text-sm" data-testid="shipment">
                      <div className="min-w-0">
                        <p className="font-medium">
                          {s.carrier} ·{' '}
                          {url ? (
                            <a href={url} target="_blank" rel="noopener noreferrer" className="font-mono text-brand-700 underline">
                              {s.trackingNumber}
                              <span className="sr-only"> (opens the carrier’s site)</span>
                            </a>
                          ) : (
                            <span className="font-mono">{s.trackingNumber}</span>
                          )}
                        </p>
                        <p className="text-slate-700">{s.items.map((i) => `${i.quantity} × ${i.title}${i.variantTitle ? ` (${i.variantTitle})` : ''}`).join(', ')}</p>
                        <p className="text-slate-600">
                          Shipped <time dateTime={s.shippedAt.toISOString()}>{formatDay(s.shippedAt)}</time>
                          {s.deliveredAt ? (
                            <>
                              {' '}
                              · delivered <time dateTime={s.deliveredAt.toISOString()}>{formatDay(s.deliveredAt)}</time>
                            </>
                          ) : null}
                        </p>
                      </div>
                      {s.deliveredAt ? null : <MarkDeliveredButton storeId={storeId} shipmentId={s.id} label={`${s.carrier} ${s.trackingNumber}`} />}
                    </li>
                  );
                })}
              </ul>
            ) : (
              <p className="text-sm text-slate-700">Nothing shipped yet.</p>
            )}
          </Section>

          {o.cancellations.length ? (
            <Section id="cancellations" title="Cancellations">
              <ul className="divide-y divide-slate-200">
                {o.cancellations.map((c) => (
                  <li key={c.id} className="flex flex-wrap items-start justify-between gap-3 py-3 text-sm" data-testid="cancellation">
                    <div className="min-w-0">
                      <p className="font-medium">
                        {c.quantity} × {c.title} · {money(c.amount)}
                      </p>
                      <p className="text-slate-700">{c.reason}</p>
                      <p className="text-slate-600">
                        <time dateTime={c.createdAt.toISOString()}>{formatDayTime(c.createdAt)}</time> · {CANCELLATION_STATUS[c.status]}
                      </p>
                    </div>
                    {c.status === 'refund_pending' ? <RetryRefundButton storeId={storeId} cancellationId={c.id} /> : null}
                  </li>
                ))}
              </ul>
            </Section>
          ) : null}
        </div>

        <aside className="space-y-6">
          <Section id="ship-to" title="Ship to">
            <AddressView address={o.shippingAddress} />
          </Section>
          <Section id="totals" title="Totals">
            <TotalsTable totals={o} caption="Totals of this store’s part of the order" />
          </Section>
          <Section id="timeline" title="Timeline">
            <OrderTimeline order={{ status: o.status, events: o.events, stores: [], currency: o.currency, placedAt: o.createdAt }} />
          </Section>
        </aside>
      </div>
    </div>
  );
}

export function BackToOrders({ href }: { href: string }) {
  return (
    <p className="text-sm">
      <Link href={href} className="text-brand-700 underline">
        ← All orders
      </Link>
    </p>
  );
}
