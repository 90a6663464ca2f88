import { z } from 'zod';

/** Event names (`domain/noun.verb`) and their payloads, validated where they are consumed. */
export const events = {
  checkoutSubmitted: 'checkout/checkout.submitted',
  authenticationCompleted: 'payments/authentication.completed',
  orderPlaced: 'orders/order.placed',
  emailQueued: 'email/outbox.queued',
} as const;

export const checkoutSubmittedData = z.object({ checkoutId: z.uuid() });
export const authenticationCompletedData = z.object({ checkoutId: z.uuid(), outcome: z.enum(['succeeded', 'failed']).optional() });
export const orderPlacedData = z.object({ orderId: z.uuid(), checkoutId: z.uuid() });

export type WorkflowEvent = { name: string; data: Record<string, unknown>; id?: string; ts?: number };
