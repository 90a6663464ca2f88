import type { Metadata } from 'next';
import Link from 'next/link';
import { Suspense } from 'react';
import { AddressView } from '@/components/orders/address';
import { formatDayTime, orderHref } from '@/components/orders/format';
import { OrderAccess } from '@/components/orders/order-access';
import { OrderSkeleton } from '@/components/orders/order-skeleton';
import { OrderStatusBadge } from '@/components/orders/status-badge';
import { StoreOrderCard } from '@/components/orders/store-order-card';
import { OrderTimeline } from '@/components/orders/timeline';
import { TotalsTable } from '@/components/orders/totals-table';
import { getActor } from '@/lib/accounts/session';
import { formatMoney } from '@/lib/money';
import { getViewableOrder } from '@/lib/orders/viewer';

// Private and per request: never indexed, and the token in the URL never leaves in a Referer.
export const metadata: Metadata = { title: 'Your order', robots: { index: false, follow: false }, referrer: 'no-referrer' };

type Props = { params: Promise<{ number: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

const PAYMENT_LABEL: Record<string, string> = {
  pending: 'Pending',
  requires_action: 'Waiting for authentication',
  authorized: 'Authorized',
  captured: 'Paid',
  voided: 'Cancelled',
  failed: 'Failed',
  partially_refunded: 'Partly refunded',
  refunded: 'Refunded',
};

export default function OrderPage(props: Props) {
  return (
    <Suspense fallback={<OrderSkeleton />}>
      <Tracking {...props} />
    </Suspense>
  );
}

async function Tracking({ params, searchParams }: Props) {
  const [{ number }, sp] = await Promise.all([params, searchParams]);
  const viewable = await getViewableOrder(number, first(sp.t));
  if (!viewable) {
    const actor = await getActor();
    return <OrderAccess number={number.slice(0, 64)} signedIn={Boolean(actor)} returnTo={`/orders/${encodeURIComponent(number.slice(0, 64))}`} />;
  }
  const { order, token } = viewable;
  return (
    <div className="space-y-6">
      <header className="flex flex-wrap items-center gap-3">
        <h1 className="text-2xl font-bold tracking-tight sm:text-3xl">Order {order.number}</h1>
        <OrderStatusBadge status={order.status} className="text-sm" />
        <p className="w-full text-sm text-slate-700">
          Placed <time dateTime={order.placedAt.toISOString()}>{formatDayTime(order.placedAt)}</time> · updates go to <span className="break-all">{order.email}</span>
        </p>
      </header>

      <div className="grid gap-6 lg:grid-cols-3">
        <div className="space-y-6 lg:col-span-2">
          <section aria-labelledby="progress-heading" className="rounded-lg border border-slate-200 p-4 sm:p-6">
            <h2 id="progress-heading" className="mb-4 text-lg font-semibold">
              Progress
            </h2>
            <OrderTimeline order={order} />
          </section>
          <section aria-labelledby="items-heading" className="space-y-4">
            <h2 id="items-heading" className="text-lg font-semibold">
              {order.stores.length > 1 ? `Items from ${order.stores.length} sellers` : 'Items'}
            </h2>
            {order.stores.map((part) => (
              <StoreOrderCard key={part.id} part={part} currency={order.currency} />
            ))}
          </section>
        </div>

        <aside className="space-y-6" aria-label="Order details">
          <section aria-labelledby="totals-heading" className="rounded-lg border border-slate-200 p-4">
            <h2 id="totals-heading" className="mb-2 font-semibold">
              Summary
            </h2>
            <TotalsTable totals={order} />
          </section>
          <section aria-labelledby="ship-heading" className="rounded-lg border border-slate-200 p-4">
            <h2 id="ship-heading" className="mb-2 font-semibold">
              Shipping to
            </h2>
            <AddressView address={order.shippingAddress} />
          </section>
          {order.payment ? (
            <section aria-labelledby="pay-heading" className="rounded-lg border border-slate-200 p-4 text-sm">
              <h2 id="pay-heading" className="mb-2 text-base font-semibold">
                Payment
              </h2>
              <p>
                {order.payment.methodLabel ?? 'Card'} · {PAYMENT_LABEL[order.payment.status] ?? order.payment.status}
              </p>
              {order.refunds.length ? (
                <ul className="mt-2 space-y-1 text-slate-700" aria-label="Refunds">
                  {order.refunds.map((r) => (
                    <li key={r.id}>
                      Refund of {formatMoney(r.amount, order.currency)} ({r.status === 'succeeded' ? 'done' : r.status}) · {r.reason}
                    </li>
                  ))}
                </ul>
              ) : null}
            </section>
          ) : null}
          <ul className="space-y-1 text-sm">
            <li>
              <Link href={orderHref(order.number, token, '/confirmation')} className="text-brand-700 underline">
                Order confirmation
              </Link>
            </li>
            {order.userId ? (
              <li>
                <Link href="/account/orders" className="text-brand-700 underline">
                  All your orders
                </Link>
              </li>
            ) : null}
          </ul>
        </aside>
      </div>
    </div>
  );
}
