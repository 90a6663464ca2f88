import { eq } from 'drizzle-orm';
import Stripe from 'stripe';
import { checkouts } from '@/db/schema/checkout';
import type { Payment } from '@/db/schema/payments';
import { events } from '@/inngest/events';
import type { Db } from '@/lib/platform/db';
import type { Env } from '@/lib/platform/env';
import { jsonError } from '@/lib/platform/http';
import { sendEvent } from '@/lib/platform/jobs';
import { errorFields, logger } from '@/lib/platform/logger';
import type { PaymentProvider, ProviderPaymentState } from './provider';
import { recordProviderEvent } from './service';
import { chargeState, paymentIntentState } from './stripe-provider';

/** Stripe's own default; a signed request older than this is refused (replay protection). */
export const WEBHOOK_TOLERANCE_SECONDS = 300;

/** The events to enable on the Stripe webhook endpoint; anything else is acknowledged and ignored. */
export const STRIPE_WEBHOOK_EVENTS = [
  'payment_intent.amount_capturable_updated',
  'payment_intent.succeeded',
  'payment_intent.canceled',
  'payment_intent.payment_failed',
  'payment_intent.requires_action',
  'payment_intent.processing',
  'charge.refunded',
] as const;

const handled = new Set<string>(STRIPE_WEBHOOK_EVENTS);

export type StripeWebhookDeps = {
  db: Db;
  env: Pick<Env, 'STRIPE_WEBHOOK_SECRET'>;
  /** Wakes the checkout saga waiting on 3-D Secure (default: `sendEvent`). */
  send?: (e: { name: string; data: Record<string, unknown> }) => Promise<void>;
  /** The Stripe provider, for cancelling an authorization no payment of ours wants any more. */
  provider?: () => Promise<PaymentProvider | null>;
  /** Runs work after the answer (the route passes Next's `after`). */
  defer?: (task: () => Promise<void>) => void;
};

/** The state an event reports, or null when it has none of ours (`processing`). */
function stateOf(event: Stripe.Event): ProviderPaymentState | null {
  if (event.type === 'charge.refunded') return chargeState(event.data.object);
  if (event.type.startsWith('payment_intent.')) return paymentIntentState(event.data.object as Stripe.PaymentIntent);
  return null;
}

/** The event as stored: without the intent's client secret, which could confirm it from a browser. */
function redacted(event: Stripe.Event): unknown {
  const object = event.data.object as unknown as Record<string, unknown>;
  if (!('client_secret' in object)) return event;
  return { ...event, data: { ...event.data, object: { ...object, client_secret: '[redacted]' } } };
}

const settled = (p: Payment) => p.status !== 'pending' && p.status !== 'requires_action';

/**
 * `POST /api/webhooks/stripe`. Verifies Stripe's signature over the raw bytes (5-minute
 * tolerance), then records the event and applies its state in one transaction keyed by the
 * event id (`recordProviderEvent`): a redelivery finds the row and changes nothing, and
 * because payment statuses only move forward an event that arrives late never undoes a
 * newer one. Answers as soon as that commit is done.
 */
