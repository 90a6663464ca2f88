import type { OrderStatus } from '@/db/schema/orders';
import { ORDER_STATUS_LABEL } from './format';

const styles: Record<OrderStatus, string> = {
  placed: 'bg-slate-100 text-slate-800 ring-slate-500/30',
  paid: 'bg-brand-50 text-brand-800 ring-brand-600/30',
  partially_fulfilled: 'bg-indigo-50 text-indigo-800 ring-indigo-600/30',
  fulfilled: 'bg-indigo-50 text-indigo-800 ring-indigo-600/30',
  delivered: 'bg-green-50 text-green-800 ring-green-600/30',
  cancelled: 'bg-slate-100 text-slate-700 ring-slate-500/30',
  partially_refunded: 'bg-amber-50 text-amber-900 ring-amber-600/30',
  refunded: 'bg-amber-50 text-amber-900 ring-amber-600/30',
};

export function OrderStatusBadge({ status, className = '' }: { status: OrderStatus; className?: string }) {
  return (
    <span className={`inline-flex shrink-0 rounded-full px-2.5 py-0.5 text-xs font-medium ring-1 ring-inset ${styles[status]} ${className}`} data-testid="order-status">
      {ORDER_STATUS_LABEL[status]}
    </span>
  );
}
