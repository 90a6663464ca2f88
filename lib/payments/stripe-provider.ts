import Stripe from 'stripe';
import type { Env } from '@/lib/platform/env';
import { type AuthorizeInput, type AuthorizeResult, type PaymentProvider, type ProviderPaymentState, ProviderUnavailableError } from './provider';

/** What Stripe reports as a failed 3-D Secure check; our saga calls it `authentication_failed`. */
const AUTHENTICATION_FAILURE = 'payment_intent_authentication_failure';

/**
 * Our view of a PaymentIntent. `null` for states we have no status for (`processing`, or
 * `requires_confirmation` / `requires_payment_method` before any attempt): the caller keeps
 * what it had and waits for the next event.
 */
export function paymentIntentState(pi: Stripe.PaymentIntent): ProviderPaymentState | null {
  const charge = pi.latest_charge && typeof pi.latest_charge === 'object' ? pi.latest_charge : null;
  const base = {
    ref: pi.id,
    paymentId: pi.metadata?.payment_id ?? null,
    amount: pi.amount,
    amountCaptured: 0,
    amountRefunded: 0,
  };
  switch (pi.status) {
    case 'requires_capture':
      return { ...base, status: 'authorized' };
    case 'requires_action':
      return { ...base, status: 'requires_action', actionUrl: pi.next_action?.redirect_to_url?.url ?? null, clientSecret: pi.client_secret };
    case 'succeeded':
      return { ...base, status: 'captured', amountCaptured: pi.amount_received, amountRefunded: charge?.amount_refunded ?? 0 };
    case 'canceled':
      return { ...base, status: 'voided' };
    case 'requires_payment_method': {
      // A fresh intent also sits here; ours are confirmed on creation, so this is a failed attempt.
      const err = pi.last_payment_error;
      if (!err) return null;
      const code = err.code === AUTHENTICATION_FAILURE ? 'authentication_failed' : (err.decline_code || err.code || 'payment_failed');
      const message = err.code === AUTHENTICATION_FAILURE ? 'The card could not be authenticated.' : (err.message ?? 'The payment failed.');
      return { ...base, status: 'failed', failureCode: code, failureMessage: message };
    }
    default:
      return null;
  }
}

/** The state after a refund event: the Charge carries the captured and refunded amounts. */
export function chargeState(ch: Stripe.Charge): ProviderPaymentState | null {
  const ref = typeof ch.payment_intent === 'string' ? ch.payment_intent : ch.payment_intent?.id;
  if (!ref) return null;
  return {
    ref,
    paymentId: ch.metadata?.payment_id ?? null,
    status: 'captured',
    amount: ch.amount,
    amountCaptured: ch.amount_captured,
    amountRefunded: ch.amount_refunded,
  };
}

const isStripeError = (err: unknown): err is Stripe.errors.StripeError => err instanceof Stripe.errors.StripeError;

/**
 * Timeouts, dropped connections, Stripe's 5xx and its rate limit mean "outcome unknown, try
 * again": the saga retries the step, and the idempotency key makes the retry return what the
 * first request did. Everything else is passed on unchanged.
 */
function unavailable(err: unknown): never {
  if (err instanceof Stripe.errors.StripeConnectionError || err instanceof Stripe.errors.StripeAPIError || err instanceof Stripe.errors.StripeRateLimitError) {
    throw new ProviderUnavailableError(`Stripe did not answer: ${err.message}`);
  }
  throw err;
}

/** A result we could not map to a status of ours (Stripe added one, or an intent in `processing`). */
function expectState(pi: Stripe.PaymentIntent): ProviderPaymentState {
  const s = paymentIntentState(pi);
  if (!s) throw new ProviderUnavailableError(`PaymentIntent ${pi.id} is ${pi.status}; its outcome is not known yet.`);
  return s;
}

export function createStripeClient(secretKey: string): Stripe {
  // A few quick retries inside one step (same idempotency key, so safe); the saga retries on top.
  return new Stripe(secretKey, { maxNetworkRetries: 2, timeout: 20_000, appInfo: { name: 'marketplace' } });
}

/**
 * Stripe as our payment provider: one PaymentIntent per payment of ours, created and confirmed
 * server-side with manual capture from the PaymentMethod the Payment Element made in the
 * browser. Every call that moves money carries an idempotency key derived from our ids
 * (`authorize:<payment id>`, and the keys the payments service passes to capture, void and
 * refund), so a retried saga step never charges twice. Stripe keeps idempotent results for
 * 24 hours, longer than any of our retries.
 */
