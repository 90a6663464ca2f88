import type { CheckoutFailure } from '@/db/schema/checkout';
import {
  authorizeStep,
  captureStep,
  compensateStep,
  completeStep,
  confirmAuthenticationStep,
  failStep,
  placeOrderStep,
  reserveStep,
} from '@/lib/checkout/saga-steps';
import type { AuthorizationOutcome } from '@/lib/payments/service';
import type { WorkflowContext, WorkflowDefinition } from '@/lib/platform/workflow-types';
import { checkoutSubmittedData, events } from '../events';

/** How long a shopper has to finish 3-D Secure before the checkout is abandoned. */
export const AUTHENTICATION_TIMEOUT = '15m';

const declined = (a: Extract<AuthorizationOutcome, { status: 'declined' }>): CheckoutFailure => ({ code: a.code === 'authentication_failed' ? 'authentication_failed' : 'payment_declined', message: a.message });
const paymentError: CheckoutFailure = { code: 'payment_error', message: 'We could not reach the payment provider. Nothing was charged; please try again.' };

/**
 * The checkout saga (DESIGN §6): reserve → authorize (→ 3-D Secure) → place the order →
 * capture → paid + confirmation email. Steps are idempotent and memoised by id; a step that
 * still fails after its retries lands in a catch here, which compensates: void and release
 * before capture, cancel the unpaid order if one was placed, refund after capture.
 */
export async function checkoutSaga({ event, step }: WorkflowContext) {
  const { checkoutId } = checkoutSubmittedData.parse(event.data);

  const reserved = await step.run('reserve-stock', () => reserveStep(checkoutId));
  if (!reserved.ok) {
    await step.run('fail-out-of-stock', () => failStep(checkoutId, reserved.failure));
    return { status: 'failed', code: reserved.failure.code };
  }

  let auth: AuthorizationOutcome;
  try {
    auth = await step.run('authorize-payment', () => authorizeStep(checkoutId));
    if (auth.status === 'requires_action') {
      await step.waitForEvent('wait-for-authentication', { event: events.authenticationCompleted, match: 'data.checkoutId', timeout: AUTHENTICATION_TIMEOUT });
      auth = await step.run('confirm-authentication', () => confirmAuthenticationStep(checkoutId));
    }
  } catch {
    await step.run('compensate-authorization', () => compensateStep(checkoutId, paymentError));
    return { status: 'failed', code: paymentError.code };
  }
  if (auth.status !== 'authorized') {
    const failure = auth.status === 'declined' ? declined(auth) : { code: 'authentication_timeout', message: 'The card check was not completed in time. Nothing was charged.' };
    await step.run('compensate-declined', () => compensateStep(checkoutId, failure));
    return { status: 'failed', code: failure.code };
  }

  let placed: Awaited<ReturnType<typeof placeOrderStep>>;
  try {
    placed = await step.run('place-order', () => placeOrderStep(checkoutId));
  } catch {
    placed = { ok: false, failure: { code: 'order_failed', message: 'We could not place your order. Nothing was charged; please try again.' } };
  }
  if (!placed.ok) {
    const failure = placed.failure;
    await step.run('compensate-order', () => compensateStep(checkoutId, failure));
    return { status: 'failed', code: failure.code };
  }

  try {
    await step.run('capture-payment', () => captureStep(checkoutId));
  } catch {
    await step.run('compensate-capture', () => compensateStep(checkoutId, paymentError));
    return { status: 'failed', code: paymentError.code };
  }

  const { orderId, number } = placed;
  try {
    await step.run('mark-paid', () => completeStep(checkoutId, orderId));
  } catch {
    // After capture the only compensation is a refund (compensateStep refunds a captured payment).
    const failure = { code: 'order_failed', message: 'Your order could not be completed; the payment was refunded in full.' };
    await step.run('compensate-after-capture', () => compensateStep(checkoutId, failure));
    return { status: 'failed', code: failure.code };
  }
  await step.sendEvent('order-placed', { name: events.orderPlaced, data: { orderId, checkoutId } });
  return { status: 'completed', orderId, number };
}

export const checkoutSagaDefinition: WorkflowDefinition = {
  id: 'checkout-saga',
  name: 'Checkout saga',
  trigger: { event: events.checkoutSubmitted },
  retries: 3,
  idempotency: 'data.checkoutId',
  handler: checkoutSaga,
};
