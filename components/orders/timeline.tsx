import type { OrderStatus } from '@/db/schema/orders';
import { formatMoney } from '@/lib/money';
import type { OrderDetail, OrderEventView } from '@/lib/orders/queries';
import { formatDayTime, safeHttpUrl } from './format';

const TITLES: Record<string, string> = {
  placed: 'Order placed',
  paid: 'Payment received',
  shipped: 'Shipped',
  delivered: 'Delivered',
  cancelled: 'Cancelled',
  refunded: 'Refunded',
  partially_refunded: 'Partly refunded',
};

// The milestones every order walks through; the ones not reached yet are shown as upcoming.
const MILESTONES = [
  { type: 'placed', title: 'Order placed' },
  { type: 'paid', title: 'Payment received' },
  { type: 'shipped', title: 'Shipped' },
  { type: 'delivered', title: 'Delivered' },
] as const;
const STATUS_STEP: Partial<Record<OrderStatus, number>> = { placed: 0, paid: 1, partially_fulfilled: 2, fulfilled: 2, delivered: 3 };

const str = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : null);

function Details({ event, storeName, currency }: { event: OrderEventView; storeName: string | null; currency: string }) {
  const d = event.data ?? {};
  const carrier = str(d.carrier);
  const trackingNumber = str(d.trackingNumber);
  const trackingUrl = safeHttpUrl(d.trackingUrl);
  const amount = typeof d.amount === 'number' && Number.isInteger(d.amount) && d.amount > 0 ? d.amount : null;
  const parts = [
    storeName ? <span key="store">{storeName}</span> : null,
    carrier ? <span key="carrier">{carrier}</span> : null,
    trackingNumber ? (
      <span key="tracking">
        Tracking{' '}
        {trackingUrl ? (
          <a href={trackingUrl} target="_blank" rel="noopener noreferrer" className="font-medium text-brand-700 underline">
            {trackingNumber}
            <span className="sr-only"> (opens the carrier’s site)</span>
          </a>
        ) : (
          <span className="font-medium">{trackingNumber}</span>
        )}
      </span>
    ) : null,
    amount ? <span key="amount">{formatMoney(amount, currency)}</span> : null,
  ].filter(Boolean);
  if (!parts.length) return null;
  return (
    <p className="mt-0.5 flex flex-wrap gap-x-2 text-sm text-slate-700">
      {parts.map((p, i) => (
        <span key={i} className="after:ml-2 after:text-slate-400 after:content-['·'] last:after:content-none">
          {p}
        </span>
      ))}
    </p>
  );
}

/** What happened to the order, oldest first, then the milestones still to come. */
export function OrderTimeline({ order }: { order: Pick<OrderDetail, 'status' | 'events' | 'stores' | 'currency' | 'placedAt'> }) {
  const storeName = (id: string | null) => (id ? (order.stores.find((s) => s.id === id)?.storeName ?? null) : null);
  // An order always has a beginning, even if its "placed" event is missing.
  const events: OrderEventView[] = order.events.some((e) => e.type === 'placed')
    ? order.events
    : [{ id: 'placed', type: 'placed', message: 'Order placed', data: null, storeOrderId: null, createdAt: order.placedAt }, ...order.events];
  const reached = Math.max(STATUS_STEP[order.status] ?? -1, ...events.map((e) => MILESTONES.findIndex((m) => m.type === e.type)));
  const ended = STATUS_STEP[order.status] === undefined; // cancelled or refunded: nothing more is coming
  const upcoming = ended ? [] : MILESTONES.slice(reached + 1);
  return (
    <ol className="relative space-y-5 border-l-2 border-slate-200 pl-6" aria-label="Order timeline">
      {events.map((e) => (
        <li key={e.id} className="relative" data-testid="timeline-event" data-type={e.type}>
          <span aria-hidden="true" className={`absolute -left-[31px] top-1 h-3.5 w-3.5 rounded-full ring-4 ring-white ${e.type === 'cancelled' ? 'bg-slate-500' : e.type.includes('refund') ? 'bg-amber-600' : 'bg-brand-600'}`} />
          <p className="font-medium">{e.message || TITLES[e.type] || e.type}</p>
          <p className="text-sm text-slate-600">
            <time dateTime={e.createdAt.toISOString()}>{formatDayTime(e.createdAt)}</time>
          </p>
          <Details event={e} storeName={storeName(e.storeOrderId)} currency={order.currency} />
        </li>
      ))}
      {upcoming.map((m) => (
        <li key={m.type} className="relative text-slate-600">
          <span aria-hidden="true" className="absolute -left-[31px] top-1 h-3.5 w-3.5 rounded-full border-2 border-slate-300 bg-white ring-4 ring-white" />
          <p>
            <span className="sr-only">Upcoming: </span>
            {m.title}
          </p>
        </li>
      ))}
    </ol>
  );
}
