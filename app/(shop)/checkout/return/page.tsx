import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { Suspense } from 'react';
import { confirmationHref } from '@/components/checkout/failure';
import { CheckoutStatusPoller } from '@/components/checkout/status-poller';
import { Skeleton } from '@/components/ui/skeleton';
import { isCheckoutId } from '@/lib/checkout/queries';
import { getViewableCheckout } from '@/lib/checkout/viewer';

export const metadata: Metadata = { title: 'Placing your order', robots: { index: false, follow: false }, referrer: 'no-referrer' };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

/** Where the shopper lands after 3-D Secure (and while a queued checkout runs): on to the confirmation, or back to retry. */
export default function CheckoutReturnPage(props: Props) {
  return (
    <div className="mx-auto max-w-2xl py-6">
      <Suspense
        fallback={
          <div role="status" aria-label="Loading" className="space-y-3">
            <Skeleton className="h-8 w-64" />
            <Skeleton className="h-5 w-full" />
          </div>
        }
      >
        <CheckoutReturn {...props} />
      </Suspense>
    </div>
  );
}

async function CheckoutReturn({ searchParams }: Props) {
  const id = first((await searchParams).checkout);
  const checkout = isCheckoutId(id) ? await getViewableCheckout(id) : null;
  if (!checkout) {
    return (
      <div className="space-y-4">
        <h1 className="text-2xl font-bold tracking-tight">We could not find that checkout</h1>
        <p className="text-slate-700">The link may be incomplete, or it was opened in another browser. If you placed an order, the confirmation email has its details.</p>
        <div className="flex flex-wrap gap-3">
          <Link href="/cart" className="rounded-md bg-brand-600 px-5 py-2.5 font-medium text-white hover:bg-brand-700">
            Go to your cart
          </Link>
          <Link href="/orders/lookup" className="rounded-md border border-slate-300 px-5 py-2.5 font-medium hover:bg-slate-50">
            Find an order
          </Link>
        </div>
      </div>
    );
  }
  if (checkout.status === 'completed' && checkout.order) redirect(confirmationHref(checkout.order));
  if (checkout.status === 'failed') redirect(`/checkout?failed=${checkout.id}`);
  return <CheckoutStatusPoller initial={checkout} />;
}
