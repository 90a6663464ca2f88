import { createHash } from 'node:crypto';
import { env as defaultEnv, redisBackend, type Env } from './env';
import { errorFields, logger } from './logger';

export type RateLimitResult = {
  success: boolean;
  limit: number;
  remaining: number;
  /** When the window resets (ms since epoch). */
  reset: number;
  /** Seconds until a retry can succeed (0 when allowed): the Retry-After header. */
  retryAfter: number;
};

export interface RateLimiter {
  limit(identifier: string): Promise<RateLimitResult>;
}

export type RateLimitRule = { limit: number; windowMs: number };

/**
 * One limiter per rule name: @upstash/ratelimit's sliding window when Redis is configured
 * (Upstash REST, or a TCP Redis through the adapter below), an in-process sliding window when
 * not. Rate limiting is an accelerator: when Redis fails the request is allowed (fail open)
 * and a warning is logged. Never use it for correctness.
 */
export function createRateLimiter(name: string, rule: RateLimitRule, e: Env = defaultEnv): RateLimiter {
  const backend = redisBackend(e);
  if (backend === 'none') return memoryLimiter(rule);
  let upstash: Promise<RateLimiter> | null = null;
  return {
    async limit(identifier) {
      try {
        upstash ??= upstashLimiter(name, rule, e).catch((err) => {
          upstash = null; // connect again on the next call once Redis is back
          throw err;
        });
        return await (await upstash).limit(identifier);
      } catch (err) {
        logger.warn('rate limiter unavailable: allowing the request', { limiter: name, ...errorFields(err) });
        return { success: true, limit: rule.limit, remaining: rule.limit, reset: Date.now(), retryAfter: 0 };
      }
    },
  };
}

async function upstashLimiter(name: string, rule: RateLimitRule, e: Env): Promise<RateLimiter> {
  const { Ratelimit } = await import('@upstash/ratelimit');
  const redis =
    redisBackend(e) === 'upstash'
      ? new (await import('@upstash/redis')).Redis({ url: e.UPSTASH_REDIS_REST_URL!, token: e.UPSTASH_REDIS_REST_TOKEN! })
      : await tcpAdapter(e.REDIS_URL!);
  const limiter = new Ratelimit({
    redis: redis as ConstructorParameters<typeof Ratelimit>[0]['redis'],
    limiter: Ratelimit.slidingWindow(rule.limit, `${rule.windowMs} ms`),
    prefix: `rl:${name}`,
    timeout: 0, // no silent "allow on timeout": errors surface and are handled (fail open, logged) above
    ephemeralCache: false, // another instance may reset a key; don't trust a per-process block list
  });
  return {
    async limit(identifier) {
      const r = await limiter.limit(identifier);
      return { success: r.success, limit: r.limit, remaining: Math.max(0, r.remaining), reset: r.reset, retryAfter: retryAfter(r.success, r.reset) };
    },
  };
}

const retryAfter = (success: boolean, reset: number) => (success ? 0 : Math.max(1, Math.ceil((reset - Date.now()) / 1000)));

/**
 * The slice of the Upstash client that @upstash/ratelimit uses, over ioredis. Its scripts start
 * with `#!lua flags=allow-key-locking`, which Redis 7.0 rejects, so the shebang line is dropped
 * (the scripts only touch their declared keys, so the flag changes nothing).
 */
async function tcpAdapter(url: string) {
  const { default: IORedis } = await import('ioredis');
  const client = new IORedis(url, { lazyConnect: true, maxRetriesPerRequest: 1, enableOfflineQueue: false, connectTimeout: 1000, commandTimeout: 1000 });
  client.on('error', () => {}); // surfaced per command instead
  await client.connect();
  const sha1 = (s: string) => createHash('sha1').update(s).digest('hex');
  const strip = (script: string) => script.replace(/^#!lua[^\n]*\n/, '');
  const known = new Map<string, string>(); // sha1 of the original script → stripped script
  const run = async (script: string, keys: string[], args: unknown[]) => {
    const argv = [...keys, ...args.map(String)];
    try {
      return await client.evalsha(sha1(script), keys.length, ...argv);
    } catch (err) {
      if (!String(err).includes('NOSCRIPT')) throw err;
      return client.eval(script, keys.length, ...argv);
    }
  };
  return {
    async evalsha(hash: string, keys: string[], args: unknown[]) {
      const script = known.get(hash);
      if (!script) throw new Error('NOSCRIPT No matching script');
      return run(script, keys, args);
    },
    async eval(script: string, keys: string[], args: unknown[]) {
      const stripped = strip(script);
      known.set(sha1(script), stripped);
      return run(stripped, keys, args);
    },
    get: (key: string) => client.get(key),
    set: (key: string, value: string) => client.set(key, value),
  };
}

/** In-process sliding window (the same approximation as Upstash's): two fixed windows, weighted. */
function memoryLimiter(rule: RateLimitRule): RateLimiter {
  const windows = new Map<string, { start: number; current: number; previous: number }>();
  return {
    async limit(identifier) {
      const now = Date.now();
      const start = now - (now % rule.windowMs);
      let w = windows.get(identifier);
      if (!w || w.start !== start) {
        const previous = w && w.start === start - rule.windowMs ? w.current : 0;
        w = { start, current: 0, previous };
        windows.set(identifier, w);
      }
      if (windows.size > 50_000) for (const [k, v] of windows) if (v.start < start - rule.windowMs) windows.delete(k);
      const weight = 1 - (now - start) / rule.windowMs;
      const used = Math.floor(w.previous * weight) + w.current;
      const reset = start + rule.windowMs;
      if (used >= rule.limit) return { success: false, limit: rule.limit, remaining: 0, reset, retryAfter: retryAfter(false, reset) };
      w.current += 1;
      return { success: true, limit: rule.limit, remaining: rule.limit - used - 1, reset, retryAfter: 0 };
    },
  };
}
