import Link from 'next/link';
import { formatMoney } from '@/lib/money';
import type { OrderSummary } from '@/lib/orders/queries';
import { formatDay } from './format';
import { OrderStatusBadge } from './status-badge';
import { LineThumbnail } from './thumbnail';

/** One order in the account's history; the whole row links to its tracking page. */
export function OrderRow({ order }: { order: OrderSummary }) {
  const first = order.previews[0]?.title ?? 'Order';
  const others = order.previews.length - 1 + order.moreLines;
  const headline = others > 0 ? `${first} and ${others} more` : first;
  return (
    <li className="relative rounded-lg border border-slate-200 p-4 hover:border-brand-600 hover:bg-brand-50/40" data-testid="order-row">
      <div className="flex flex-wrap items-start justify-between gap-2">
        <div className="min-w-0">
          <h3 className="font-semibold">
            <Link href={`/orders/${encodeURIComponent(order.number)}`} className="after:absolute after:inset-0 focus-visible:outline-none">
              Order {order.number}
            </Link>
          </h3>
          <p className="text-sm text-slate-700">
            Placed <time dateTime={order.placedAt.toISOString()}>{formatDay(order.placedAt)}</time> · {order.itemCount} {order.itemCount === 1 ? 'item' : 'items'} ·{' '}
            <span className="font-medium text-slate-900 tabular-nums">{formatMoney(order.total, order.currency)}</span>
          </p>
        </div>
        <OrderStatusBadge status={order.status} />
      </div>
      <div className="mt-3 flex items-center gap-2">
        {order.previews.map((p, i) => (
          <LineThumbnail key={i} src={p.imageUrl} size={48} />
        ))}
        {order.moreLines ? <span className="text-sm text-slate-600">+{order.moreLines}</span> : null}
        <p className="ml-2 min-w-0 truncate text-sm text-slate-700">{headline}</p>
      </div>
    </li>
  );
}
