import type { OrderStatus } from '@/db/schema/orders';
import { DomainError } from '@/lib/platform/errors';

/**
 * The order state machine, the one place transitions are decided (for orders and for each
 * seller's store order):
 *
 *   placed → paid → partially_fulfilled → fulfilled → delivered
 *   placed → cancelled (payment never captured)
 *   paid / partially_fulfilled / fulfilled / delivered → partially_refunded → refunded
 *   paid → cancelled (every line cancelled and refunded before fulfilment)
 */
const transitions: Record<OrderStatus, readonly OrderStatus[]> = {
  placed: ['paid', 'cancelled'],
  paid: ['partially_fulfilled', 'fulfilled', 'cancelled', 'partially_refunded', 'refunded'],
  partially_fulfilled: ['partially_fulfilled', 'fulfilled', 'partially_refunded', 'refunded'],
  fulfilled: ['delivered', 'partially_refunded', 'refunded'],
  delivered: ['partially_refunded', 'refunded'],
  partially_refunded: ['partially_refunded', 'partially_fulfilled', 'fulfilled', 'delivered', 'refunded', 'cancelled'],
  cancelled: [],
  refunded: [],
};

export function canTransition(from: OrderStatus, to: OrderStatus): boolean {
  return transitions[from].includes(to);
}

export class InvalidTransitionError extends DomainError {
  constructor(from: OrderStatus, to: OrderStatus) {
    super('invalid_transition', `An order that is ${from.replace('_', ' ')} cannot become ${to.replace('_', ' ')}.`, 409);
  }
}

export function assertTransition(from: OrderStatus, to: OrderStatus): void {
  if (!canTransition(from, to)) throw new InvalidTransitionError(from, to);
}

const progress: readonly OrderStatus[] = ['placed', 'paid', 'partially_fulfilled', 'fulfilled', 'delivered'];

/** An order's status from its store orders': refunds and cancellations first, then the least advanced part. */
export function rollUpStatus(parts: readonly OrderStatus[]): OrderStatus {
  if (!parts.length) return 'placed';
  if (parts.every((s) => s === 'cancelled')) return 'cancelled';
  if (parts.every((s) => s === 'refunded' || s === 'cancelled')) return 'refunded';
  if (parts.some((s) => s === 'partially_refunded' || s === 'refunded' || s === 'cancelled')) return 'partially_refunded';
  const ranks = parts.map((s) => progress.indexOf(s));
  const min = Math.min(...ranks);
  if (progress[min] === 'paid' && Math.max(...ranks) > min) return 'partially_fulfilled';
  return progress[min]!;
}
