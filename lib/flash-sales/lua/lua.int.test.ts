import { randomUUID } from 'node:crypto';
import IORedis from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ioredisScriptClient } from '../redis-client';
import { saleKeys } from '../redis-gate';
import { ScriptRunner, type ScriptName } from '../scripts';

// Each script against the real Redis, under a key prefix of this run only.
const REDIS_URL = 'redis://127.0.0.1:6379';
const prefix = `test-${randomUUID().slice(0, 8)}:flash`;
const T0 = 1_900_000_000_000; // "now" for these tests (ms)
const HOUR = 3600_000;

let raw: IORedis;
let runner: ScriptRunner;
let close: () => Promise<void>;

beforeAll(async () => {
  raw = new IORedis(REDIS_URL);
  const client = await ioredisScriptClient(REDIS_URL);
  close = client.close;
  runner = new ScriptRunner(client);
});

afterAll(async () => {
  const keys = await raw.keys(`${prefix}:*`);
  if (keys.length) await raw.del(...keys);
  await close();
  raw.disconnect();
});

type Hold = { id: string; customer: string; qty: number; status: 'active' | 'confirmed'; expiresAt: number; createdAt?: number };

/** A sale's keys loaded with load.lua (the way the gate opens and rebuilds a sale). */
async function sale(opts: { allocation?: number; limit?: number; starts?: number; ends?: number; status?: 'live' | 'closed'; holds?: Hold[]; epoch?: number } = {}) {
  const id = randomUUID();
  const keys = saleKeys(prefix, id);
  const r = await runner.run('load', keys, [
    opts.epoch ?? 1,
    opts.allocation ?? 10,
    opts.limit ?? 2,
    opts.starts ?? T0 - HOUR,
    opts.ends ?? T0 + HOUR,
    opts.status ?? 'live',
    T0 + 30 * 24 * HOUR,
    ...(opts.holds ?? []).flatMap((h) => [h.id, h.customer, h.qty, h.status, h.expiresAt, h.createdAt ?? T0 - 1000]),
  ]);
  const call = (name: ScriptName, ...args: (string | number)[]) => runner.run(name, keys, args);
  const counters = async () => {
    const [remaining, held, sold] = (await raw.hmget(keys[0]!, 'remaining', 'held', 'sold')).map(Number);
    return { remaining, held, sold };
  };
  const hold = (holdId: string) => raw.hget(keys[1]!, holdId);
  return { id, keys, loaded: r, call, counters, hold };
}

const reserve = (s: Awaited<ReturnType<typeof sale>>, holdId: string, customer: string, qty: number, now = T0, ttl = 60_000) =>
  s.call('reserve', holdId, customer, qty, now, now + ttl);

describe('load.lua', () => {
  it('builds the counters from the holds, then refuses to overwrite', async () => {
    const s = await sale({
      allocation: 10,
      holds: [
        { id: 'h1', customer: 'a', qty: 2, status: 'confirmed', expiresAt: T0 },
        { id: 'h2', customer: 'a', qty: 1, status: 'active', expiresAt: T0 + 5000 },
        { id: 'h3', customer: 'b', qty: 3, status: 'active', expiresAt: T0 + 9000 },
      ],
      epoch: 4,
    });
    expect(s.loaded).toEqual(['loaded', 4, 4]);
    expect(await s.counters()).toEqual({ remaining: 4, held: 4, sold: 2 });
    expect(await raw.hgetall(s.keys[2]!)).toEqual({ a: '3', b: '3' });
    expect(await raw.hgetall(s.keys[3]!)).toEqual({ a: 'h2', b: 'h3' });
    expect(await raw.zrange(s.keys[4]!, "0", "-1")).toEqual(['h2', 'h3']);
    expect(await raw.pttl(s.keys[0]!)).toBeGreaterThan(0);
    expect(await s.call('load', 9, 10, 2, T0, T0 + 1, 'live', T0 + HOUR)).toEqual(['exists', 4]);
    expect(await raw.hget(s.keys[0]!, 'epoch')).toBe('4');
  });

  it('refuses holds that exceed the allocation, writing nothing', async () => {
    const id = randomUUID();
    const keys = saleKeys(prefix, id);
    await expect(runner.run('load', keys, [1, 2, 5, T0, T0 + HOUR, 'live', T0 + HOUR, 'h1', 'a', 3, 'active', T0 + 1, T0])).rejects.toThrow(/exceed the allocation/);
    expect(await raw.exists(keys[0]!)).toBe(0);
  });
});

