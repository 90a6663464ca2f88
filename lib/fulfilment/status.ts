import type { OrderStatus } from '@/db/schema/orders';

/** A line's units: ordered, shipped and cancelled (shipped + cancelled ≤ ordered, a CHECK). */
export type LineUnits = { quantity: number; quantityFulfilled: number; quantityCancelled: number };

/** Units still to ship or cancel on a line. */
export const openUnits = (l: LineUnits) => l.quantity - l.quantityFulfilled - l.quantityCancelled;

/** Store-order statuses whose open units the seller may still ship or cancel. */
export const OPEN_STATUSES = ['paid', 'partially_fulfilled', 'partially_refunded'] as const satisfies readonly OrderStatus[];

export const isOpenStatus = (s: OrderStatus): s is (typeof OPEN_STATUSES)[number] => (OPEN_STATUSES as readonly OrderStatus[]).includes(s);

/**
 * A store order's status after a fulfilment or a cancellation, decided by its lines alone (so
 * a retry computes the same answer):
 *   every unit cancelled                  → cancelled (its money went back with the last one)
 *   nothing open, something shipped       → fulfilled (cancelled units show on the lines and in refunded_total)
 *   something shipped, something open     → partially_fulfilled
 *   nothing shipped, something cancelled  → partially_refunded
 *   otherwise                             → paid
 * Each of these is reachable from the open statuses through lib/orders/state.ts.
 */
export function storeOrderStatusFor(lines: readonly LineUnits[]): OrderStatus {
  const total = lines.reduce((n, l) => n + l.quantity, 0);
  const shipped = lines.reduce((n, l) => n + l.quantityFulfilled, 0);
  const cancelled = lines.reduce((n, l) => n + l.quantityCancelled, 0);
  if (total > 0 && cancelled === total) return 'cancelled';
  if (shipped + cancelled === total && shipped > 0) return 'fulfilled';
  if (shipped > 0) return 'partially_fulfilled';
  if (cancelled > 0) return 'partially_refunded';
  return 'paid';
}

/** Why a store order in `status` takes no fulfilment or cancellation. */
export function closedReason(status: OrderStatus): string {
  switch (status) {
    case 'placed':
      return 'This order is not paid yet.';
    case 'fulfilled':
    case 'delivered':
      return 'Everything in this order has shipped.';
    case 'cancelled':
      return 'This order was cancelled.';
    case 'refunded':
      return 'This order was refunded.';
    default:
      return 'This order cannot be changed now.';
  }
}
