import { redisBackend, type Env } from '@/lib/platform/env';
import type { ScriptClient } from './scripts';

type Closable = ScriptClient & { close(): Promise<void> };

/**
 * A TCP Redis through ioredis. Like lib/platform/redis.ts it fails fast instead of queueing
 * while Redis is away (no offline queue, one retry, short timeouts), so a reserve during an
 * outage fails closed within about a second; ioredis reconnects in the background.
 */
export async function ioredisScriptClient(url: string, opts: { commandTimeoutMs?: number } = {}): Promise<Closable> {
  const { default: IORedis } = await import('ioredis');
  const client = new IORedis(url, {
    lazyConnect: true,
    maxRetriesPerRequest: 1,
    enableOfflineQueue: false,
    connectTimeout: 1000,
    commandTimeout: opts.commandTimeoutMs ?? 2000,
    // Reconnect quickly after a restart: the sale is paused until then.
    retryStrategy: (times) => Math.min(times * 100, 1000),
  });
  client.on('error', () => {}); // surfaced per command as GateUnavailableError
  try {
    await client.connect();
  } catch (err) {
    client.disconnect(); // don't leave it reconnecting in the background
    throw err;
  }
  return {
    scriptLoad: (script) => client.script('LOAD', script) as Promise<string>,
    evalsha: (sha, keys, args) => client.evalsha(sha, keys.length, ...keys, ...args),
    eval: (script, keys, args) => client.eval(script, keys.length, ...keys, ...args),
    close: async () => {
      client.disconnect();
    },
  };
}

/**
 * Upstash over REST: each call is one HTTP request, so there is no connection to lose.
 * `plainResponses` turns off base64 replies, for local emulators that don't implement them.
 */
export async function upstashScriptClient(url: string, token: string, opts: { plainResponses?: boolean } = {}): Promise<Closable> {
  const { Redis } = await import('@upstash/redis');
  // Replies stay as Redis sent them (no JSON parsing of strings that look like numbers); no
  // retries: a reserve must fail closed at once, the caller retries.
  const client = new Redis({ url, token, automaticDeserialization: false, retry: false, ...(opts.plainResponses ? { responseEncoding: false as const } : {}) });
  return {
    scriptLoad: (script) => client.scriptLoad(script),
    evalsha: (sha, keys, args) => client.evalsha(sha, keys, args),
    eval: (script, keys, args) => client.eval(script, keys, args),
    close: async () => {},
  };
}

// One client per URL and process (route bundles share globalThis).
const store = globalThis as unknown as { __flashRedis?: Map<string, Promise<Closable>> };

/** A client whose connection is made on first use and retried after a failed connect. */
export function lazyScriptClient(get: () => Promise<ScriptClient>): ScriptClient {
  return {
    scriptLoad: async (script) => (await get()).scriptLoad(script),
    evalsha: async (sha, keys, args) => (await get()).evalsha(sha, keys, args),
    eval: async (script, keys, args) => (await get()).eval(script, keys, args),
  };
}

/** The configured Redis for the gate, or null when none is configured (the Postgres engine). */
export function configuredScriptClient(e: Env): ScriptClient | null {
  if (redisBackend(e) === 'none') return null;
  return lazyScriptClient(() => connectConfigured(e));
}

function connectConfigured(e: Env): Promise<ScriptClient> {
  const backend = redisBackend(e);
  const key = backend === 'upstash' ? e.UPSTASH_REDIS_REST_URL! : e.REDIS_URL!;
  const clients = (store.__flashRedis ??= new Map());
  let client = clients.get(key);
  if (!client) {
    client = backend === 'upstash' ? upstashScriptClient(e.UPSTASH_REDIS_REST_URL!, e.UPSTASH_REDIS_REST_TOKEN!) : ioredisScriptClient(e.REDIS_URL!);
    clients.set(key, client);
    // A failed first connect is retried by the next call rather than cached.
    client.catch(() => clients.delete(key));
  }
  return client;
}
