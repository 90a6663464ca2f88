'use client';

import { Elements, PaymentElement, useElements, useStripe } from '@stripe/react-stripe-js';
import type { Appearance, Stripe, StripeElementsOptionsMode } from '@stripe/stripe-js';
// The `pure` entry loads Stripe.js only when loadStripe is called, so importing this file on a
// checkout that uses the test provider never contacts js.stripe.com.
import { loadStripe } from '@stripe/stripe-js/pure';
import { type Ref, useEffect, useImperativeHandle, useMemo, useState } from 'react';

/** A failure the shopper can act on (Stripe's message is written for them: "Your card number is incomplete."). */
export class StripePaymentError extends Error {
  constructor(
    message: string,
    readonly code?: string,
  ) {
    super(message);
    this.name = 'StripePaymentError';
  }
}

export type StripePaymentElementHandle = {
  /**
   * Validates the form and turns what the shopper entered into a PaymentMethod (`pm_…`), which
   * the checkout submit carries as its payment method. Nothing is charged here: the server
   * creates and confirms the PaymentIntent (manual capture). Throws StripePaymentError with a
   * message to show.
   */
  createPaymentMethod(): Promise<string>;
};

export type StripePaymentElementProps = {
  /** `NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY`, passed down by the server page (`env`). */
  publishableKey: string;
  /** What the PaymentIntent will be for, in minor units; the element shows methods that fit it. */
  amount: number;
  currency: string;
  /** Billing name and email, sent with the PaymentMethod (the Element does not ask for them). */
  billingDetails?: { name?: string; email?: string };
  /** Whether the form is complete enough to submit. */
  onCompleteChange?: (complete: boolean) => void;
  ref?: Ref<StripePaymentElementHandle>;
};

// One Stripe.js instance per key for the page's life (Stripe asks not to reload it per render).
const loaded = new Map<string, Promise<Stripe | null>>();
function stripeFor(key: string): Promise<Stripe | null> {
  let p = loaded.get(key);
  if (!p) {
    p = loadStripe(key).catch(() => {
      loaded.delete(key); // a later mount may try again
      return null;
    });
    loaded.set(key, p);
  }
  return p;
}

const appearance: Appearance = {
  theme: 'stripe',
  variables: { colorPrimary: '#1d5fd1', colorDanger: '#b42318', borderRadius: '6px', fontFamily: 'inherit' },
};

/**
 * Stripe's Payment Element in deferred-intent mode: it collects card (or other method)
 * details before any PaymentIntent exists, with the same amount, currency and manual capture
 * the server will use (lib/payments/stripe-provider.ts). Rendered by the checkout when the
 * active provider is Stripe.
 */
export function StripePaymentElement({ publishableKey, amount, currency, billingDetails, onCompleteChange, ref }: StripePaymentElementProps) {
  const stripePromise = useMemo(() => stripeFor(publishableKey), [publishableKey]);
  const [loadFailed, setLoadFailed] = useState(false);
  useEffect(() => {
    let live = true;
    void stripePromise.then((s) => live && setLoadFailed(!s));
    return () => {
      live = false;
    };
  }, [stripePromise]);

  const options: StripeElementsOptionsMode = {
    mode: 'payment',
    amount,
    currency: currency.toLowerCase(),
    captureMethod: 'manual',
    paymentMethodCreation: 'manual',
    appearance,
  };

  if (loadFailed) {
    return (
      <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-sale">
        The card form could not be loaded. Check your connection and reload the page.
      </p>
    );
  }
  if (amount <= 0) return null; // nothing to pay; Stripe refuses a zero-amount payment form
  return (
    <Elements stripe={stripePromise} options={options}>
      <PaymentForm billingDetails={billingDetails} onCompleteChange={onCompleteChange} handleRef={ref} />
    </Elements>
  );
}

function PaymentForm({
  billingDetails,
  onCompleteChange,
  handleRef,
}: {
  billingDetails?: StripePaymentElementProps['billingDetails'];
  onCompleteChange?: (complete: boolean) => void;
  handleRef?: Ref<StripePaymentElementHandle>;
}) {
  const stripe = useStripe();
  const elements = useElements();

  useImperativeHandle(
    handleRef,
    () => ({
      async createPaymentMethod() {
        if (!stripe || !elements) throw new StripePaymentError('The card form is still loading. Try again in a moment.', 'not_ready');
        // submit() validates the fields and collects what wallets need; it must come first.
        const submitted = await elements.submit();
        if (submitted.error) throw new StripePaymentError(submitted.error.message ?? 'Check your payment details.', submitted.error.code);
        const { error, paymentMethod } = await stripe.createPaymentMethod({
          elements,
          params: billingDetails ? { billing_details: { name: billingDetails.name, email: billingDetails.email } } : undefined,
        });
        if (error || !paymentMethod) throw new StripePaymentError(error?.message ?? 'Your payment details could not be used.', error?.code);
        return paymentMethod.id;
      },
    }),
    [stripe, elements, billingDetails],
  );

  return (
    <div aria-busy={!stripe}>
      <PaymentElement
        options={{
          layout: 'tabs',
          // We send the name and email ourselves (the checkout already asked for them).
          fields: billingDetails ? { billingDetails: { name: billingDetails.name ? 'never' : 'auto', email: billingDetails.email ? 'never' : 'auto' } } : undefined,
        }}
        onChange={(e) => onCompleteChange?.(e.complete)}
      />
    </div>
  );
}

export type NextActionResult = { ok: true; status: string } | { ok: false; message: string; code?: string };

/**
 * Runs the 3-D Secure (or other) step Stripe asks for, when the checkout reports
 * `requires_action` with a client secret. Resolves once the shopper finished or gave up; the
 * webhook then tells the checkout, so the caller just goes back to polling the checkout status.
 */
export async function handleStripeNextAction(publishableKey: string, clientSecret: string): Promise<NextActionResult> {
  const stripe = await stripeFor(publishableKey);
  if (!stripe) return { ok: false, message: 'The card check could not be loaded. Check your connection and try again.', code: 'stripe_unavailable' };
  const { error, paymentIntent } = await stripe.handleNextAction({ clientSecret });
  if (error) return { ok: false, message: error.message ?? 'The card check did not complete.', code: error.code };
  return { ok: true, status: paymentIntent?.status ?? 'unknown' };
}
