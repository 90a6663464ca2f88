import Link from 'next/link';
import { formatDay } from '@/components/orders/format';
import { OrderStatusBadge } from '@/components/orders/status-badge';
import { Section } from '@/components/seller-catalog/ui';
import { Skeleton } from '@/components/ui/skeleton';
import { getDailySales, getPendingFulfilments, getSalesSummary, getTopProducts, type SalesSummary } from '@/lib/fulfilment/dashboard';
import { formatMoney } from '@/lib/money';
import { getDb } from '@/lib/platform/db';
import { listLowStock } from '@/lib/seller-catalog/low-stock';
import type { StoreScope } from '@/lib/seller-catalog/scope';
import { sellerHref } from '@/lib/sellers/links';
import { SalesChart } from './sales-chart';

const DEFAULT_CURRENCY = 'USD';

/** Net sales today, 7 and 30 days, then the 30-day chart and the best sellers (all in the store's main currency). */
export async function SalesOverview({ scope, storeSlug }: { scope: StoreScope; storeSlug: string }) {
  const db = await getDb();
  const summaries = await getSalesSummary(db, scope);
  const main: SalesSummary = summaries[0] ?? { currency: DEFAULT_CURRENCY, today: { amount: 0, orders: 0 }, last7: { amount: 0, orders: 0 }, last30: { amount: 0, orders: 0 } };
  const [days, top] = await Promise.all([getDailySales(db, scope, main.currency), getTopProducts(db, scope, main.currency)]);
  const money = (n: number) => formatMoney(n, main.currency);
  const cards = [
    { label: 'Today', f: main.today },
    { label: 'Last 7 days', f: main.last7 },
    { label: 'Last 30 days', f: main.last30 },
  ];
  return (
    <>
      <section aria-labelledby="sales-heading">
        <h2 id="sales-heading" className="sr-only">
          Sales
        </h2>
        <dl className="grid gap-4 sm:grid-cols-3">
          {cards.map((c) => (
            <div key={c.label} className="rounded-lg border border-slate-200 bg-white p-4" data-testid="sales-card">
              <dt className="text-sm text-slate-700">Net sales · {c.label}</dt>
              <dd className="mt-1 text-2xl font-semibold tabular-nums">{money(c.f.amount)}</dd>
              <dd className="text-sm text-slate-600">
                {c.f.orders} {c.f.orders === 1 ? 'order' : 'orders'}
              </dd>
            </div>
          ))}
        </dl>
        {summaries.length === 0 ? (
          <p role="status" className="mt-3 rounded-md bg-brand-50 px-3 py-2 text-sm text-brand-800">
            No sales in the last 30 days yet. When shoppers buy your products, sales, best sellers and orders to ship show up here.
          </p>
        ) : null}
        {summaries.length > 1 ? <p className="mt-2 text-sm text-slate-700">Sales in other currencies: {summaries.slice(1).map((s) => formatMoney(s.last30.amount, s.currency)).join(', ')} (last 30 days).</p> : null}
      </section>
      <div className="grid gap-6 lg:grid-cols-[1fr_22rem]">
        <Section id="daily-sales" title="Daily sales" description="Net of refunds, by UTC day.">
          <SalesChart days={days} currency={main.currency} />
        </Section>
        <Section id="top-products" title="Top products" description="Last 30 days, by revenue.">
          {top.length ? (
            <table className="w-full text-left text-sm">
              <caption className="sr-only">Top products in the last 30 days</caption>
              <thead className="text-slate-700">
                <tr>
                  <th scope="col" className="py-1.5 font-medium">
                    Product
                  </th>
                  <th scope="col" className="py-1.5 text-right font-medium">
                    Units
                  </th>
                  <th scope="col" className="py-1.5 text-right font-medium">
                    Revenue
                  </th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {top.map((p) => (
                  <tr key={p.productId ?? p.title}>
                    <td className="max-w-[12rem] truncate py-1.5">
                      {p.productId ? (
                        <Link href={sellerHref(`/seller/products/${p.productId}`, storeSlug)} className="text-brand-700 hover:underline">
                          {p.title}
                        </Link>
                      ) : (
                        p.title
                      )}
                    </td>
                    <td className="py-1.5 text-right tabular-nums">{p.units}</td>
                    <td className="py-1.5 text-right tabular-nums">{money(p.revenue)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : (
            <p className="text-sm text-slate-700">Your best sellers will show here after your first sales.</p>
          )}
        </Section>
      </div>
    </>
  );
}

/** Store orders waiting to ship, longest-waiting first. */
export async function PendingFulfilments({ scope, storeSlug }: { scope: StoreScope; storeSlug: string }) {
  const { count, items } = await getPendingFulfilments(await getDb(), scope);
  return (
    <Section
      id="pending"
      title={`To ship (${count})`}
      actions={
        count ? (
          <Link href={sellerHref('/seller/orders', storeSlug, { status: 'open' })} className="text-sm text-brand-700 underline">
            All orders to ship
          </Link>
        ) : null
      }
    >
      {items.length ? (
        <ul className="divide-y divide-slate-100 text-sm">
          {items.map((o) => (
            <li key={o.id} className="flex flex-wrap items-center justify-between gap-2 py-2" data-testid="pending-order">
              <span className="min-w-0">
                <Link href={sellerHref(`/seller/orders/${o.id}`, storeSlug)} className="font-medium text-brand-700 hover:underline">
                  {o.number}
                </Link>
                <span className="text-slate-700">
                  {' '}
                  · {o.customerName || 'Customer'} · <time dateTime={o.createdAt.toISOString()}>{formatDay(o.createdAt)}</time>
                </span>
              </span>
              <span className="flex items-center gap-2">
                <span className="tabular-nums">{formatMoney(o.total, o.currency)}</span>
                <OrderStatusBadge status={o.status} />
              </span>
            </li>
          ))}
        </ul>
      ) : (
        <p className="text-sm text-slate-700">Nothing waiting to ship.</p>
      )}
    </Section>
  );
}

/** Variants at or below their low-stock threshold (the inventory module decides which). */
export async function LowStock({ scope, storeSlug }: { scope: StoreScope; storeSlug: string }) {
  const items = await listLowStock(await getDb(), scope.storeId, 8);
  return (
    <Section
      id="low-stock"
      title="Low stock"
      actions={
        <Link href={sellerHref('/seller/inventory', storeSlug)} className="text-sm text-brand-700 underline">
          Inventory
        </Link>
      }
    >
      {items.length ? (
        <table className="w-full text-left text-sm">
          <caption className="sr-only">Variants at or below their low-stock threshold</caption>
          <thead className="text-slate-700">
            <tr>
              <th scope="col" className="py-1.5 font-medium">
                Variant
              </th>
              <th scope="col" className="py-1.5 text-right font-medium">
                Available
              </th>
              <th scope="col" className="py-1.5 text-right font-medium">
                Alert at
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {items.map((v) => (
              <tr key={v.variantId}>
                <td className="max-w-[14rem] py-1.5">
                  <Link href={sellerHref(`/seller/products/${v.productId}`, storeSlug)} className="text-brand-700 hover:underline">
                    {v.productTitle}
                  </Link>
                  <span className="block truncate text-xs text-slate-600">
                    {v.variantTitle} · {v.sku}
                  </span>
                </td>
                <td className={`py-1.5 text-right tabular-nums ${v.available <= 0 ? 'font-semibold text-sale' : ''}`}>{v.available}</td>
                <td className="py-1.5 text-right tabular-nums">{v.threshold}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p className="text-sm text-slate-700">No variant is at or below its alert level.</p>
      )}
    </Section>
  );
}

export function PanelSkeleton({ rows = 3, label }: { rows?: number; label: string }) {
  return (
    <div className="space-y-2 rounded-lg border border-slate-200 p-4" role="status" aria-label={label}>
      <Skeleton className="h-6 w-40" />
      {Array.from({ length: rows }, (_, i) => (
        <Skeleton key={i} className="h-8 w-full" />
      ))}
    </div>
  );
}
