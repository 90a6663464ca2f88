import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { parseEnv } from './env';
import { createRateLimiter } from './ratelimit';

const BACKENDS = {
  redis: parseEnv({ REDIS_URL: 'redis://127.0.0.1:6379', LOG_LEVEL: 'silent' }),
  memory: parseEnv({ LOG_LEVEL: 'silent' }),
};

describe.each(Object.entries(BACKENDS))('rate limiter (%s)', (_, env) => {
  const limiter = (limit: number, windowMs: number) => createRateLimiter(`test-${randomUUID()}`, { limit, windowMs }, env);

  it('allows up to the limit, then denies with a Retry-After', async () => {
    const rl = limiter(5, 10_000);
    const results = [];
    for (let i = 0; i < 7; i++) results.push(await rl.limit('user-1'));
    expect(results.map((r) => r.success)).toEqual([true, true, true, true, true, false, false]);
    expect(results[4]!.remaining).toBe(0);
    expect(results[5]!.retryAfter).toBeGreaterThanOrEqual(1);
    expect(results[5]!.retryAfter).toBeLessThanOrEqual(20);
  });

  it('keeps identifiers apart', async () => {
    const rl = limiter(1, 10_000);
    expect((await rl.limit('a')).success).toBe(true);
    expect((await rl.limit('a')).success).toBe(false);
    expect((await rl.limit('b')).success).toBe(true);
  });

  it('never lets more than the limit through a burst of concurrent requests', async () => {
    const rl = limiter(10, 10_000);
    const results = await Promise.all(Array.from({ length: 60 }, () => rl.limit('burst')));
    expect(results.filter((r) => r.success)).toHaveLength(10);
  });

  it('allows again once the window has passed', async () => {
    const rl = limiter(2, 400);
    await rl.limit('w');
    await rl.limit('w');
    expect((await rl.limit('w')).success).toBe(false);
    await new Promise((r) => setTimeout(r, 900)); // a full window on from the last hit
    expect((await rl.limit('w')).success).toBe(true);
  });
});

describe('rate limiter with Redis down', () => {
  it('fails open, quickly', async () => {
    const rl = createRateLimiter('down', { limit: 1, windowMs: 10_000 }, parseEnv({ REDIS_URL: 'redis://127.0.0.1:1', LOG_LEVEL: 'silent' }));
    const started = Date.now();
    const results = [await rl.limit('x'), await rl.limit('x'), await rl.limit('x')];
    expect(results.every((r) => r.success)).toBe(true);
    expect(Date.now() - started).toBeLessThan(5000);
  });
});
