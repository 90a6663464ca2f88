import type { PaymentStatus } from '@/db/schema/payments';

/**
 * Payment statuses only move forward. Webhooks arrive late, twice or out of order; an update
 * that would move a payment backwards (captured → authorized) is ignored.
 */
const next: Record<PaymentStatus, readonly PaymentStatus[]> = {
  pending: ['requires_action', 'authorized', 'captured', 'failed', 'voided'],
  requires_action: ['authorized', 'captured', 'failed', 'voided', 'partially_refunded', 'refunded'],
  // A refund event may overtake the capture event it follows.
  authorized: ['captured', 'voided', 'partially_refunded', 'refunded'],
  captured: ['partially_refunded', 'refunded'],
  partially_refunded: ['partially_refunded', 'refunded'],
  refunded: [],
  voided: [],
  failed: [],
};

export function canMovePayment(from: PaymentStatus, to: PaymentStatus): boolean {
  return next[from].includes(to);
}

export function refundStatusFor(captured: number, refunded: number): PaymentStatus {
  if (refunded <= 0) return 'captured';
  return refunded >= captured ? 'refunded' : 'partially_refunded';
}
