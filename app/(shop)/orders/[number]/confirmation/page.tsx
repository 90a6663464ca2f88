import type { Metadata } from 'next';
import Link from 'next/link';
import { Suspense } from 'react';
import { AddressView } from '@/components/orders/address';
import { orderHref } from '@/components/orders/format';
import { OrderAccess } from '@/components/orders/order-access';
import { OrderSkeleton } from '@/components/orders/order-skeleton';
import { StoreOrderCard } from '@/components/orders/store-order-card';
import { TotalsTable } from '@/components/orders/totals-table';
import { getActor } from '@/lib/accounts/session';
import { getViewableOrder } from '@/lib/orders/viewer';

export const metadata: Metadata = { title: 'Thank you for your order', robots: { index: false, follow: false }, referrer: 'no-referrer' };

type Props = { params: Promise<{ number: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

export default function ConfirmationPage(props: Props) {
  return (
    <Suspense fallback={<OrderSkeleton />}>
      <Confirmation {...props} />
    </Suspense>
  );
}

async function Confirmation({ params, searchParams }: Props) {
  const [{ number }, sp] = await Promise.all([params, searchParams]);
  const viewable = await getViewableOrder(number, first(sp.t));
  if (!viewable) {
    const actor = await getActor();
    return <OrderAccess number={number.slice(0, 64)} signedIn={Boolean(actor)} returnTo={`/orders/${encodeURIComponent(number.slice(0, 64))}/confirmation`} />;
  }
  const { order, token } = viewable;
  const trackHref = orderHref(order.number, token);
  const cancelled = order.status === 'cancelled';
  return (
    <div className="mx-auto max-w-3xl space-y-8">
      <header className="text-center">
        {cancelled ? (
          <>
            <h1 className="text-2xl font-bold tracking-tight sm:text-3xl">Order {order.number} was cancelled</h1>
            <p className="mt-2 text-slate-700">We couldn’t take the payment, so nothing was charged and the items went back on sale.</p>
          </>
        ) : (
          <>
            <svg aria-hidden="true" viewBox="0 0 24 24" className="mx-auto h-12 w-12 text-green-700" fill="none" stroke="currentColor" strokeWidth="2">
              <circle cx="12" cy="12" r="10" />
              <path d="m8 12 3 3 5-6" strokeLinecap="round" strokeLinejoin="round" />
            </svg>
            <h1 className="mt-3 text-2xl font-bold tracking-tight sm:text-3xl">Thank you for your order</h1>
            <p className="mt-2 text-slate-700">
              Your order number is <strong data-testid="order-number">{order.number}</strong>.
            </p>
            <p className="mt-1 text-slate-700">
              {order.status === 'placed' ? 'We’re confirming your payment. The confirmation email goes to ' : 'We’ve sent a confirmation email to '}
              <strong className="break-all" data-testid="order-email">
                {order.email}
              </strong>
              .
            </p>
          </>
        )}
        <div className="mt-6 flex flex-wrap justify-center gap-3">
          <Link href={trackHref} className="rounded-md bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700">
            Track your order
          </Link>
          <Link href="/" className="rounded-md border border-slate-300 px-4 py-2 font-medium hover:bg-slate-50">
            Continue shopping
          </Link>
        </div>
        {token ? <p className="mt-3 text-sm text-slate-600">Keep the link in your confirmation email: it opens this order without an account.</p> : null}
      </header>

      <section aria-labelledby="summary-heading" className="space-y-4">
        <h2 id="summary-heading" className="text-lg font-semibold">
          Order summary
        </h2>
        {order.stores.map((part) => (
          <StoreOrderCard key={part.id} part={part} currency={order.currency} showStatus={false} />
        ))}
        <div className="grid gap-6 sm:grid-cols-2">
          <section aria-labelledby="ship-heading" className="rounded-lg border border-slate-200 p-4">
            <h3 id="ship-heading" className="mb-2 font-semibold">
              Shipping to
            </h3>
            <AddressView address={order.shippingAddress} />
          </section>
          <section aria-labelledby="totals-heading" className="rounded-lg border border-slate-200 p-4">
            <h3 id="totals-heading" className="mb-2 font-semibold">
              Totals
            </h3>
            <TotalsTable totals={order} />
          </section>
        </div>
      </section>
    </div>
  );
}
