'use client';

import { useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useEffect, useRef, useState, useTransition } from 'react';
import { Field } from '@/components/accounts/account-field';
import { CART_QUERY_KEY } from '@/components/cart/use-cart';
import type { ActionResult } from '@/lib/accounts/action';
import { quoteCheckoutAction, submitCheckoutAction, type SubmitCheckoutData } from '@/lib/checkout/actions';
import { billingAddressInput, contactStepInput, testCardInput, type SubmitCheckoutInput } from '@/lib/checkout/form-inputs';
import { formatMoney } from '@/lib/money';
import type { Quote } from '@/lib/pricing/quote';
import { AddressFields, addressLines } from './address-fields';
import { CheckoutAlertBox } from './checkout-alert';
import { alertForFailure, confirmationHref } from './failure';
import { newIdempotencyKey } from './idempotency';
import { OrderTotals, ReviewLines } from './order-summary';
import { PriceChangeBanner } from './price-change-banner';
import { DEFAULT_RATE, ShippingOptions } from './shipping-options';
import { StepSection, type StepState } from './step-section';
import { StripePaymentElement, StripePaymentError, type StripePaymentElementHandle } from './stripe-payment-element';
import { TestCardField } from './test-card-field';
import {
  EMPTY_ADDRESS,
  type AddressValues,
  type CheckoutAlert,
  type CheckoutStep,
  type CountryOption,
  type PriceChange,
  type SavedAddress,
  type StockLine,
  type TestCardHint,
} from './types';

export type CheckoutFlowProps = {
  account: { email: string; name: string | null } | null;
  savedAddresses: SavedAddress[];
  /** A saved address id, or 'new'. */
  initialChoice: string;
  initialAddress: AddressValues;
  initialEmail: string;
  initialSelections: Record<string, string>;
  initialQuote: Quote;
  /** The initial quote is for a real address (tax known). */
  initialDestination: boolean;
  initialStep: CheckoutStep;
  initialAlert: CheckoutAlert | null;
  /** Live from the server on every render: the shopper must accept these before paying. */
  priceChanges: PriceChange[];
  /** Cart lines that cannot be bought as they are (from the server): fixed in the cart. */
  stockProblems: StockLine[];
  provider: 'test' | 'stripe';
  /** Stripe's publishable key, when Stripe is the provider. */
  stripeKey: string | null;
  testCards: TestCardHint[];
  countries: CountryOption[];
  /** An express checkout of one flash-sale hold instead of the cart (components/flash-sales/express-checkout.tsx). */
  express?: ExpressCheckout;
};

/** What an express checkout changes: its own actions (bound to its hold), its way back, no cart to clear. */
export type ExpressCheckout = {
  quote: (input: { country: string; region?: string; shippingSelections: Record<string, string> }) => Promise<ActionResult<{ quote: Quote }>>;
  submit: (input: SubmitCheckoutInput) => Promise<ActionResult<SubmitCheckoutData>>;
  back: { href: string; label: string };
  signInHref: string;
  /** Shown above the steps (the hold's countdown). */
  banner?: React.ReactNode;
};

const STEPS: { id: CheckoutStep; title: string }[] = [
  { id: 'contact', title: 'Contact and address' },
  { id: 'shipping', title: 'Shipping method' },
  { id: 'payment', title: 'Payment' },
  { id: 'review', title: 'Review and place order' },
];

type Errors = Record<string, string[]>;

const onlyRateIds = (s: Record<string, string>) => Object.fromEntries(Object.entries(s).filter(([, v]) => v !== DEFAULT_RATE));

