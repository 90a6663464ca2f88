import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '@/test/db';
import { GateUnavailableError } from './errors';
import { createStockGate } from './gate';
import { upstashScriptClient } from './redis-client';
import type { RedisStockGate } from './redis-gate';
import { insertFlashStock, insertLiveSale } from './test-fixtures';

/*
 * The Redis engine over Upstash's REST protocol. Opt-in: it needs an Upstash-compatible endpoint,
 * e.g. a local `@humanwhocodes/upstash-redis-server` in front of the local Redis:
 *   URS_TOKEN=tok PORT=18089 npx @humanwhocodes/upstash-redis-server
 *   TEST_UPSTASH_REDIS_REST_URL=http://127.0.0.1:18089 TEST_UPSTASH_REDIS_REST_TOKEN=tok npx vitest run lib/flash-sales/upstash.int.test.ts
 */
const url = process.env.TEST_UPSTASH_REDIS_REST_URL;
const token = process.env.TEST_UPSTASH_REDIS_REST_TOKEN ?? '';

describe.skipIf(!url)('stock gate over Upstash REST', () => {
  const t = useTestDatabase('postgres', { poolSize: 20 });

  it('reserves, confirms, releases, expires and falls back to EVAL, like the TCP client', async () => {
    let now = Date.now();
    // The local emulator doesn't do base64 replies (Upstash itself does, and the client's default uses them).
    const client = await upstashScriptClient(url!, token, { plainResponses: true });
    const gate = createStockGate(t().db, { redis: client, keyPrefix: `test-${randomUUID().slice(0, 8)}:flash`, clock: () => now }) as RedisStockGate;
    const stock = await insertFlashStock(t().db);
    const sale = await insertLiveSale(t().db, stock, { engine: 'redis', allocation: 10, limit: 1 });
    const results = await Promise.all(Array.from({ length: 200 }, (_, i) => gate.reserve(sale.id, `buyer-${i}`, 1, 1000)));
    expect(results.filter((r) => r.ok)).toHaveLength(10);
    expect(results.filter((r) => !r.ok && r.reason === 'sold_out')).toHaveLength(190);
    const [a, b] = results.flatMap((r) => (r.ok ? [r.holdId] : []));
    expect(await gate.confirm(sale.id, a!)).toBe(true);
    expect(await gate.release(sale.id, b!)).toBe(true);
    expect(await gate.snapshot(sale.id)).toEqual({ allocation: 10, remaining: 1, held: 8, sold: 1 });
    now += 1000;
    expect(await gate.expire(sale.id)).toBe(8);
    await fetch(url!, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: JSON.stringify(['SCRIPT', 'FLUSH']) });
    const before = gate.scripts.evalFallbacks;
    expect((await gate.reserve(sale.id, 'late', 1)).ok).toBe(true);
    expect(gate.scripts.evalFallbacks).toBe(before + 1);
    expect(await gate.snapshot(sale.id)).toEqual({ allocation: 10, remaining: 8, held: 1, sold: 1 });
  });

  it('an unreachable endpoint fails closed', async () => {
    const gate = createStockGate(t().db, { redis: await upstashScriptClient('http://127.0.0.1:1', 'x'), keyPrefix: 'unused' });
    await expect(gate.reserve(randomUUID(), 'a', 1)).rejects.toBeInstanceOf(GateUnavailableError);
  });
});
