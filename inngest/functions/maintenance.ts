import { purgeExpiredIdempotencyKeys } from '@/lib/api/idempotency';
import { reconcileStaleCheckouts } from '@/lib/checkout/reconcile';
import { eq } from 'drizzle-orm';
import { orderItems } from '@/db/schema/orders';
import { sagaDeps } from '@/lib/checkout/saga-steps';
import { retryPendingCancellationRefunds } from '@/lib/fulfilment/cancellations';
import { syncLowStock } from '@/lib/seller-catalog/low-stock';
import { getStockGate } from '@/lib/flash-sales/gate';
import { tickFlashSales } from '@/lib/flash-sales/lifecycle';
import { releaseExpiredReservations } from '@/lib/inventory/reservations';
import { refreshSearchTerms } from '@/lib/search/service';
import { deliverPending } from '@/lib/platform/email';
import type { WorkflowContext, WorkflowDefinition } from '@/lib/platform/workflow-types';
import { events, orderPlacedData } from '../events';

/** Releases reservations past their TTL (reads already ignore them; this gives the units back) closes abandoned checkouts and drops API idempotency keys past their 24 h. */
export const releaseExpiredReservationsDefinition: WorkflowDefinition = {
  id: 'release-expired-reservations',
  name: 'Release expired stock reservations',
  trigger: { cron: '* * * * *' },
  retries: 2,
  handler: async ({ step }: WorkflowContext) => {
    const released = await step.run('release', async () => releaseExpiredReservations((await sagaDeps()).db));
    const reconciled = await step.run('reconcile-checkouts', async () => reconcileStaleCheckouts((await sagaDeps()).db));
    const purged = await step.run('purge-idempotency-keys', async () => purgeExpiredIdempotencyKeys((await sagaDeps()).db));
    const refunds = await step.run('retry-cancellation-refunds', async () => {
      const { db, provider } = await sagaDeps();
      return retryPendingCancellationRefunds(db, provider);
    });
    return { released, reconciled, purged, refunds };
  },
};

/** Delivers the email outbox: every minute, and at once when an order is placed. */
export const deliverEmailsDefinition: WorkflowDefinition = {
  id: 'deliver-emails',
  name: 'Deliver queued emails',
  trigger: { cron: '* * * * *' },
  retries: 2,
  handler: async ({ step }: WorkflowContext) => step.run('deliver', async () => deliverPending((await sagaDeps()).db, { limit: 200 })),
};

export const deliverOrderEmailsDefinition: WorkflowDefinition = {
  ...deliverEmailsDefinition,
  id: 'deliver-order-emails',
  name: 'Deliver emails for a new order',
  trigger: { event: events.orderPlaced },
};

/** Flash sales: starts due sales (allocation out of stock), expires holds, ends and settles sales. */
export const flashSalesTickDefinition: WorkflowDefinition = {
  id: 'flash-sales-tick',
  name: 'Start, sweep and end flash sales',
  trigger: { cron: '* * * * *' },
  retries: 2,
  handler: async ({ step }: WorkflowContext) =>
    step.run('tick', async () => {
      const deps = await sagaDeps();
      return tickFlashSales(deps.db, deps.gate ?? (await getStockGate()));
    }),
};

/** Stock that a sale took below a variant's threshold raises the seller's low-stock alert. */
export const lowStockAfterOrderDefinition: WorkflowDefinition = {
  id: 'low-stock-after-order',
  name: 'Low-stock alerts after an order',
  trigger: { event: events.orderPlaced },
  retries: 3,
  handler: async ({ event, step }: WorkflowContext) => {
    const { orderId } = orderPlacedData.parse(event.data);
    return step.run('sync-low-stock', async () => {
      const { db } = await sagaDeps();
      const items = await db.select({ variantId: orderItems.variantId }).from(orderItems).where(eq(orderItems.orderId, orderId));
      const result = await syncLowStock(db, items.flatMap((i) => (i.variantId ? [i.variantId] : [])));
      return { opened: result.opened.length, cleared: result.cleared };
    });
  },
};

/** The search vocabulary (spelling suggestions) follows sellers' catalog changes within 15 minutes. */
export const refreshSearchTermsDefinition: WorkflowDefinition = {
  id: 'refresh-search-terms',
  name: 'Refresh the search vocabulary',
  trigger: { cron: '*/15 * * * *' },
  retries: 2,
  handler: async ({ step }: WorkflowContext) => step.run('refresh', async () => refreshSearchTerms((await sagaDeps()).db)),
};
