import { z } from 'zod';
import { addressFields } from '@/lib/accounts/account-inputs';

/** Idempotency keys: what clients send as `Idempotency-Key` (8–200 visible ASCII characters). */
export const idempotencyKey = z
  .string({ error: 'An idempotency key is required' })
  .trim()
  .min(8, 'The idempotency key must be at least 8 characters')
  .max(200, 'The idempotency key must be at most 200 characters')
  .regex(/^[\x21-\x7e]+$/, 'The idempotency key must be visible ASCII');

export const paymentInput = z.discriminatedUnion('provider', [
  z.object({ provider: z.literal('test'), card: z.string().trim().regex(/^[\d -]{12,23}$/, 'Enter the card number') }),
  z.object({ provider: z.literal('stripe'), paymentMethodId: z.string().regex(/^pm_[A-Za-z0-9_]+$/, 'Invalid payment method') }),
]);
export type PaymentInput = z.infer<typeof paymentInput>;

export const checkoutRequest = z.object({
  email: z.string().trim().max(254, 'Email is too long').pipe(z.email('Enter a valid email address')).transform((e) => e.toLowerCase()),
  shippingAddress: addressFields,
  billingAddress: addressFields.nullish(),
  /** storeId → shipping rate id (missing: the cheapest option). */
  shippingSelections: z.record(z.uuid(), z.uuid()).default({}),
  payment: paymentInput,
});
export type CheckoutRequest = z.infer<typeof checkoutRequest>;
