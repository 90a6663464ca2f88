import { describe, expect, it } from 'vitest';
import { databaseBackend, describeBackends, parseEnv, redisBackend } from './env';

describe('parseEnv', () => {
  it('fills defaults for an empty environment', () => {
    expect(parseEnv({})).toMatchObject({
      NODE_ENV: 'development',
      PORT: 3000,
      DATA_DIR: '.data',
      DATABASE_POOL_SIZE: 10,
      INNGEST_DEV: false,
    });
  });

  it('treats empty strings as unset', () => {
    const e = parseEnv({ DATABASE_URL: '', REDIS_URL: '', UPSTASH_REDIS_REST_URL: '', UPSTASH_REDIS_REST_TOKEN: '', PORT: '' });
    expect(e.DATABASE_URL).toBeUndefined();
    expect(e.REDIS_URL).toBeUndefined();
    expect(e.PORT).toBe(3000);
  });

  it('coerces numbers and flags', () => {
    expect(parseEnv({ PORT: '8080', DATABASE_POOL_SIZE: '20', INNGEST_DEV: '1' })).toMatchObject({ PORT: 8080, DATABASE_POOL_SIZE: 20, INNGEST_DEV: true });
    expect(parseEnv({ INNGEST_DEV: 'true' }).INNGEST_DEV).toBe(true);
    expect(parseEnv({ INNGEST_DEV: 'false' }).INNGEST_DEV).toBe(false);
    expect(() => parseEnv({ INNGEST_DEV: 'yes' })).toThrow(/INNGEST_DEV/);
    expect(() => parseEnv({ PORT: '70000' })).toThrow(/PORT/);
    expect(() => parseEnv({ DATABASE_POOL_SIZE: '0' })).toThrow(/DATABASE_POOL_SIZE/);
  });

  it.each(['postgres://u:p@db.example.com:5432/app', 'postgresql://localhost/app', 'postgres://127.0.0.1:5432/postgres?sslmode=disable'])(
    'accepts the DATABASE_URL %s',
    (url) => {
      expect(parseEnv({ DATABASE_URL: url }).DATABASE_URL).toBe(url);
    },
  );

  it.each(['mysql://localhost/app', 'http://localhost:5432', 'localhost:5432', 'not a url', ' postgres://localhost/app', 'POSTGRES://x'])(
    'rejects the DATABASE_URL %j with a message naming it',
    (url) => {
      expect(() => parseEnv({ DATABASE_URL: url })).toThrow(/DATABASE_URL: DATABASE_URL must be a postgres/);
    },
  );

  // KNOWN BUG (lib/platform/env.ts:17-21): DATABASE_URL is only checked by prefix regex, so values
  // that `new URL()` cannot parse pass validation and then crash databaseBackend() (env.ts:64)
  // with a bare "TypeError: Invalid URL" at start-up. Flip to `it` once parseEnv rejects them.
  it('rejects a DATABASE_URL that is not a parseable URL', () => {
    for (const url of ['postgres://localhost:99999/app', 'postgres://[::1/app', 'postgres://a b/app']) {
      expect(() => parseEnv({ DATABASE_URL: url })).toThrow(/DATABASE_URL/);
    }
  });

  it('accepts redis:// and rediss:// only', () => {
    expect(parseEnv({ REDIS_URL: 'redis://127.0.0.1:6379' }).REDIS_URL).toBe('redis://127.0.0.1:6379');
    expect(parseEnv({ REDIS_URL: 'rediss://user:pw@cache.example.com:6380/0' }).REDIS_URL).toMatch(/^rediss:/);
    for (const bad of ['http://127.0.0.1:6379', '127.0.0.1:6379', 'redis:/x']) expect(() => parseEnv({ REDIS_URL: bad })).toThrow(/REDIS_URL/);
  });

  it('requires the Upstash URL and token together', () => {
    expect(() => parseEnv({ UPSTASH_REDIS_REST_URL: 'https://eu1.upstash.io' })).toThrow(/must be set together/);
    expect(() => parseEnv({ UPSTASH_REDIS_REST_TOKEN: 'tok' })).toThrow(/must be set together/);
    expect(() => parseEnv({ UPSTASH_REDIS_REST_URL: 'not a url', UPSTASH_REDIS_REST_TOKEN: 'tok' })).toThrow(/UPSTASH_REDIS_REST_URL/);
    const e = parseEnv({ UPSTASH_REDIS_REST_URL: 'https://eu1.upstash.io', UPSTASH_REDIS_REST_TOKEN: 'tok' });
    expect(redisBackend(e)).toBe('upstash');
  });

  it('checks key prefixes of third-party secrets', () => {
    expect(() => parseEnv({ STRIPE_SECRET_KEY: 'pk_live_x' })).toThrow(/STRIPE_SECRET_KEY/);
    expect(() => parseEnv({ STRIPE_WEBHOOK_SECRET: 'sk_x' })).toThrow(/STRIPE_WEBHOOK_SECRET/);
    expect(() => parseEnv({ AUTH_SECRET: 'short' })).toThrow(/AUTH_SECRET/);
    expect(parseEnv({ STRIPE_SECRET_KEY: 'sk_test_123', AUTH_SECRET: 'x'.repeat(16) }).STRIPE_SECRET_KEY).toBe('sk_test_123');
  });

  it('lists every problem at once', () => {
    expect(() => parseEnv({ PORT: 'x', REDIS_URL: 'http://x', DATABASE_URL: 'mysql://x' })).toThrow(
      /Invalid environment configuration:\n(?=[\s\S]*PORT)(?=[\s\S]*REDIS_URL)(?=[\s\S]*DATABASE_URL)/,
    );
  });
});

