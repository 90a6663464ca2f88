// Runs once per server start: validates configuration (importing env throws on bad values)
// and logs which backend each service got.
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { describeBackends, env } = await import('@/lib/platform/env');
  const { logger } = await import('@/lib/platform/logger');
  logger.info('marketplace starting', { port: env.PORT, ...describeBackends() });
  // Without an Inngest server the in-process driver runs due workflows, crons and crash recovery.
  const { workflowBackend } = await import('@/lib/platform/env');
  if (workflowBackend() === 'in-process' && env.WORKFLOW_POLL === 'on' && process.env.NEXT_PHASE !== 'phase-production-build') {
    const { getDriver } = await import('@/lib/platform/workflow-driver');
    (await getDriver()).start();
  }
}
