// Runs once per server start: validates configuration (importing env throws on bad values)
// and logs which backend each service got.
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { describeBackends, env } = await import('@/lib/platform/env');
  const { logger } = await import('@/lib/platform/logger');
  logger.info('marketplace starting', { port: env.PORT, ...describeBackends() });
}