describe('reserve.lua', () => {
  it("answers 'missing' when the sale's keys are absent", async () => {
    const keys = saleKeys(prefix, randomUUID());
    expect(await runner.run('reserve', keys, ['h', 'a', 1, T0, T0 + 1000])).toEqual(['missing']);
  });

  it('creates a hold: counters, record, customer units, active pointer, expiry, key TTLs', async () => {
    const s = await sale({ allocation: 5, limit: 3 });
    expect(await reserve(s, 'h1', 'cust|with|pipes', 2)).toEqual(['ok', 1, 'h1', T0 + 60_000]);
    expect(await s.counters()).toEqual({ remaining: 3, held: 2, sold: 0 });
    expect(await s.hold('h1')).toBe(`active|2|${T0 + 60_000}|${T0}|cust|with|pipes`);
    expect(await raw.hget(s.keys[2]!, 'cust|with|pipes')).toBe('2');
    expect(await raw.hget(s.keys[3]!, 'cust|with|pipes')).toBe('h1');
    expect(await raw.zscore(s.keys[4]!, 'h1')).toBe(String(T0 + 60_000));
    for (const k of s.keys) expect(await raw.pttl(k)).toBeGreaterThan(0);
    // The same hold id again (a retry) gets the same answer and takes nothing more.
    expect(await reserve(s, 'h1', 'cust|with|pipes', 2)).toEqual(['ok', 1, 'h1', T0 + 60_000]);
    expect(await reserve(s, 'h1', 'someone-else', 1)).toEqual(['duplicate', 1]);
    expect(await s.counters()).toEqual({ remaining: 3, held: 2, sold: 0 });
  });

  it("checks the window: not before the start, not at or after the end, not once closed", async () => {
    const s = await sale({ starts: T0, ends: T0 + 1000 });
    expect(await reserve(s, 'h1', 'a', 1, T0 - 1)).toEqual(['not_live', 1]);
    expect(await reserve(s, 'h2', 'a', 1, T0 + 1000)).toEqual(['not_live', 1]);
    expect((await reserve(s, 'h3', 'a', 1, T0))[0]).toBe('ok');
    expect(await s.call('close')).toEqual(['closed', 1]);
    expect(await reserve(s, 'h4', 'b', 1, T0 + 1)).toEqual(['not_live', 1]);
    expect(await s.counters()).toEqual({ remaining: 9, held: 1, sold: 0 });
  });

  it('one active hold per customer: the second gets the first back', async () => {
    const s = await sale();
    await reserve(s, 'h1', 'a', 1);
    expect(await reserve(s, 'h2', 'a', 1)).toEqual(['already_holding', 1, 'h1', T0 + 60_000]);
    expect(await s.hold('h2')).toBeNull();
  });

  it('counts held and bought units against the limit', async () => {
    const s = await sale({ limit: 2 });
    expect(await reserve(s, 'h1', 'a', 3)).toEqual(['over_limit', 1]);
    await reserve(s, 'h2', 'a', 1);
    await s.call('confirm', 'h2', T0);
    expect(await reserve(s, 'h3', 'a', 2)).toEqual(['over_limit', 1]); // 1 bought + 2 > 2
    expect((await reserve(s, 'h4', 'a', 1))[0]).toBe('ok');
    await s.call('release', 'h4');
    expect((await reserve(s, 'h5', 'a', 1))[0]).toBe('ok'); // released units stop counting
  });

  it('sold out: tells the earliest expiry so the caller can sweep and retry', async () => {
    const s = await sale({ allocation: 3, limit: 3 });
    await reserve(s, 'h1', 'a', 2, T0, 5000);
    await reserve(s, 'h2', 'b', 1, T0, 2000);
    expect(await reserve(s, 'h3', 'c', 1)).toEqual(['sold_out', 1, T0 + 2000]);
    await s.call('confirm', 'h1', T0);
    await s.call('confirm', 'h2', T0);
    expect(await reserve(s, 'h4', 'c', 1)).toEqual(['sold_out', 1, -1]);
    expect(await s.counters()).toEqual({ remaining: 0, held: 0, sold: 3 });
  });

  it('an expired but unswept hold is reported with its past expiry, never silently replaced', async () => {
    const s = await sale();
    await reserve(s, 'h1', 'a', 1, T0, 1000);
    expect(await reserve(s, 'h2', 'a', 1, T0 + 5000)).toEqual(['already_holding', 1, 'h1', T0 + 1000]);
    await s.call('expire', T0 + 5000, 10);
    expect((await reserve(s, 'h2', 'a', 1, T0 + 5000))[0]).toBe('ok');
  });
});

