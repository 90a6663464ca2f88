import Stripe from 'stripe';
import { describe, expect, it } from 'vitest';
import { parseEnv } from '@/lib/platform/env';
import { ProviderUnavailableError } from './provider';
import { createStripeProvider } from './stripe-provider';

/** One HTTP request the SDK made, as Stripe would have received it. */
type Seen = { method: string; path: string; query: URLSearchParams; body: URLSearchParams; headers: Headers };
type Reply = { status?: number; body: unknown } | Error;

/**
 * A Stripe client whose HTTP goes to `reply` instead of the network: every request is recorded
 * and answered with the next scripted reply (a JSON body, or an Error to throw like a dropped
 * connection).
 */
function fakeStripe(replies: Reply[], opts: { maxNetworkRetries?: number } = {}) {
  const seen: Seen[] = [];
  const fetchFn = async (url: string | URL | Request, init?: RequestInit) => {
    const u = new URL(String(url));
    seen.push({
      method: init?.method ?? 'GET',
      path: u.pathname,
      query: u.searchParams,
      body: new URLSearchParams(typeof init?.body === 'string' ? init.body : ''),
      headers: new Headers(init?.headers),
    });
    const r = replies.shift();
    if (!r) throw new Error(`unexpected request ${init?.method} ${u.pathname}`);
    if (r instanceof Error) throw r;
    return new Response(JSON.stringify(r.body), { status: r.status ?? 200, headers: { 'content-type': 'application/json', 'request-id': 'req_test' } });
  };
  const stripe = new Stripe('sk_test_fake', { httpClient: Stripe.createFetchHttpClient(fetchFn), maxNetworkRetries: opts.maxNetworkRetries ?? 0 });
  const provider = createStripeProvider(parseEnv({ NODE_ENV: 'test' }), { stripe });
  return { provider, seen };
}

const PAYMENT_ID = '7f1d8c1e-2a40-4d55-9a49-3f7a3c0a9b11';
const CHECKOUT_ID = '0b6e3f7a-5c1d-4e2f-8a9b-1c2d3e4f5a6b';

function intent(over: Record<string, unknown> = {}) {
  return {
    id: 'pi_123',
    object: 'payment_intent',
    amount: 4200,
    amount_received: 0,
    currency: 'usd',
    capture_method: 'manual',
    client_secret: 'pi_123_secret_abc',
    created: 1_700_000_000,
    status: 'requires_capture',
    metadata: { checkout_id: CHECKOUT_ID, payment_id: PAYMENT_ID },
    next_action: null,
    last_payment_error: null,
    latest_charge: null,
    ...over,
  };
}

const input = {
  paymentId: PAYMENT_ID,
  checkoutId: CHECKOUT_ID,
  amount: 4200,
  currency: 'USD',
  paymentMethod: 'pm_card_visa',
  email: 'buyer@example.com',
  returnUrl: 'https://shop.example/checkout/status?c=1',
};

const stripeError = (status: number, error: Record<string, unknown>) => ({ status, body: { error } });

