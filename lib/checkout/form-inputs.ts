import { z } from 'zod';
import { addressFields } from '@/lib/accounts/account-inputs';
import { checkoutRequest, idempotencyKey } from './inputs';

/** The checkout page's submit: the API's request plus the key and the total the shopper reviewed. */
export const submitCheckoutInput = checkoutRequest.extend({
  idempotencyKey,
  /** The total shown on the review step; a different total now is refused so nobody pays an amount they did not see. */
  expectedTotal: z.number().int().nonnegative().optional(),
});
export type SubmitCheckoutInput = z.input<typeof submitCheckoutInput>;

/** Live totals while the shopper picks an address and shipping. */
export const quoteCheckoutInput = z.object({
  country: addressFields.shape.country,
  region: addressFields.shape.region,
  shippingSelections: z.record(z.uuid(), z.uuid()).default({}),
});
export type QuoteCheckoutInput = z.input<typeof quoteCheckoutInput>;

/** Step 1, checked in the browser with the same rules the server applies. */
export const contactStepInput = z.object({ email: checkoutRequest.shape.email, shippingAddress: addressFields });

/** The payment step's billing address, when it differs from the shipping address. */
export const billingAddressInput = addressFields;

/** The test provider's card field (a format check; the provider decides the rest). */
export const testCardInput = z
  .string()
  .trim()
  .regex(/^[\d -]{12,23}$/, 'Enter the card number')
  .refine((s) => /^\d{12,19}$/.test(s.replace(/[\s-]/g, '')), 'Enter the card number');

export const testChallengeInput = z.object({
  intentId: z.string().regex(/^ti_[0-9a-f]{24}$/, 'Unknown payment'),
  outcome: z.enum(['succeed', 'fail']),
});