describe('databaseBackend', () => {
  const backend = (vars: Record<string, string>) => databaseBackend(parseEnv(vars));

  it('defaults to the embedded PGlite', () => {
    expect(backend({})).toBe('pglite');
    expect(backend({ EMBEDDED_DATABASE_URL: 'postgres://127.0.0.1:5499/postgres' })).toBe('pglite-wire');
  });

  it('uses a Postgres server when DATABASE_URL is set', () => {
    expect(backend({ DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/app' })).toBe('postgres');
    expect(backend({ DATABASE_URL: 'postgres://x@db.example.com/app', EMBEDDED_DATABASE_URL: 'postgres://127.0.0.1:1/x' })).toBe('postgres');
  });

  it.each([
    'postgresql://u:p@ep-cool-darkness-123456.us-east-2.aws.neon.tech/neondb?sslmode=require',
    'postgres://u:p@ep-cool-darkness-123456-pooler.eu-central-1.aws.neon.tech:5432/neondb',
  ])('detects Neon from the host %s', (url) => {
    expect(backend({ DATABASE_URL: url })).toBe('neon');
  });

  it.each([
    'postgres://u@neon.tech.example.com/db',
    'postgres://u@notneon.tech/db',
    'postgres://u@example.com/neon.tech',
    'postgres://neon.tech:pw@example.com/db',
    'postgres://u@example.com/db?host=x.neon.tech',
  ])('does not mistake %s for Neon', (url) => {
    expect(backend({ DATABASE_URL: url })).toBe('postgres');
  });

  it('lets DATABASE_DRIVER override detection', () => {
    expect(backend({ DATABASE_URL: 'postgres://u@ep-x.us-east-2.aws.neon.tech/db', DATABASE_DRIVER: 'pg' })).toBe('postgres');
    expect(backend({ DATABASE_URL: 'postgres://u@db.example.com/db', DATABASE_DRIVER: 'neon' })).toBe('neon');
    expect(backend({ DATABASE_DRIVER: 'neon' })).toBe('pglite');
    expect(() => backend({ DATABASE_DRIVER: 'mysql' })).toThrow(/DATABASE_DRIVER/);
  });
});

describe('redisBackend and describeBackends', () => {
  it('reports what each service resolved to', () => {
    expect(redisBackend(parseEnv({}))).toBe('none');
    expect(redisBackend(parseEnv({ REDIS_URL: 'redis://127.0.0.1:6379' }))).toBe('tcp');
    expect(describeBackends(parseEnv({}))).toEqual({
      database: 'pglite',
      redis: 'none',
      payments: 'test-provider',
      email: 'outbox',
      workflows: 'in-process',
      storage: 'local-disk',
    });
    expect(
      describeBackends(
        parseEnv({ DATABASE_URL: 'postgres://127.0.0.1/x', REDIS_URL: 'redis://127.0.0.1', STRIPE_SECRET_KEY: 'sk_test_1', RESEND_API_KEY: 're_1', INNGEST_DEV: '1' }),
      ),
    ).toEqual({ database: 'postgres', redis: 'tcp', payments: 'stripe', email: 'resend', workflows: 'inngest', storage: 'local-disk' });
  });
});