describe('Stripe provider: authorize', () => {
  it('creates a manual-capture PaymentIntent confirmed with the browser’s PaymentMethod, keyed by our payment id', async () => {
    const { provider, seen } = fakeStripe([{ body: intent() }]);
    const result = await provider.authorize(input);

    expect(result).toEqual({ ref: 'pi_123', paymentId: PAYMENT_ID, status: 'authorized', amount: 4200, amountCaptured: 0, amountRefunded: 0 });
    expect(seen).toHaveLength(1);
    const req = seen[0]!;
    expect(req.method).toBe('POST');
    expect(req.path).toBe('/v1/payment_intents');
    expect(req.headers.get('idempotency-key')).toBe(`authorize:${PAYMENT_ID}`);
    expect(req.headers.get('authorization')).toBe('Bearer sk_test_fake');
    expect(Object.fromEntries(req.body)).toMatchObject({
      amount: '4200',
      currency: 'usd',
      capture_method: 'manual',
      confirm: 'true',
      payment_method: 'pm_card_visa',
      return_url: input.returnUrl,
      'metadata[checkout_id]': CHECKOUT_ID,
      'metadata[payment_id]': PAYMENT_ID,
      'automatic_payment_methods[enabled]': 'true',
    });
    expect(req.body.has('receipt_email')).toBe(false);
  });

  it('maps requires_action to the redirect URL and the client secret for handleNextAction', async () => {
    const { provider } = fakeStripe([
      { body: intent({ status: 'requires_action', next_action: { type: 'redirect_to_url', redirect_to_url: { url: 'https://hooks.stripe.com/3d_secure/x', return_url: input.returnUrl } } }) },
    ]);
    expect(await provider.authorize(input)).toMatchObject({ status: 'requires_action', ref: 'pi_123', actionUrl: 'https://hooks.stripe.com/3d_secure/x', clientSecret: 'pi_123_secret_abc' });
  });

  it('requires_action without a redirect (use_stripe_sdk) still carries the client secret', async () => {
    const { provider } = fakeStripe([{ body: intent({ status: 'requires_action', next_action: { type: 'use_stripe_sdk', use_stripe_sdk: {} } }) }]);
    expect(await provider.authorize(input)).toMatchObject({ status: 'requires_action', actionUrl: null, clientSecret: 'pi_123_secret_abc' });
  });

  it('turns a card error into a decline with Stripe’s decline code and the intent it left behind', async () => {
    const { provider } = fakeStripe([
      stripeError(402, {
        type: 'card_error',
        code: 'card_declined',
        decline_code: 'insufficient_funds',
        message: 'Your card has insufficient funds.',
        payment_intent: intent({ status: 'requires_payment_method' }),
      }),
    ]);
    expect(await provider.authorize(input)).toEqual({ ref: 'pi_123', status: 'declined', declineCode: 'insufficient_funds', message: 'Your card has insufficient funds.' });
  });

  it('a card error without a decline code falls back to its error code', async () => {
    const { provider } = fakeStripe([stripeError(402, { type: 'card_error', code: 'expired_card', message: 'Your card has expired.' })]);
    expect(await provider.authorize(input)).toEqual({ ref: null, status: 'declined', declineCode: 'expired_card', message: 'Your card has expired.' });
  });

  it('refuses something that is not a PaymentMethod id without calling Stripe', async () => {
    const { provider, seen } = fakeStripe([]);
    expect(await provider.authorize({ ...input, paymentMethod: 'test_card_4242424242424242' })).toMatchObject({ status: 'declined', declineCode: 'invalid_payment_method' });
    expect(seen).toHaveLength(0);
  });

  it('a PaymentMethod Stripe does not know is a decline, not a crash', async () => {
    const { provider } = fakeStripe([stripeError(400, { type: 'invalid_request_error', code: 'resource_missing', param: 'payment_method', message: "No such PaymentMethod: 'pm_gone'" })]);
    expect(await provider.authorize({ ...input, paymentMethod: 'pm_gone' })).toMatchObject({ status: 'declined', declineCode: 'invalid_payment_method' });
  });

  it('a dropped connection is ProviderUnavailableError, and the SDK’s own retry reuses our idempotency key', async () => {
    const { provider, seen } = fakeStripe([new TypeError('fetch failed'), new TypeError('fetch failed')], { maxNetworkRetries: 1 });
    await expect(provider.authorize(input)).rejects.toBeInstanceOf(ProviderUnavailableError);
    expect(seen).toHaveLength(2);
    expect(seen.map((r) => r.headers.get('idempotency-key'))).toEqual([`authorize:${PAYMENT_ID}`, `authorize:${PAYMENT_ID}`]);
  });

  it('a retry after a timeout replays the same request, so Stripe answers with the first intent', async () => {
    const { provider, seen } = fakeStripe([new TypeError('fetch failed'), { body: intent() }]);
    await expect(provider.authorize(input)).rejects.toBeInstanceOf(ProviderUnavailableError);
    expect(await provider.authorize(input)).toMatchObject({ status: 'authorized', ref: 'pi_123' });
    expect(seen[0]!.headers.get('idempotency-key')).toBe(seen[1]!.headers.get('idempotency-key'));
    expect(seen[0]!.body.toString()).toBe(seen[1]!.body.toString());
  });

  it('a Stripe 5xx or rate limit is ProviderUnavailableError', async () => {
    const { provider } = fakeStripe([stripeError(500, { type: 'api_error', message: 'Something went wrong on Stripe’s end.' }), stripeError(429, { type: 'invalid_request_error', code: 'rate_limit', message: 'Too many requests' })]);
    await expect(provider.authorize(input)).rejects.toBeInstanceOf(ProviderUnavailableError);
    await expect(provider.authorize(input)).rejects.toBeInstanceOf(ProviderUnavailableError);
  });

  it('a bad API key is not "unavailable": it surfaces as Stripe’s authentication error', async () => {
    const { provider } = fakeStripe([stripeError(401, { type: 'invalid_request_error', message: 'Invalid API Key provided' })]);
    await expect(provider.authorize(input)).rejects.toBeInstanceOf(Stripe.errors.StripeAuthenticationError);
  });

  it('a 3-D Secure failure reported on creation is a decline with code authentication_failed', async () => {
    const { provider } = fakeStripe([
      { body: intent({ status: 'requires_payment_method', last_payment_error: { type: 'invalid_request_error', code: 'payment_intent_authentication_failure', message: 'We are unable to authenticate your payment method.' } }) },
    ]);
    expect(await provider.authorize(input)).toMatchObject({ status: 'declined', ref: 'pi_123', declineCode: 'authentication_failed' });
  });
});

