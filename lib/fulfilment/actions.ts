'use server';

import { protectedAction } from '@/lib/accounts/action';
import { getPaymentProvider } from '@/lib/payments/registry';
import { getDb } from '@/lib/platform/db';
import { DomainError } from '@/lib/platform/errors';
import { errorFields, logger } from '@/lib/platform/logger';
import { storeScope } from '@/lib/seller-catalog/scope';
import { cancelLineAndRefund, settleCancellationRefund } from './cancellations';
import { cancellationInput, cancelLineInput, fulfilInput, shipmentInput } from './inputs';
import { createShipment, markShipmentDelivered } from './shipments';

// Thin actions: validate (zod), authorize the store against the session's memberships
// (storeScope: a store the actor doesn't belong to is a 403 result), call the service, which
// scopes every id by that store (another store's order, line or shipment is "not found").
// Nothing here is cached, so there are no tags to expire; the forms refresh the page.

export const fulfilOrderAction = protectedAction('seller:portal', fulfilInput, async ({ storeId, ...input }, actor) => {
  const r = await createShipment(await getDb(), storeScope(actor, storeId), input);
  return { shipmentId: r.shipmentId, created: r.created, status: r.storeOrderStatus };
});

export const markDeliveredAction = protectedAction('seller:portal', shipmentInput, async ({ storeId, shipmentId }, actor) => {
  const r = await markShipmentDelivered(await getDb(), storeScope(actor, storeId), shipmentId);
  return { status: r.storeOrderStatus, changed: r.changed };
});

export const cancelLineAction = protectedAction('seller:portal', cancelLineInput, async ({ storeId, ...input }, actor) => {
  const scope = storeScope(actor, storeId);
  const db = await getDb();
  const r = await cancelLineAndRefund(db, await getPaymentProvider(db), scope, input);
  return { status: r.storeOrderStatus, refund: r.refund, amount: r.cancellation.amount, created: r.created };
});

export const retryRefundAction = protectedAction('seller:portal', cancellationInput, async ({ storeId, cancellationId }, actor) => {
  const scope = storeScope(actor, storeId);
  const db = await getDb();
  try {
    const c = await settleCancellationRefund(db, await getPaymentProvider(db), cancellationId, scope.storeId);
    return { status: c.status };
  } catch (err) {
    if (err instanceof DomainError && err.code === 'not_found') throw err;
    logger.warn('fulfilment: refund retry failed', { cancellationId, ...errorFields(err) });
    throw new DomainError('refund_failed', 'The payment provider did not confirm the refund. It stays pending; try again in a moment.', 502);
  }
});
