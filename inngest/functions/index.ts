import type { WorkflowContext, WorkflowDefinition } from '@/lib/platform/workflow-types';
import { inngest } from '../client';
import { definitions } from './definitions';

/** The same definitions as Inngest functions (served on /api/inngest, tested with @inngest/test). */
export function toInngestFunction(d: WorkflowDefinition) {
  return inngest.createFunction(
    {
      id: d.id,
      name: d.name,
      retries: d.retries as 3,
      triggers: ['event' in d.trigger ? { event: d.trigger.event } : { cron: d.trigger.cron }],
      ...(d.idempotency ? { idempotency: `event.${d.idempotency}` } : {}),
    },
    // Inngest's context is a superset of WorkflowContext.
    (ctx) => d.handler(ctx as unknown as WorkflowContext),
  );
}

export const functions = definitions.map(toInngestFunction);
export const checkoutSagaFunction = functions[0]!;