export function createStripeProvider(e: Env, opts: { stripe?: Stripe } = {}): PaymentProvider {
  if (!opts.stripe && !e.STRIPE_SECRET_KEY) throw new Error('STRIPE_SECRET_KEY is not set.');
  const stripe = opts.stripe ?? createStripeClient(e.STRIPE_SECRET_KEY!);
  const expand = ['latest_charge'];

  async function retrieve(ref: string): Promise<ProviderPaymentState> {
    const pi = await stripe.paymentIntents.retrieve(ref, { expand }).catch(unavailable);
    return expectState(pi);
  }

  return {
    name: 'stripe',

    async authorize(input: AuthorizeInput): Promise<AuthorizeResult> {
      if (!/^pm_\w+$/.test(input.paymentMethod)) {
        return { ref: null, status: 'declined', declineCode: 'invalid_payment_method', message: 'That payment method is not valid.' };
      }
      let pi: Stripe.PaymentIntent;
      try {
        pi = await stripe.paymentIntents.create(
          {
            amount: input.amount,
            currency: input.currency.toLowerCase(),
            capture_method: 'manual',
            confirm: true,
            payment_method: input.paymentMethod,
            // Must match the Payment Element's configuration (components/checkout/stripe-payment-element.tsx).
            automatic_payment_methods: { enabled: true },
            return_url: input.returnUrl,
            description: `Checkout ${input.checkoutId}`,
            metadata: { checkout_id: input.checkoutId, payment_id: input.paymentId },
            expand,
          },
          { idempotencyKey: `authorize:${input.paymentId}` },
        );
      } catch (err) {
        if (err instanceof Stripe.errors.StripeCardError) {
          // A decline still leaves a PaymentIntent behind (in requires_payment_method).
          return { ref: err.payment_intent?.id ?? null, status: 'declined', declineCode: err.decline_code || err.code || 'card_declined', message: err.message || 'Your card was declined.' };
        }
        if (err instanceof Stripe.errors.StripeInvalidRequestError && err.param === 'payment_method') {
          return { ref: err.payment_intent?.id ?? null, status: 'declined', declineCode: 'invalid_payment_method', message: 'That payment method is not valid.' };
        }
        return unavailable(err);
      }
      const state = paymentIntentState(pi);
      if (state?.status === 'failed') return { ref: pi.id, status: 'declined', declineCode: state.failureCode ?? 'card_declined', message: state.failureMessage ?? 'Your card was declined.' };
      return state ?? expectState(pi);
    },

    retrieve,

    /*
     * Finds the intent by `metadata['payment_id']` with the Search API. Trade-off: search is
     * eventually consistent (usually under a minute, longer during Stripe incidents; not offered
     * to accounts in India), so an intent created a moment ago may not be found yet. The
     * alternative, replaying the create with the same idempotency key, is consistent but needs
     * the original parameters (this interface only has our id) and, when the first request never
     * reached Stripe, would authorize the card now just to be voided. We accept the search delay
     * because it only matters after every retry of the authorize step failed: those retries
     * replay the create and learn the id first, the webhook links the intent to our payment by
     * the same metadata, and an authorization that still turns up for a payment we already
     * closed is cancelled by the webhook handler (lib/payments/stripe-webhooks.ts).
     */
    async findByPaymentId(paymentId) {
      if (!/^[\w-]+$/.test(paymentId)) return null; // ours are UUIDs; nothing to escape in the query
      const found = await stripe.paymentIntents.search({ query: `metadata['payment_id']:'${paymentId}'`, limit: 10 }).catch(unavailable);
      if (!found.data.length) return null;
      // One intent per idempotency key; should there be more, the newest live one matters.
      const pick = [...found.data].sort((a, b) => Number(a.status === 'canceled') - Number(b.status === 'canceled') || b.created - a.created)[0]!;
      return retrieve(pick.id); // search results can lag the object; read it fresh
    },

    async capture(ref, amount, idempotencyKey) {
      try {
        return expectState(await stripe.paymentIntents.capture(ref, { amount_to_capture: amount, expand }, { idempotencyKey }));
      } catch (err) {
        // Already captured (by an earlier attempt under another key, or from the dashboard): report it.
        if (isStripeError(err) && err.code === 'payment_intent_unexpected_state') {
          const s = await retrieve(ref);
          if (s.status === 'captured') return s;
        }
        return unavailable(err);
      }
    },

    async void(ref, idempotencyKey) {
      try {
        return expectState(await stripe.paymentIntents.cancel(ref, { cancellation_reason: 'abandoned', expand }, { idempotencyKey }));
      } catch (err) {
        // Cancelling a canceled (or failed) intent is a no-op for us, as the interface promises.
        if (isStripeError(err) && err.code === 'payment_intent_unexpected_state') {
          const s = await retrieve(ref);
          if (s.status === 'voided' || s.status === 'failed') return s;
        }
        return unavailable(err);
      }
    },

    async refund(ref, amount, idempotencyKey) {
      const refund = await stripe.refunds.create({ payment_intent: ref, amount }, { idempotencyKey }).catch(unavailable);
      if (refund.status === 'failed' || refund.status === 'canceled') {
        throw new Error(`Stripe refund ${refund.id} ${refund.status}${refund.failure_reason ? `: ${refund.failure_reason}` : ''}`);
      }
      const state = await retrieve(ref);
      // The charge may not show a pending refund yet; this refund is part of the total either way.
      return { refundRef: refund.id, state: { ...state, amountRefunded: Math.max(state.amountRefunded, Math.min(state.amountCaptured, amount)) } };
    },
  };
}
