import type { CheckoutFailure } from '@/db/schema/checkout';
import type { CheckoutAlert, CheckoutStep } from './types';

const PAYMENT_CODES = new Set(['payment_declined', 'authentication_failed', 'authentication_timeout', 'invalid_card']);

/** A failed checkout as the form shows it, and the step the shopper goes back to. */
export function alertForFailure(f: CheckoutFailure): { alert: CheckoutAlert; step: CheckoutStep } {
  if (f.code === 'out_of_stock' && f.lines?.length) return { alert: { kind: 'stock', message: f.message, lines: f.lines }, step: 'review' };
  if (f.code === 'payment_declined') {
    // The provider's own reason when it says more than "declined" (e.g. insufficient funds).
    const reason = /^your card was declined\.?$/i.test(f.message.trim()) ? '' : `${f.message} `;
    return { alert: { kind: 'payment', title: 'Your card was declined', message: `${reason}Try another card.` }, step: 'payment' };
  }
  if (PAYMENT_CODES.has(f.code)) return { alert: { kind: 'payment', title: 'The card check did not go through', message: `${f.message} Try again or use another card.` }, step: 'payment' };
  return { alert: { kind: 'error', code: f.code, message: f.message }, step: 'review' };
}

export const confirmationHref = (order: { number: string; accessToken: string }) =>
  `/orders/${encodeURIComponent(order.number)}/confirmation?t=${encodeURIComponent(order.accessToken)}`;
