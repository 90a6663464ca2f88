'use client';

import Link from 'next/link';
import { useState, useTransition } from 'react';
import { loadMoreOrdersAction } from '@/lib/orders/history-actions';
import type { OrderSummary } from '@/lib/orders/queries';
import { OrderRow } from './order-row';

/**
 * The order history with a "Load more" that appends the next keyset page in place. Without
 * JavaScript the same control is a link to the next page.
 */
export function OrderHistory({ initial, nextCursor: firstCursor }: { initial: OrderSummary[]; nextCursor: string | null }) {
  const [orders, setOrders] = useState(initial);
  const [cursor, setCursor] = useState(firstCursor);
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();

  const loadMore = (e: React.MouseEvent) => {
    if (!cursor) return;
    e.preventDefault();
    setError(null);
    start(async () => {
      const r = await loadMoreOrdersAction({ cursor });
      if (!r.ok) {
        setError(r.message);
        return;
      }
      setOrders((prev) => [...prev, ...r.data.items.filter((o) => !prev.some((p) => p.id === o.id))]);
      setCursor(r.data.nextCursor);
    });
  };

  return (
    <>
      <ul className="space-y-3" aria-label="Your orders">
        {orders.map((o) => (
          <OrderRow key={o.id} order={o} />
        ))}
      </ul>
      <div className="mt-6 flex flex-col items-center gap-2">
        <p role="status" className="text-sm text-slate-700">
          {pending ? 'Loading more orders…' : `Showing ${orders.length} ${orders.length === 1 ? 'order' : 'orders'}${cursor ? '' : ', all you have'}.`}
        </p>
        {error ? (
          <p role="alert" className="text-sm text-sale">
            {error}
          </p>
        ) : null}
        {cursor ? (
          <Link
            href={`/account/orders?cursor=${encodeURIComponent(cursor)}`}
            onClick={loadMore}
            aria-disabled={pending}
            className="rounded-md border border-slate-300 px-4 py-2 font-medium hover:bg-slate-50 aria-disabled:opacity-60"
          >
            {pending ? 'Loading…' : 'Load more'}
          </Link>
        ) : null}
      </div>
    </>
  );
}
