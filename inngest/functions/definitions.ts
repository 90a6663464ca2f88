import type { WorkflowDefinition } from '@/lib/platform/workflow-types';
import { checkoutSagaDefinition } from './checkout-saga';
import { deliverEmailsDefinition, deliverOrderEmailsDefinition, flashSalesTickDefinition, lowStockAfterOrderDefinition, refreshSearchTermsDefinition, releaseExpiredReservationsDefinition } from './maintenance';

/** Every durable function; the Inngest serve route and the in-process driver both read this list. */
export const definitions: WorkflowDefinition[] = [checkoutSagaDefinition, releaseExpiredReservationsDefinition, deliverEmailsDefinition, deliverOrderEmailsDefinition, flashSalesTickDefinition, lowStockAfterOrderDefinition, refreshSearchTermsDefinition];