describe('Stripe provider: retrieve, capture, void, refund', () => {
  it('retrieve expands the latest charge and maps every status', async () => {
    const charge = { id: 'ch_1', object: 'charge', amount: 4200, amount_captured: 4200, amount_refunded: 1000, payment_intent: 'pi_123', metadata: {} };
    const { provider, seen } = fakeStripe([
      { body: intent({ status: 'succeeded', amount_received: 4200, latest_charge: charge }) },
      { body: intent({ status: 'canceled' }) },
      { body: intent({ status: 'requires_payment_method', last_payment_error: { type: 'card_error', code: 'card_declined', decline_code: 'do_not_honor', message: 'Your card was declined.' } }) },
      { body: intent({ status: 'processing' }) },
    ]);
    expect(await provider.retrieve('pi_123')).toMatchObject({ status: 'captured', amountCaptured: 4200, amountRefunded: 1000 });
    expect(seen[0]).toMatchObject({ method: 'GET', path: '/v1/payment_intents/pi_123' });
    expect(seen[0]!.query.getAll('expand[0]')).toEqual(['latest_charge']);
    expect(await provider.retrieve('pi_123')).toMatchObject({ status: 'voided' });
    expect(await provider.retrieve('pi_123')).toMatchObject({ status: 'failed', failureCode: 'do_not_honor', failureMessage: 'Your card was declined.' });
    // No status of ours for `processing`: the outcome is not known yet, like a timeout.
    await expect(provider.retrieve('pi_123')).rejects.toBeInstanceOf(ProviderUnavailableError);
  });

  it('capture sends the amount and our key, and maps succeeded to captured', async () => {
    const { provider, seen } = fakeStripe([{ body: intent({ status: 'succeeded', amount_received: 4200 }) }]);
    expect(await provider.capture('pi_123', 4200, `capture:${PAYMENT_ID}`)).toMatchObject({ status: 'captured', amountCaptured: 4200, amountRefunded: 0 });
    expect(seen[0]).toMatchObject({ method: 'POST', path: '/v1/payment_intents/pi_123/capture' });
    expect(seen[0]!.headers.get('idempotency-key')).toBe(`capture:${PAYMENT_ID}`);
    expect(seen[0]!.body.get('amount_to_capture')).toBe('4200');
  });

  it('capturing an intent that is already captured reports it captured', async () => {
    const { provider } = fakeStripe([
      stripeError(400, { type: 'invalid_request_error', code: 'payment_intent_unexpected_state', message: 'This PaymentIntent could not be captured because it has a status of succeeded.' }),
      { body: intent({ status: 'succeeded', amount_received: 4200 }) },
    ]);
    expect(await provider.capture('pi_123', 4200, 'capture:x')).toMatchObject({ status: 'captured', amountCaptured: 4200 });
  });

  it('capturing a canceled intent is an error', async () => {
    const { provider } = fakeStripe([
      stripeError(400, { type: 'invalid_request_error', code: 'payment_intent_unexpected_state', message: 'This PaymentIntent could not be captured because it has a status of canceled.' }),
      { body: intent({ status: 'canceled' }) },
    ]);
    await expect(provider.capture('pi_123', 4200, 'capture:x')).rejects.toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
  });

  it('void cancels with our key; voiding a canceled intent is a no-op', async () => {
    const { provider, seen } = fakeStripe([
      { body: intent({ status: 'canceled' }) },
      stripeError(400, { type: 'invalid_request_error', code: 'payment_intent_unexpected_state', message: 'This PaymentIntent could not be canceled because it has a status of canceled.' }),
      { body: intent({ status: 'canceled' }) },
    ]);
    expect(await provider.void('pi_123', `void:${PAYMENT_ID}`)).toMatchObject({ status: 'voided' });
    expect(seen[0]).toMatchObject({ method: 'POST', path: '/v1/payment_intents/pi_123/cancel' });
    expect(seen[0]!.headers.get('idempotency-key')).toBe(`void:${PAYMENT_ID}`);
    expect(await provider.void('pi_123', `void:${PAYMENT_ID}`)).toMatchObject({ status: 'voided' });
  });

  it('void of a captured intent is refused (the service refunds instead)', async () => {
    const { provider } = fakeStripe([
      stripeError(400, { type: 'invalid_request_error', code: 'payment_intent_unexpected_state', message: 'This PaymentIntent could not be canceled because it has a status of succeeded.' }),
      { body: intent({ status: 'succeeded', amount_received: 4200 }) },
    ]);
    await expect(provider.void('pi_123', 'void:x')).rejects.toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
  });

  it('refund creates a refund with our key and returns the refunded state', async () => {
    const charge = { id: 'ch_1', object: 'charge', amount: 4200, amount_captured: 4200, amount_refunded: 1500, payment_intent: 'pi_123', metadata: {} };
    const { provider, seen } = fakeStripe([
      { body: { id: 're_1', object: 'refund', amount: 1500, status: 'succeeded', payment_intent: 'pi_123' } },
      { body: intent({ status: 'succeeded', amount_received: 4200, latest_charge: charge }) },
    ]);
    const r = await provider.refund('pi_123', 1500, 'refund:r1');
    expect(r).toEqual({ refundRef: 're_1', state: expect.objectContaining({ status: 'captured', amountCaptured: 4200, amountRefunded: 1500 }) });
    expect(seen[0]).toMatchObject({ method: 'POST', path: '/v1/refunds' });
    expect(seen[0]!.headers.get('idempotency-key')).toBe('refund:r1');
    expect(Object.fromEntries(seen[0]!.body)).toMatchObject({ payment_intent: 'pi_123', amount: '1500' });
  });

  it('a refund Stripe reports as failed throws', async () => {
    const { provider } = fakeStripe([{ body: { id: 're_2', object: 'refund', amount: 100, status: 'failed', failure_reason: 'expired_or_canceled_card', payment_intent: 'pi_123' } }]);
    await expect(provider.refund('pi_123', 100, 'refund:r2')).rejects.toThrow(/failed/);
  });
});

