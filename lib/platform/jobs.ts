import type { WorkflowEvent } from '@/inngest/events';
import { env as defaultEnv, workflowBackend } from './env';
import { errorFields, logger } from './logger';

/**
 * Sends workflow events. With an Inngest server configured they go to Inngest; otherwise the
 * in-process driver starts (or resumes) the runs itself. `wait` lets a caller that wants a fast
 * answer (the checkout submit) wait up to that many ms for in-process runs to settle; with
 * Inngest it returns at once and the caller polls.
 */
export async function sendEvent(e: WorkflowEvent | WorkflowEvent[], opts: { wait?: number } = {}): Promise<void> {
  const list = Array.isArray(e) ? e : [e];
  if (workflowBackend(defaultEnv) === 'inngest') {
    const { inngest } = await import('@/inngest/client');
    await inngest.send(list.map((x) => ({ name: x.name, data: x.data, ...(x.id ? { id: x.id } : {}) })));
    return;
  }
  const { getDriver } = await import('./workflow-driver');
  const driver = await getDriver();
  const runIds = await driver.dispatch(list);
  const work = driver.driveAll(runIds);
  if (opts.wait) {
    await Promise.race([work, new Promise((r) => setTimeout(r, opts.wait))]);
  } else {
    work.catch((err) => logger.error('workflow run failed', errorFields(err)));
  }
}
