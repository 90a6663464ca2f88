import { describe, expect, it } from 'vitest';
import { alertForFailure, confirmationHref } from './failure';

describe('alertForFailure', () => {
  it('a declined card goes back to the payment step with "Your card was declined"', () => {
    expect(alertForFailure({ code: 'payment_declined', message: 'Your card was declined.' })).toEqual({
      alert: { kind: 'payment', title: 'Your card was declined', message: 'Try another card.' },
      step: 'payment',
    });
    // The provider's reason is kept when it says more.
    expect(alertForFailure({ code: 'payment_declined', message: 'Your card has insufficient funds.' }).alert).toMatchObject({ message: 'Your card has insufficient funds. Try another card.' });
  });

  it('a failed or abandoned 3-D Secure check is a payment problem too', () => {
    expect(alertForFailure({ code: 'authentication_failed', message: 'The 3-D Secure check failed.' }).step).toBe('payment');
    expect(alertForFailure({ code: 'authentication_timeout', message: 'Too slow.' }).step).toBe('payment');
  });

  it('out of stock names the lines; anything else shows its message', () => {
    const lines = [{ variantId: 'v', title: 'Mug – Blue', requested: 3, available: 1 }];
    expect(alertForFailure({ code: 'out_of_stock', message: 'm', lines })).toEqual({ alert: { kind: 'stock', message: 'm', lines }, step: 'review' });
    expect(alertForFailure({ code: 'payment_error', message: 'Nothing was charged.' })).toEqual({ alert: { kind: 'error', code: 'payment_error', message: 'Nothing was charged.' }, step: 'review' });
  });
});

it('confirmationHref escapes the number and token', () => {
  expect(confirmationHref({ number: 'MK-000123', accessToken: 'a_b-c' })).toBe('/orders/MK-000123/confirmation?t=a_b-c');
});
