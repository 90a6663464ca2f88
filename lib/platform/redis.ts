import { env, redisBackend } from './env';

export type RedisState = 'disabled' | 'up' | 'down';

type Pinger = { ping: () => Promise<unknown> };
const store = globalThis as unknown as { __marketplaceRedis?: Promise<Pinger> };

async function connect(): Promise<Pinger> {
  if (redisBackend() === 'upstash') {
    const { Redis } = await import('@upstash/redis');
    return new Redis({ url: env.UPSTASH_REDIS_REST_URL!, token: env.UPSTASH_REDIS_REST_TOKEN! });
  }
  const { default: IORedis } = await import('ioredis');
  // Fail fast rather than queue commands while Redis is away: callers decide open or closed.
  return new IORedis(env.REDIS_URL!, { lazyConnect: false, maxRetriesPerRequest: 1, enableOfflineQueue: false, connectTimeout: 1000 });
}

/** Reports Redis health without requiring it: accelerators fail open. */
export async function redisState(timeoutMs = 500): Promise<RedisState> {
  if (redisBackend() === 'none') return 'disabled';
  try {
    store.__marketplaceRedis ??= connect();
    const client = await store.__marketplaceRedis;
    await Promise.race([
      client.ping(),
      new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), timeoutMs)),
    ]);
    return 'up';
  } catch {
    return 'down';
  }
}