export async function handleStripeWebhook(req: Request, deps: StripeWebhookDeps): Promise<Response> {
  const secret = deps.env.STRIPE_WEBHOOK_SECRET;
  if (!secret) return jsonError(503, 'webhooks_not_configured', 'Stripe webhooks are not configured on this server (set STRIPE_WEBHOOK_SECRET).');
  const signature = req.headers.get('stripe-signature');
  if (!signature) return jsonError(400, 'missing_signature', 'The Stripe-Signature header is missing.');

  // The signature covers the exact bytes Stripe sent: verify those, never a re-serialised body.
  const body = new Uint8Array(await req.arrayBuffer());
  let event: Stripe.Event;
  try {
    event = Stripe.webhooks.constructEvent(body, signature, secret, WEBHOOK_TOLERANCE_SECONDS);
  } catch (err) {
    if (err instanceof Stripe.errors.StripeSignatureVerificationError) {
      return jsonError(400, 'invalid_signature', 'The webhook signature does not match, or it is older than 5 minutes.');
    }
    return jsonError(400, 'invalid_payload', 'The webhook body is not a Stripe event.');
  }

  if (!handled.has(event.type)) return Response.json({ received: true, ignored: true });

  const state = stateOf(event);
  let result: Awaited<ReturnType<typeof recordProviderEvent>>;
  try {
    result = await recordProviderEvent(deps.db, { provider: 'stripe', eventId: event.id, type: event.type, payload: redacted(event), state });
  } catch (err) {
    // Not recorded: a 5xx makes Stripe deliver it again later.
    logger.error('stripe webhook: recording failed', { eventId: event.id, type: event.type, cause: err instanceof Error && err.cause ? String(err.cause) : undefined, ...errorFields(err) });
    return jsonError(500, 'internal_error', 'The event could not be recorded; Stripe will retry.');
  }
  const { payment, duplicate, previousStatus } = result;

  if (payment) {
    try {
      await wakeCheckout(deps, payment, !duplicate && previousStatus === 'requires_action');
    } catch (err) {
      // Recorded, but the saga was not told: a 5xx brings the event back, and a redelivery wakes it.
      logger.error('stripe webhook: could not wake the checkout', { eventId: event.id, checkoutId: payment.checkoutId, ...errorFields(err) });
      return jsonError(500, 'internal_error', 'The event was recorded but the checkout could not be notified; Stripe will retry.');
    }
    if (state) cancelOrphan(deps, payment, state);
  }
  return Response.json({ received: true, ...(duplicate ? { duplicate: true } : {}), ...(payment ? {} : { matched: false }) });
}

/**
 * The checkout saga waits for `payments/authentication.completed` after 3-D Secure. It is sent
 * when this event moved the payment out of `requires_action`, and again on a redelivery while
 * the checkout still waits (the first send may have failed after the commit). The saga takes
 * the first and re-reads the provider, so a spare event is harmless.
 */
async function wakeCheckout(deps: StripeWebhookDeps, payment: Payment, movedNow: boolean): Promise<void> {
  if (!settled(payment)) return;
  let wake = movedNow;
  if (!wake) {
    const [c] = await deps.db.select({ status: checkouts.status }).from(checkouts).where(eq(checkouts.id, payment.checkoutId));
    wake = c?.status === 'requires_action';
  }
  if (!wake) return;
  const outcome = payment.status === 'failed' || payment.status === 'voided' ? 'failed' : 'succeeded';
  await (deps.send ?? sendEvent)({ name: events.authenticationCompleted, data: { checkoutId: payment.checkoutId, outcome } });
}

/**
 * Stripe holds an authorization for a payment we already closed (voided by compensation that
 * could not find the intent yet — search lags — or failed): cancel it, after answering, so the
 * shopper's card is not held for days. Never touches intents that are not ours.
 */
function cancelOrphan(deps: StripeWebhookDeps, payment: Payment, state: ProviderPaymentState): void {
  if (!(payment.status === 'voided' || payment.status === 'failed')) return;
  if (state.status === 'captured') {
    logger.error('stripe webhook: Stripe captured a payment we consider closed', { paymentId: payment.id, ref: state.ref, status: payment.status });
    return;
  }
  if (state.status !== 'authorized' && state.status !== 'requires_action') return;
  const task = async () => {
    const provider = await deps.provider?.();
    if (provider?.name !== 'stripe') return;
    await provider.void(state.ref, `void-orphan:${state.ref}`);
    logger.warn('stripe webhook: made sure an authorization for a closed payment is cancelled', { paymentId: payment.id, ref: state.ref });
  };
  const run = () => task().catch((err) => logger.error('stripe webhook: cancelling an orphaned authorization failed', { paymentId: payment.id, ref: state.ref, ...errorFields(err) }));
  if (deps.defer) deps.defer(run);
  else void run();
}
