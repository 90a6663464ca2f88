import type { Metadata } from 'next';
import Link from 'next/link';
import { Suspense } from 'react';
import { AccountNav } from '@/components/accounts/account-nav';
import { Workspace } from '@/components/accounts/workspace';
import { OrderHistory } from '@/components/orders/order-history';
import { OrderListSkeleton } from '@/components/orders/order-skeleton';
import { getDb } from '@/lib/platform/db';
import { listOrdersForUser } from '@/lib/orders/queries';

export const metadata: Metadata = { title: 'Orders', robots: { index: false } };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default function OrdersPage({ searchParams }: Props) {
  return (
    <Workspace title="Orders" path="/account/orders" permission="account:manage">
      {(actor) => (
        <>
          <AccountNav current="/account/orders" />
          <Suspense fallback={<OrderListSkeleton />}>
            <History userId={actor.userId} searchParams={searchParams} />
          </Suspense>
        </>
      )}
    </Workspace>
  );
}

async function History({ userId, searchParams }: { userId: string; searchParams: Props['searchParams'] }) {
  const raw = (await searchParams).cursor;
  // A cursor only arrives from the no-JavaScript "Load more" link; a bad one reads as the first page.
  const cursor = typeof raw === 'string' ? raw : undefined;
  const { items, nextCursor } = await listOrdersForUser(await getDb(), userId, { cursor });
  if (!items.length && !cursor) {
    return (
      <section aria-labelledby="orders-empty" className="mt-6 rounded-lg border border-dashed border-slate-300 p-8 text-center">
        <h2 id="orders-empty" className="text-lg font-semibold">
          No orders yet
        </h2>
        <p className="mt-1 text-slate-700">When you buy something, it shows up here with its delivery status.</p>
        <Link href="/" className="mt-4 inline-block rounded-md bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700">
          Start shopping
        </Link>
      </section>
    );
  }
  return (
    <section aria-labelledby="orders-heading" className="mt-6">
      <h2 id="orders-heading" className="sr-only">
        Your orders, newest first
      </h2>
      {cursor ? (
        <p className="mb-3 text-sm">
          <Link href="/account/orders" className="text-brand-700 underline">
            Back to your newest orders
          </Link>
        </p>
      ) : null}
      {items.length ? (
        // Keyed by the cursor so a no-JavaScript page change starts a fresh list.
        <OrderHistory key={cursor ?? 'first'} initial={items} nextCursor={nextCursor} />
      ) : (
        <p role="status" className="text-slate-700">
          No older orders.
        </p>
      )}
    </section>
  );
}
