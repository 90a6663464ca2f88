import Link from 'next/link';
import { OrderStatusBadge } from '@/components/orders/status-badge';
import { formatDay } from '@/components/orders/format';
import { EmptyState, FilterTabs, KeysetPager, ListSearch, ListSkeleton } from '@/components/seller-catalog/ui';
import type { OrderFilter, OrderListParams } from '@/lib/fulfilment/inputs';
import { countOpenStoreOrders, listSellerOrders } from '@/lib/fulfilment/queries';
import { formatMoney } from '@/lib/money';
import { getDb } from '@/lib/platform/db';
import type { StoreScope } from '@/lib/seller-catalog/scope';
import { sellerHref } from '@/lib/sellers/links';

const TABS: { value: OrderFilter; label: string }[] = [
  { value: 'all', label: 'All' },
  { value: 'open', label: 'To ship' },
  { value: 'shipped', label: 'Shipped' },
  { value: 'delivered', label: 'Delivered' },
  { value: 'closed', label: 'Cancelled or refunded' },
];

/** The store's orders: status tabs, order-number search, a table and keyset pages. */
export async function SellerOrderList({ scope, storeSlug, params }: { scope: StoreScope; storeSlug: string; params: OrderListParams }) {
  const db = await getDb();
  const [open, page] = await Promise.all([countOpenStoreOrders(db, scope), listSellerOrders(db, scope, params)]);
  const href = (over: Partial<OrderListParams>) => {
    const p = { ...params, ...over };
    return sellerHref('/seller/orders', storeSlug, { status: p.filter === 'all' ? undefined : p.filter, q: p.q, cursor: p.cursor });
  };

  if (!page.items.length && params.filter === 'all' && !params.q && !params.cursor) {
    return (
      <EmptyState title="No orders yet" action={{ href: sellerHref('/seller/products', storeSlug), label: 'Manage your products' }}>
        When shoppers buy your products, their orders appear here, ready to ship.
      </EmptyState>
    );
  }

  return (
    <div className="mt-6">
      <FilterTabs
        label="Filter orders"
        tabs={TABS.map((t) => ({
          key: t.value,
          href: href({ filter: t.value, cursor: undefined }),
          current: params.filter === t.value,
          label: (
            <>
              {t.label}
              {t.value === 'open' ? <span className="ml-1 rounded-full bg-brand-50 px-1.5 text-xs text-brand-800">{open}</span> : null}
            </>
          ),
        }))}
      />
      <ListSearch
        id="order-search"
        action="/seller/orders"
        label="Find an order by number"
        q={params.q}
        maxLength={64}
        placeholder="MK-100001"
        hidden={{ store: storeSlug, status: params.filter !== 'all' ? params.filter : undefined }}
        clearHref={href({ q: undefined, cursor: undefined })}
      />

      {page.items.length === 0 ? (
        <p role="status" className="mt-6 rounded-md border border-dashed border-slate-300 p-6 text-center text-slate-700">
          {page.badQuery
            ? 'Order numbers look like MK-100001.'
            : params.q
              ? `No order ${params.q} in this store.`
              : params.cursor
                ? 'No more orders.'
                : params.filter === 'open'
                  ? 'Nothing to ship. Well done!'
                  : 'No orders with this status.'}
        </p>
      ) : (
        <div className="mt-4 overflow-x-auto rounded-lg border border-slate-200">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">Orders, newest first</caption>
            <thead className="bg-slate-50 text-slate-700">
              <tr>
                <th scope="col" className="px-3 py-2 font-medium">
                  Order
                </th>
                <th scope="col" className="hidden px-3 py-2 font-medium sm:table-cell">
                  Date
                </th>
                <th scope="col" className="hidden px-3 py-2 font-medium md:table-cell">
                  Customer
                </th>
                <th scope="col" className="px-3 py-2 font-medium">
                  Status
                </th>
                <th scope="col" className="hidden px-3 py-2 text-right font-medium sm:table-cell">
                  Items
                </th>
                <th scope="col" className="px-3 py-2 text-right font-medium">
                  Total
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-200">
              {page.items.map((o) => (
                <tr key={o.id} className="hover:bg-slate-50" data-testid="seller-order-row">
                  <td className="px-3 py-2 whitespace-nowrap">
                    <Link href={sellerHref(`/seller/orders/${o.id}`, storeSlug)} className="font-medium text-brand-700 hover:underline">
                      {o.number}
                    </Link>
                    <span className="block text-xs text-slate-600 sm:hidden">{formatDay(o.createdAt)}</span>
                  </td>
                  <td className="hidden px-3 py-2 whitespace-nowrap sm:table-cell">
                    <time dateTime={o.createdAt.toISOString()}>{formatDay(o.createdAt)}</time>
                  </td>
                  <td className="hidden max-w-[12rem] truncate px-3 py-2 md:table-cell">{o.customerName || '—'}</td>
                  <td className="px-3 py-2">
                    <OrderStatusBadge status={o.status} />
                  </td>
                  <td className="hidden px-3 py-2 text-right tabular-nums sm:table-cell">
                    {o.units}
                    {o.openUnits > 0 && o.openUnits < o.units ? <span className="text-slate-600"> ({o.openUnits} to ship)</span> : null}
                  </td>
                  <td className="px-3 py-2 text-right whitespace-nowrap tabular-nums">
                    {formatMoney(o.total, o.currency)}
                    {o.refundedTotal > 0 ? <span className="block text-xs text-amber-800">−{formatMoney(o.refundedTotal, o.currency)} refunded</span> : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <KeysetPager label="Order pages" firstHref={params.cursor ? href({ cursor: undefined }) : null} nextHref={page.nextCursor ? href({ cursor: page.nextCursor }) : null} />
    </div>
  );
}

export function SellerOrderListSkeleton() {
  return <ListSkeleton label="Loading orders" />;
}
