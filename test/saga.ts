import { definitions } from '@/inngest/functions/definitions';
import { setSagaDepsForTests, type SagaDeps } from '@/lib/checkout/saga-steps';
import { setDriverForTests, WorkflowDriver } from '@/lib/platform/workflow-driver';

/** Runs the checkout saga (every durable function) on the in-process driver with these deps, retrying fast. */
export function startInProcessSaga(deps: SagaDeps): void {
  setSagaDepsForTests(deps);
  setDriverForTests(new WorkflowDriver(deps.db, definitions, { leaseMs: 2000, retryDelaysMs: [5, 20, 50] }));
}

/** Back to the process's own deps and driver. */
export function stopInProcessSaga(): void {
  setSagaDepsForTests(undefined);
  setDriverForTests(undefined);
}
