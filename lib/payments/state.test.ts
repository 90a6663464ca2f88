import { describe, expect, it } from 'vitest';
import { paymentStatus } from '@/db/schema/payments';
import { canMovePayment, refundStatusFor } from './state';

describe('payment status transitions', () => {
  it('never moves backwards or out of a final state', () => {
    expect(canMovePayment('captured', 'authorized')).toBe(false);
    expect(canMovePayment('authorized', 'requires_action')).toBe(false);
    for (const to of paymentStatus.enumValues) {
      expect(canMovePayment('refunded', to)).toBe(false);
      expect(canMovePayment('voided', to)).toBe(false);
      expect(canMovePayment('failed', to)).toBe(false);
    }
  });
  it('follows the forward path', () => {
    expect(canMovePayment('pending', 'requires_action')).toBe(true);
    expect(canMovePayment('requires_action', 'authorized')).toBe(true);
    expect(canMovePayment('authorized', 'captured')).toBe(true);
    expect(canMovePayment('captured', 'partially_refunded')).toBe(true);
    expect(canMovePayment('partially_refunded', 'refunded')).toBe(true);
  });
  it('derives the refund status from the amounts', () => {
    expect(refundStatusFor(1000, 0)).toBe('captured');
    expect(refundStatusFor(1000, 1)).toBe('partially_refunded');
    expect(refundStatusFor(1000, 1000)).toBe('refunded');
  });
});
