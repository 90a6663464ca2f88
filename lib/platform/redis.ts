import { env as defaultEnv, redisBackend, type Env } from './env';

export type RedisState = 'disabled' | 'up' | 'down';

type Pinger = { ping: () => Promise<unknown> };
// One client per configuration and process (route bundles share globalThis).
const store = globalThis as unknown as { __marketplaceRedis?: Map<string, Promise<Pinger>> };

async function connect(e: Env): Promise<Pinger> {
  if (redisBackend(e) === 'upstash') {
    const { Redis } = await import('@upstash/redis');
    return new Redis({ url: e.UPSTASH_REDIS_REST_URL!, token: e.UPSTASH_REDIS_REST_TOKEN! });
  }
  const { default: IORedis } = await import('ioredis');
  // Fail fast rather than queue commands while Redis is away: callers decide open or closed.
  const client = new IORedis(e.REDIS_URL!, { lazyConnect: true, maxRetriesPerRequest: 1, enableOfflineQueue: false, connectTimeout: 1000 });
  client.on('error', () => {}); // reported through redisState, not as unhandled errors
  await client.connect(); // without the offline queue, a command before "ready" would fail at once
  return client;
}

/** Reports Redis health without requiring it: accelerators fail open. */
export async function redisState(timeoutMs = 500, e: Env = defaultEnv): Promise<RedisState> {
  if (redisBackend(e) === 'none') return 'disabled';
  const key = e.UPSTASH_REDIS_REST_URL ?? e.REDIS_URL!;
  const clients = (store.__marketplaceRedis ??= new Map());
  if (!clients.has(key)) {
    const pending = connect(e);
    clients.set(key, pending);
    pending.catch(() => clients.delete(key)); // the next probe tries a fresh connection
  }
  let timer: NodeJS.Timeout | undefined;
  try {
    const client = await clients.get(key)!;
    await Promise.race([
      client.ping(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error('timeout')), timeoutMs);
      }),
    ]);
    return 'up';
  } catch {
    return 'down';
  } finally {
    clearTimeout(timer);
  }
}
