import { describe, expect, it } from 'vitest';
import { parseEnv } from './env';
import { redisState } from './redis';

// Readiness reports Redis but never requires it; a dead Redis must answer quickly, not hang.
describe('redisState', () => {
  it('is disabled when no Redis is configured', async () => {
    expect(await redisState(500, parseEnv({}))).toBe('disabled');
  });

  it('is up against the local Redis', async () => {
    expect(await redisState(1000, parseEnv({ REDIS_URL: 'redis://127.0.0.1:6379' }))).toBe('up');
  });

  it('is down, within the timeout, when Redis is unreachable', async () => {
    const started = Date.now();
    expect(await redisState(500, parseEnv({ REDIS_URL: 'redis://127.0.0.1:1' }))).toBe('down');
    expect(Date.now() - started).toBeLessThan(2000);
  });
});