/** The checkout: contact and address → shipping per seller → payment → review, on one page. */
export function CheckoutFlow(props: CheckoutFlowProps) {
  const { account, savedAddresses, countries, provider } = props;
  const router = useRouter();
  const queryClient = useQueryClient();
  const countryName = (code: string) => countries.find((c) => c.value === code)?.label ?? code;

  const [step, setStep] = useState<CheckoutStep>(props.initialStep);
  const [email, setEmail] = useState(props.initialEmail);
  const [choice, setChoice] = useState(props.initialChoice);
  const [newAddress, setNewAddress] = useState<AddressValues>(props.initialChoice === 'new' ? props.initialAddress : EMPTY_ADDRESS);
  const [selections, setSelections] = useState<Record<string, string>>(props.initialSelections);
  const [card, setCard] = useState('');
  const [billingSame, setBillingSame] = useState(true);
  const [billing, setBilling] = useState<AddressValues>(EMPTY_ADDRESS);
  const [paymentMethodId, setPaymentMethodId] = useState<string | null>(null);
  const stripeRef = useRef<StripePaymentElementHandle>(null);
  const [preparing, startPreparing] = useTransition();
  const [quote, setQuote] = useState<Quote>(props.initialQuote);
  const [destinationKnown, setDestinationKnown] = useState(props.initialDestination);
  const [alert, setAlert] = useState<CheckoutAlert | null>(props.initialAlert);
  const [errors, setErrors] = useState<Errors>({});
  const [quoting, startQuote] = useTransition();
  const [submitting, startSubmit] = useTransition();
  const [leaving, setLeaving] = useState(false);

  // One idempotency key per reviewed submit: created on "Place order", reused by double clicks
  // and retries of that submit, dropped after a failed attempt or any change to the order.
  const keyRef = useRef<string | null>(null);
  const headings = useRef<Partial<Record<CheckoutStep, HTMLHeadingElement | null>>>({});
  const alertRef = useRef<HTMLDivElement>(null);
  const mounted = useRef(false);
  const focusInvalid = useRef(false);

  const address = choice === 'new' ? newAddress : (savedAddresses.find((a) => a.id === choice) ?? newAddress);
  const busy = quoting || submitting || leaving || preparing;

  useEffect(() => {
    if (!mounted.current) {
      mounted.current = true;
      if (alert) alertRef.current?.focus();
      return;
    }
    if (alert) alertRef.current?.focus();
    else headings.current[step]?.focus();
  }, [step, alert]);

  // After a refused step, the first field in error takes the focus (once it is marked invalid).
  useEffect(() => {
    if (!focusInvalid.current) return;
    focusInvalid.current = false;
    document.querySelector<HTMLElement>('[data-step-form] [aria-invalid="true"]')?.focus();
  }, [errors]);

  const changed = () => {
    keyRef.current = null;
  };
  const goTo = (next: CheckoutStep) => {
    setAlert(null);
    setStep(next);
  };
  const fail = (next: CheckoutAlert, at?: CheckoutStep) => {
    keyRef.current = null;
    if (at) setStep(at);
    setAlert(next);
  };

  // Quick changes (arrow keys through the shipping options) can overlap: only the latest answer counts.
  const quoteSeq = useRef(0);
  const requote = (addr: AddressValues, sel: Record<string, string>, then?: () => void) =>
    startQuote(async () => {
      const seq = ++quoteSeq.current;
      const res = await (props.express?.quote ?? quoteCheckoutAction)({ country: addr.country, region: addr.region, shippingSelections: onlyRateIds(sel) });
      if (seq !== quoteSeq.current) return;
      if (!res.ok) {
        fail({ kind: 'error', code: res.code, message: res.code === 'invalid_input' ? 'Check the address.' : res.message });
        return;
      }
      setQuote(res.data.quote);
      setDestinationKnown(true);
      then?.();
    });

  // Step 1.
  const submitContact = (e: React.FormEvent) => {
    e.preventDefault();
    const parsed = contactStepInput.safeParse({ email: account?.email ?? email, shippingAddress: address });
    if (!parsed.success) {
      const next: Errors = {};
      for (const issue of parsed.error.issues) {
        const key = issue.path[0] === 'shippingAddress' ? String(issue.path[1]) : String(issue.path[0]);
        (next[key] ??= []).push(issue.message);
      }
      if (choice !== 'new' && !next.email) {
        setAlert({ kind: 'error', code: 'invalid_input', message: 'That saved address is incomplete. Choose another or enter a new one.' });
        return;
      }
      focusInvalid.current = true;
      setErrors(next);
      return;
    }
    setErrors({});
    requote(address, selections, () => goTo('shipping'));
  };

  // Step 2.
  const selectShipping = (storeId: string, rateId: string) => {
    changed();
    const next = { ...selections, [storeId]: rateId };
    setSelections(next);
    requote(address, next);
  };
  const submitShipping = (e: React.FormEvent) => {
    e.preventDefault();
    if (quote.missingShipping.length) return;
    goTo('payment');
  };

  // Step 3.
  /** The billing address's errors (keyed `billing.<field>`), or null when it is the shipping address or complete. */
  const billingErrors = (): Errors | null => {
    if (billingSame) return null;
    const parsed = billingAddressInput.safeParse(billing);
    if (parsed.success) return null;
    const next: Errors = {};
    for (const issue of parsed.error.issues) (next[`billing.${String(issue.path[0])}`] ??= []).push(issue.message);
    return next;
  };
  const submitPayment = (e: React.FormEvent) => {
    e.preventDefault();
    const badBilling = billingErrors();
    if (badBilling) {
      focusInvalid.current = true;
      setErrors(badBilling);
      return;
    }
    if (provider === 'stripe') {
      // Stripe turns the Payment Element's details into a PaymentMethod; nothing is charged yet.
      startPreparing(async () => {
        try {
          const pm = await stripeRef.current?.createPaymentMethod();
          if (!pm) throw new StripePaymentError('The card form is still loading. Try again in a moment.');
          changed();
          setErrors({});
          setPaymentMethodId(pm);
          goTo('review');
        } catch (err) {
          setErrors({ card: [err instanceof StripePaymentError ? err.message : 'Your payment details could not be used. Try again.'] });
        }
      });
      return;
    }
    const parsed = testCardInput.safeParse(card);
    if (!parsed.success) {
      focusInvalid.current = true;
      setErrors({ card: [parsed.error.issues[0]?.message ?? 'Enter the card number'] });
      return;
    }
    setErrors({});
    goTo('review');
  };

  // Step 4.
  const handleResult = (res: ActionResult<SubmitCheckoutData>) => {
    if (!res.ok) {
      switch (res.code) {
        case 'invalid_card':
          setErrors({ card: [res.message] });
          return fail({ kind: 'payment', title: 'Check the card number', message: res.message }, 'payment');
        case 'shipping_unavailable':
          return fail({ kind: 'error', code: res.code, message: res.message }, 'shipping');
        case 'total_changed':
          fail({ kind: 'error', code: res.code, message: res.message });
          return requote(address, selections);
        case 'price_changed':
          fail({ kind: 'error', code: res.code, message: res.message });
          return router.refresh();
        case 'invalid_input': {
          const fe = res.fieldErrors ?? {};
          const at: CheckoutStep = fe.email || fe.shippingAddress ? 'contact' : fe.payment || fe.billingAddress ? 'payment' : fe.shippingSelections ? 'shipping' : 'review';
          return fail({ kind: 'error', code: res.code, message: 'Some details need another look.' }, at);
        }
        case 'checkout_in_progress':
        case 'internal':
        case 'rate_limited':
          // The same submit may be retried as it is: keep the key.
          return setAlert({ kind: 'error', code: res.code, message: res.message });
        default:
          return fail({ kind: 'error', code: res.code, message: res.message });
      }
    }
    if (res.data.kind === 'out_of_stock') return fail({ kind: 'stock', message: res.data.message, lines: res.data.lines });
    const c = res.data.checkout;
    if (c.status === 'completed' && c.order) {
      setLeaving(true);
      if (!props.express) queryClient.setQueryData(CART_QUERY_KEY, null);
      router.push(confirmationHref(c.order));
      return;
    }
    if (c.status === 'requires_action' && c.actionUrl) {
      setLeaving(true);
      window.location.assign(c.actionUrl);
      return;
    }
    if (c.status === 'failed' && c.failure) {
      const { alert: a, step: at } = alertForFailure(c.failure);
      return fail(a, at);
    }
    // Still processing (a queued saga): the return page polls until it settles.
    setLeaving(true);
    router.push(`/checkout/return?checkout=${c.id}`);
  };

  const placeOrder = (e: React.FormEvent) => {
    e.preventDefault();
    if (busy || props.priceChanges.length || props.stockProblems.length) return;
    keyRef.current ??= newIdempotencyKey();
    const idempotencyKey = keyRef.current;
    setAlert(null);
    startSubmit(async () => {
      let res: ActionResult<SubmitCheckoutData>;
      try {
        res = await (props.express?.submit ?? submitCheckoutAction)({
          email: account?.email ?? email,
          shippingAddress: address,
          billingAddress: billingSame ? null : billing,
          shippingSelections: onlyRateIds(selections),
          payment: provider === 'stripe' ? { provider: 'stripe', paymentMethodId: paymentMethodId ?? '' } : { provider: 'test', card },
          idempotencyKey,
          expectedTotal: quote.total,
        });
      } catch {
        // The network dropped: the same key makes a retry safe.
        setAlert({ kind: 'error', code: 'network', message: 'We could not reach the shop. Check your connection and press “Place order” again.' });
        return;
      }
      handleResult(res);
    });
  };

  const index = STEPS.findIndex((s) => s.id === step);
  const stateOf = (i: number): StepState => (i < index ? 'done' : i === index ? 'current' : 'upcoming');
  const money = (n: number) => formatMoney(n, quote.currency);
  const blocked = props.priceChanges.length > 0 || props.stockProblems.length > 0;

  const summaries: Record<CheckoutStep, React.ReactNode> = {
    contact: (
      <div className="grid gap-3 sm:grid-cols-2">
        <p>
          <span className="block font-medium">Contact</span>
          <span className="break-all">{account?.email ?? email}</span>
        </p>
        <p>
          <span className="block font-medium">Ship to</span>
          {addressLines(address, countryName).map((l, i) => (
            <span key={i} className="block">
              {l}
            </span>
          ))}
        </p>
      </div>
    ),
    shipping: (
      <ul className="space-y-1">
        {quote.stores.map((s) => (
          <li key={s.storeId}>
            {s.storeName}: {s.shippingName || 'Shipping'} ({s.shipping ? money(s.shipping) : 'Free'})
          </li>
        ))}
      </ul>
    ),
    payment: (
      <div className="grid gap-3 sm:grid-cols-2">
        <p>
          <span className="block font-medium">Card</span>
          {provider === 'test' ? `Test card ending ${card.replace(/\D/g, '').slice(-4)}` : 'Card (through Stripe)'}
        </p>
        <p>
          <span className="block font-medium">Bill to</span>
          {billingSame
            ? 'Same as shipping'
            : addressLines(billing, countryName).map((l, i) => (
                <span key={i} className="block">
                  {l}
                </span>
              ))}
        </p>
      </div>
    ),
    review: null,
  };

  return (
    <div className="grid gap-8 lg:grid-cols-[1fr_22rem]">
      <div className="space-y-4">
        {props.express?.banner}
        <div aria-live="polite">{props.priceChanges.length ? <PriceChangeBanner changes={props.priceChanges} currency={quote.currency} /> : null}</div>
        {props.stockProblems.length ? <CheckoutAlertBox alert={{ kind: 'stock', message: '', lines: props.stockProblems }} /> : null}
        {alert ? <CheckoutAlertBox ref={alertRef} alert={alert} /> : null}

        {STEPS.map((s, i) => (
          <StepSection
            key={s.id}
            n={i + 1}
            id={s.id}
            title={s.title}
            state={stateOf(i)}
            headingRef={(el) => {
              headings.current[s.id] = el;
            }}
            summary={summaries[s.id]}
            onEdit={() => goTo(s.id)}
            editDisabled={busy}
          >
            {s.id === 'contact' ? (
              <form onSubmit={submitContact} noValidate data-step-form="contact" className="space-y-5">
                {account ? (
                  <p className="text-sm">
                    Signed in as <strong className="break-all">{account.email}</strong>. Your receipt goes to this address.
                  </p>
                ) : (
                  <div className="space-y-2">
                    <Field
                      name="email"
                      idPrefix="checkout"
                      label="Email"
                      type="email"
                      autoComplete="email"
                      value={email}
                      onChange={(e) => {
                        changed();
                        setEmail(e.target.value);
                      }}
                      errors={errors.email}
                      hint="For your receipt and order updates."
                    />
                    <p className="text-sm text-slate-700">
                      Have an account?{' '}
                      <Link href={props.express?.signInHref ?? '/signin?callbackUrl=%2Fcheckout'} className="font-medium text-brand-700 underline">
                        Sign in
                      </Link>{' '}
                      to use your saved addresses.
                    </p>
                  </div>
                )}
                {savedAddresses.length ? (
                  <fieldset className="space-y-2">
                    <legend className="text-sm font-semibold">Shipping address</legend>
                    {savedAddresses.map((a) => (
                      <div key={a.id} className="flex items-start gap-3 rounded-md border border-slate-200 p-3 has-[:checked]:border-brand-600 has-[:checked]:bg-brand-50">
                        <input
                          id={`addr-${a.id}`}
                          type="radio"
                          name="address"
                          value={a.id}
                          checked={choice === a.id}
                          onChange={() => {
                            changed();
                            setErrors({});
                            setChoice(a.id);
                          }}
                          className="mt-1 size-4"
                        />
                        <label htmlFor={`addr-${a.id}`} className="flex-1 text-sm">
                          {addressLines(a, countryName).join(', ')}
                          {a.isDefault ? <span className="ml-2 rounded bg-brand-50 px-2 py-0.5 text-xs font-medium text-brand-800">Default</span> : null}
                        </label>
                      </div>
                    ))}
                    <div className="flex items-start gap-3 rounded-md border border-slate-200 p-3 has-[:checked]:border-brand-600 has-[:checked]:bg-brand-50">
                      <input
                        id="addr-new"
                        type="radio"
                        name="address"
                        value="new"
                        checked={choice === 'new'}
                        onChange={() => {
                          changed();
                          setChoice('new');
                        }}
                        className="mt-1 size-4"
                      />
                      <label htmlFor="addr-new" className="flex-1 text-sm font-medium">
                        Use a new address
                      </label>
                    </div>
                  </fieldset>
                ) : null}
                {choice === 'new' ? (
                  <fieldset className="space-y-4">
                    <legend className="text-sm font-semibold">{savedAddresses.length ? 'New address' : 'Shipping address'}</legend>
                    <AddressFields
                      idPrefix="ship"
                      value={newAddress}
                      onChange={(next) => {
                        changed();
                        setNewAddress(next);
                      }}
                      errors={errors}
                      countries={countries}
                    />
                  </fieldset>
                ) : null}
                <ContinueButton busy={quoting} label="Continue to shipping" busyLabel="Checking the address…" />
              </form>
            ) : s.id === 'shipping' ? (
              <form onSubmit={submitShipping} noValidate className="space-y-5">
                <ShippingOptions quote={quote} selections={selections} onSelect={selectShipping} />
                <p role="status" className="min-h-5 text-sm text-slate-700">
                  {quoting ? 'Updating your total…' : null}
                </p>
                <ContinueButton busy={quoting} disabled={quote.missingShipping.length > 0} label="Continue to payment" busyLabel="Updating…" />
              </form>
            ) : s.id === 'payment' ? (
              <form onSubmit={submitPayment} noValidate data-step-form="payment" className="space-y-5">
                {provider === 'test' ? (
                  <TestCardField
                    value={card}
                    onChange={(v) => {
                      changed();
                      setErrors({});
                      setCard(v);
                    }}
                    error={errors.card?.[0]}
                    cards={props.testCards}
                  />
                ) : props.stripeKey ? (
                  <div className="space-y-2">
                    <StripePaymentElement
                      ref={stripeRef}
                      publishableKey={props.stripeKey}
                      amount={quote.total}
                      currency={quote.currency}
                      billingDetails={{ name: (billingSame ? address : billing).fullName, email: account?.email ?? email }}
                    />
                    {errors.card ? (
                      <p role="alert" className="text-sm text-sale">
                        {errors.card[0]}
                      </p>
                    ) : null}
                  </div>
                ) : (
                  <p className="text-sm text-slate-700">Card payments are not configured on this shop yet. Please try again later.</p>
                )}
                <div className="space-y-4">
                  <div className="flex items-center gap-3">
                    <input
                      id="billing-same"
                      type="checkbox"
                      checked={billingSame}
                      onChange={(e) => {
                        changed();
                        setErrors({});
                        setBillingSame(e.target.checked);
                      }}
                      className="size-4"
                    />
                    <label htmlFor="billing-same" className="text-sm font-medium">
                      Billing address is the same as the shipping address
                    </label>
                  </div>
                  {billingSame ? null : (
                    <fieldset className="space-y-4">
                      <legend className="text-sm font-semibold">Billing address</legend>
                      <AddressFields
                        idPrefix="bill"
                        section="billing"
                        value={billing}
                        onChange={(next) => {
                          changed();
                          setBilling(next);
                        }}
                        errors={Object.fromEntries(Object.entries(errors).flatMap(([k, v]) => (k.startsWith('billing.') ? [[k.slice(8), v]] : [])))}
                        countries={countries}
                      />
                    </fieldset>
                  )}
                </div>
                <ContinueButton busy={preparing} disabled={provider === 'stripe' && !props.stripeKey} label="Continue to review" busyLabel="Checking your card…" />
              </form>
            ) : (
              <form onSubmit={placeOrder} noValidate className="space-y-5">
                <ReviewLines quote={quote} />
                <div className="rounded-lg bg-slate-50 p-4 lg:hidden">
                  <OrderTotals quote={quote} taxKnown={destinationKnown} shippingKnown />
                </div>
                <p className="text-sm text-slate-700">
                  By placing your order you agree to pay {money(quote.total)}. Each seller ships their items separately.
                </p>
                {blocked ? <p className="text-sm font-medium text-sale">Resolve the notices above before placing your order.</p> : null}
                <button
                  type="submit"
                  disabled={busy || blocked}
                  aria-disabled={busy || blocked}
                  className="w-full rounded-md bg-brand-600 px-4 py-3 text-base font-semibold text-white hover:bg-brand-700 disabled:opacity-60 sm:w-auto"
                >
                  {submitting || leaving ? 'Placing your order…' : `Place order · ${money(quote.total)}`}
                </button>
                <p role="status" className="sr-only">
                  {submitting ? 'Placing your order. This can take a few seconds.' : ''}
                </p>
              </form>
            )}
          </StepSection>
        ))}
      </div>

      <aside aria-labelledby="checkout-summary-heading" className="hidden h-fit space-y-3 rounded-lg border border-slate-200 p-4 lg:sticky lg:top-4 lg:block">
        <h2 id="checkout-summary-heading" className="text-lg font-semibold">
          Order summary
        </h2>
        <OrderTotals quote={quote} taxKnown={destinationKnown} shippingKnown={index > 0} />
        <Link href={props.express?.back.href ?? '/cart'} className="block text-sm text-brand-700 underline">
          {props.express?.back.label ?? 'Edit cart'}
        </Link>
      </aside>
    </div>
  );
}

function ContinueButton({ busy, disabled, label, busyLabel }: { busy: boolean; disabled?: boolean; label: string; busyLabel: string }) {
  return (
    <button type="submit" disabled={busy || disabled} className="rounded-md bg-brand-600 px-5 py-2.5 font-medium text-white hover:bg-brand-700 disabled:opacity-60">
      {busy ? busyLabel : label}
    </button>
  );
}