describe('confirm.lua', () => {
  it('moves the units from held to sold once, keeps them on the customer', async () => {
    const s = await sale({ allocation: 4 });
    await reserve(s, 'h1', 'a', 2);
    expect(await s.call('confirm', 'h1', T0 + 1)).toEqual(['confirmed', 1, 1]);
    expect(await s.call('confirm', 'h1', T0 + 2)).toEqual(['confirmed', 1, 0]);
    expect(await s.counters()).toEqual({ remaining: 2, held: 0, sold: 2 });
    expect(await raw.hget(s.keys[2]!, 'a')).toBe('2');
    expect(await raw.hget(s.keys[3]!, 'a')).toBeNull();
    expect(await raw.zscore(s.keys[4]!, 'h1')).toBeNull();
    expect(await s.call('release', 'h1')).toEqual(['confirmed', 1]);
  });

  it('refuses an expired hold (expiring), a released one and an unknown one', async () => {
    const s = await sale();
    await reserve(s, 'h1', 'a', 1, T0, 1000);
    expect(await s.call('confirm', 'h1', T0 + 1000)).toEqual(['expiring', 1]);
    await reserve(s, 'h2', 'b', 1);
    await s.call('release', 'h2');
    expect(await s.call('confirm', 'h2', T0)).toEqual(['released', 1]);
    expect(await s.call('confirm', 'nope', T0)).toEqual(['unknown', 1]);
    expect(await s.counters()).toEqual({ remaining: 9, held: 1, sold: 0 });
  });
});

describe('release.lua', () => {
  it('gives the units back once and frees the customer', async () => {
    const s = await sale({ allocation: 3, limit: 3 });
    await reserve(s, 'h1', 'a', 3);
    expect(await s.call('release', 'h1')).toEqual(['released', 1, 1]);
    expect(await s.call('release', 'h1')).toEqual(['released', 1, 0]);
    expect(await s.counters()).toEqual({ remaining: 3, held: 0, sold: 0 });
    expect(await raw.hget(s.keys[2]!, 'a')).toBe('0');
    expect(await raw.hget(s.keys[3]!, 'a')).toBeNull();
    expect(await s.hold('h1')).toMatch(/^released\|3\|/);
    expect(await s.call('release', 'nope')).toEqual(['unknown', 1]);
  });

  it('releases a hold past its expiry too (the units come back either way), but not an expired one', async () => {
    const s = await sale();
    await reserve(s, 'h1', 'a', 1, T0, 10);
    expect(await s.call('release', 'h1')).toEqual(['released', 1, 1]);
    await reserve(s, 'h2', 'b', 1, T0, 10);
    await s.call('expire', T0 + 10, 10);
    expect(await s.call('release', 'h2')).toEqual(['expired', 1]);
    expect(await s.counters()).toEqual({ remaining: 10, held: 0, sold: 0 });
  });
});

