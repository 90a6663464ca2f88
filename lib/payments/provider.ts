/**
 * One interface for every payment provider (DESIGN §3): the built-in test provider and Stripe.
 * The payments service is the only caller. Every call that moves money takes an idempotency key
 * derived from our own ids, so a retried step never charges, captures or refunds twice.
 */

export type ProviderName = 'test' | 'stripe';

/** The provider's view of an authorization. */
export type ProviderPaymentState = {
  ref: string;
  /** Our payment id, from the provider's metadata (finds the row when we never learned `ref`). */
  paymentId?: string | null;
  status: 'requires_action' | 'authorized' | 'captured' | 'voided' | 'failed';
  amount: number;
  amountCaptured: number;
  amountRefunded: number;
  /** Where the browser completes 3-D Secure (test provider: our challenge page; Stripe: next_action URL). */
  actionUrl?: string | null;
  /** Stripe's client secret, for the Payment Element to confirm in the browser. */
  clientSecret?: string | null;
  failureCode?: string | null;
  failureMessage?: string | null;
};

export type AuthorizeInput = {
  /** Our payment id: keys the provider call, so a retry returns the same authorization. */
  paymentId: string;
  checkoutId: string;
  amount: number;
  currency: string;
  /** A provider payment-method token (test provider: `test_card_<number>`; Stripe: `pm_…`). */
  paymentMethod: string;
  email: string;
  /** Where the provider sends the browser back after a 3-D Secure challenge. */
  returnUrl: string;
};

export type AuthorizeResult = ProviderPaymentState | { ref: string | null; status: 'declined'; declineCode: string; message: string };

/** The provider could not be reached or did not answer in time; the outcome is unknown. */
export class ProviderUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ProviderUnavailableError';
  }
}

export interface PaymentProvider {
  readonly name: ProviderName;
  /** Creates (or, with the same payment id, returns) an authorization with manual capture. */
  authorize(input: AuthorizeInput): Promise<AuthorizeResult>;
  /** The current state, by provider reference. */
  retrieve(ref: string): Promise<ProviderPaymentState>;
  /**
   * Finds the authorization made for our payment id when we never learned its reference
   * (the call timed out after the provider acted). Null when the provider has none.
   */
  findByPaymentId(paymentId: string): Promise<ProviderPaymentState | null>;
  capture(ref: string, amount: number, idempotencyKey: string): Promise<ProviderPaymentState>;
  /** Cancels an uncaptured authorization; a no-op on one already voided. */
  void(ref: string, idempotencyKey: string): Promise<ProviderPaymentState>;
  refund(ref: string, amount: number, idempotencyKey: string): Promise<{ refundRef: string; state: ProviderPaymentState }>;
}