describe('Stripe provider: findByPaymentId', () => {
  it('searches by our metadata and reads the intent fresh', async () => {
    const { provider, seen } = fakeStripe([
      { body: { object: 'search_result', data: [intent({ status: 'requires_action' })], has_more: false, next_page: null, url: '/v1/payment_intents/search' } },
      { body: intent({ status: 'requires_capture' }) },
    ]);
    expect(await provider.findByPaymentId(PAYMENT_ID)).toMatchObject({ ref: 'pi_123', status: 'authorized', paymentId: PAYMENT_ID });
    expect(seen[0]).toMatchObject({ method: 'GET', path: '/v1/payment_intents/search' });
    expect(seen[0]!.query.get('query')).toBe(`metadata['payment_id']:'${PAYMENT_ID}'`);
    expect(seen[1]).toMatchObject({ method: 'GET', path: '/v1/payment_intents/pi_123' });
  });

  it('prefers a live intent over a canceled one', async () => {
    const { provider, seen } = fakeStripe([
      { body: { object: 'search_result', data: [intent({ id: 'pi_old', status: 'canceled', created: 2 }), intent({ id: 'pi_live', status: 'requires_capture', created: 1 })], has_more: false, next_page: null } },
      { body: intent({ id: 'pi_live' }) },
    ]);
    expect(await provider.findByPaymentId(PAYMENT_ID)).toMatchObject({ ref: 'pi_live' });
    expect(seen[1]!.path).toBe('/v1/payment_intents/pi_live');
  });

  it('null when Stripe has none; unavailable when search is down', async () => {
    const { provider } = fakeStripe([{ body: { object: 'search_result', data: [], has_more: false, next_page: null } }, new TypeError('fetch failed')]);
    expect(await provider.findByPaymentId(PAYMENT_ID)).toBeNull();
    await expect(provider.findByPaymentId(PAYMENT_ID)).rejects.toBeInstanceOf(ProviderUnavailableError);
  });

  it('never puts a quote into the search query', async () => {
    const { provider, seen } = fakeStripe([]);
    expect(await provider.findByPaymentId("x' OR status:'succeeded")).toBeNull();
    expect(seen).toHaveLength(0);
  });
});