describe('expire.lua', () => {
  it('sweeps due holds only (expiry <= now), in batches, once', async () => {
    const s = await sale({ allocation: 10, limit: 1 });
    for (let i = 0; i < 5; i++) await reserve(s, `h${i}`, `c${i}`, 1, T0, 1000 * (i + 1));
    const first = await s.call('expire', T0 + 3000, 2);
    expect(first).toEqual(['ok', 1, 'h0', `expired|1|${T0 + 1000}|${T0}|c0`, 'h1', `expired|1|${T0 + 2000}|${T0}|c1`]);
    expect(await s.call('expire', T0 + 3000, 2)).toEqual(['ok', 1, 'h2', `expired|1|${T0 + 3000}|${T0}|c2`]);
    expect(await s.call('expire', T0 + 3000, 2)).toEqual(['ok', 1]);
    expect(await s.counters()).toEqual({ remaining: 8, held: 2, sold: 0 });
    expect(await raw.hget(s.keys[3]!, 'c0')).toBeNull();
    expect(await raw.hget(s.keys[3]!, 'c4')).toBe('h4');
    expect(await s.hold('h0')).toMatch(/^expired\|/);
    expect(await raw.zrange(s.keys[4]!, "0", "-1")).toEqual(['h3', 'h4']);
  });

  it('skips holds settled after they were scheduled', async () => {
    const s = await sale();
    await reserve(s, 'h1', 'a', 1, T0, 10);
    await s.call('confirm', 'h1', T0);
    expect(await s.call('expire', T0 + 100, 10)).toEqual(['ok', 1]);
    expect(await s.counters()).toEqual({ remaining: 9, held: 0, sold: 1 });
  });
});

describe('snapshot, close, inspect, drop', () => {
  it('read and administer a sale', async () => {
    const s = await sale({ allocation: 7, epoch: 3 });
    await reserve(s, 'h1', 'a', 2);
    expect(await s.call('snapshot')).toEqual(['ok', 3, 7, 5, 2, 0, 'live']);
    expect(await s.call('inspect')).toEqual(['ok', 3, 'h1', `active|2|${T0 + 60_000}|${T0}|a`]);
    expect(await s.call('close')).toEqual(['closed', 3]);
    expect((await s.call('snapshot'))[6]).toBe('closed');
    expect(await s.call('drop', 2)).toEqual(['kept']);
    expect(await s.call('drop', 3)).toEqual(['dropped']);
    for (const k of s.keys) expect(await raw.exists(k)).toBe(0);
    expect(await s.call('snapshot')).toEqual(['missing']);
  });
});

describe('script loading', () => {
  it('runs with EVALSHA and falls back to EVAL after SCRIPT FLUSH (NOSCRIPT)', async () => {
    const s = await sale({ allocation: 10, limit: 1 });
    const before = runner.evalFallbacks;
    await reserve(s, 'h0', 'c0', 1);
    expect(runner.evalFallbacks).toBe(before); // loaded once, then EVALSHA
    // Other suites share this Redis and may put the script back between our FLUSH and our call,
    // so try a few times: at least one call must meet NOSCRIPT, and every call must succeed.
    for (let i = 1; i <= 5 && runner.evalFallbacks === before; i++) {
      await raw.script('FLUSH');
      expect(await reserve(s, `h${i}`, `c${i}`, 1)).toEqual(['ok', 1, `h${i}`, T0 + 60_000]);
    }
    expect(runner.evalFallbacks).toBeGreaterThan(before);
    // EVAL put the script back in Redis's cache: EVALSHA works again.
    const fallbacks = runner.evalFallbacks;
    expect((await reserve(s, 'h9', 'c9', 1))[0]).toBe('ok');
    expect(runner.evalFallbacks).toBe(fallbacks);
  });

  it('a script error is a bug and is thrown as is, not as "unavailable"', async () => {
    const s = await sale();
    await expect(s.call('reserve', 'h1', 'a', 0, T0, T0 + 1)).rejects.toThrow(/bad arguments/);
  });
});
