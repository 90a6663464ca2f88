import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import fc from 'fast-check';
import IORedis from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { flashHolds, flashSales, type FlashGateEngine } from '@/db/schema/flash-sales';
import type { Db } from '@/lib/platform/db';
import { useTestDatabase, type Backend } from '@/test/db';
import { GateUnavailableError } from './errors';
import { createStockGate, type ReserveResult } from './gate';
import { ioredisScriptClient } from './redis-client';
import { saleKeys, type RedisStockGate } from './redis-gate';
import type { ScriptClient } from './scripts';
import { insertFlashStock, insertLiveSale, type StockFixture } from './test-fixtures';
import { GateModel } from './test-model';

const REDIS_URL = 'redis://127.0.0.1:6379';
const prefix = `test-${randomUUID().slice(0, 8)}:flash`;

let client: ScriptClient & { close(): Promise<void> };
let raw: IORedis;
beforeAll(async () => {
  client = await ioredisScriptClient(REDIS_URL);
  raw = new IORedis(REDIS_URL);
});
afterAll(async () => {
  const keys = await raw.keys(`${prefix}:*`);
  if (keys.length) await raw.del(...keys);
  await client.close();
  raw.disconnect();
});

// The Postgres engine also runs on the embedded PGlite (the default without DATABASE_URL).
const CASES: { engine: FlashGateEngine; backend: Backend }[] = [
  { engine: 'redis', backend: 'postgres' },
  { engine: 'postgres', backend: 'postgres' },
  { engine: 'postgres', backend: 'pglite' },
];

describe.each(CASES)('stock gate: $engine engine on $backend', ({ engine, backend }) => {
  const t = useTestDatabase(backend, { poolSize: 20 });
  let stock: StockFixture;
  beforeAll(async () => {
    stock = await insertFlashStock(t().db);
  });
  const makeGate = (clock?: () => number, db: Db = t().db) => createStockGate(db, { redis: engine === 'redis' ? client : null, keyPrefix: prefix, clock });
  const sale = (opts: Omit<Parameters<typeof insertLiveSale>[2], 'engine'> = {}) => insertLiveSale(t().db, stock, { engine, ...opts });
  const rows = (saleId: string) => t().db.select().from(flashHolds).where(eq(flashHolds.saleId, saleId));
  const okIds = (results: ReserveResult[]) => results.flatMap((r) => (r.ok ? [r.holdId] : []));
  const heavy = backend === 'postgres';

  // 1,000 on the Postgres server; 300 on the embedded PGlite (one connection: it only queues longer).
  const crowd = heavy ? 1000 : 300;
  it(`${crowd} concurrent buyers for 10 units: exactly 10 holds, ${crowd - 10} clean sold_out, then 10 sold`, async () => {
    const s = await sale({ allocation: 10, limit: 1 });
    const gate = makeGate();
    await gate.open(s);
    const started = performance.now();
    const results = await Promise.all(Array.from({ length: crowd }, (_, i) => gate.reserve(s.id, `buyer-${i}`, 1)));
    const elapsed = performance.now() - started;
    console.info(`[flash] ${engine} engine on ${backend}: ${crowd} concurrent reserves in ${elapsed.toFixed(0)} ms`);
    const ids = okIds(results);
    expect(ids).toHaveLength(10);
    expect(results.filter((r) => !r.ok && r.reason === 'sold_out')).toHaveLength(crowd - 10);
    expect(await gate.snapshot(s.id)).toEqual({ allocation: 10, remaining: 0, held: 10, sold: 0 });
    const held = await rows(s.id);
    expect(held.map((h) => h.id).sort()).toEqual([...ids].sort());
    expect(held.every((h) => h.status === 'active' && h.quantity === 1)).toBe(true);
    expect(new Set(held.map((h) => h.customerKey)).size).toBe(10);

    expect(await Promise.all(ids.map((id) => gate.confirm(s.id, id)))).toEqual(ids.map(() => true));
    expect(await gate.snapshot(s.id)).toEqual({ allocation: 10, remaining: 0, held: 0, sold: 10 });
    expect((await gate.reserve(s.id, 'late', 1)).ok).toBe(false);
    expect((await rows(s.id)).filter((h) => h.status === 'confirmed')).toHaveLength(10);
  });

  it('one customer firing 20 parallel reserves gets one hold at a time and never more than the limit', async () => {
    const s = await sale({ allocation: 50, limit: 2 });
    const gate = makeGate();
    const burst = (qty: (i: number) => number) => Promise.all(Array.from({ length: 20 }, (_, i) => gate.reserve(s.id, 'greedy', qty(i))));

    const first = await burst(() => 1);
    expect(okIds(first)).toHaveLength(1);
    expect(first.filter((r) => !r.ok).every((r) => !r.ok && r.reason === 'already_holding' && r.holdId === okIds(first)[0])).toBe(true);
    expect(await gate.confirm(s.id, okIds(first)[0]!)).toBe(true);

    const second = await burst((i) => 1 + (i % 3)); // 1, 2, 3 units
    expect(okIds(second)).toHaveLength(1);
    expect(second.every((r) => r.ok || r.reason === 'already_holding' || r.reason === 'over_limit')).toBe(true);
    expect(await gate.confirm(s.id, okIds(second)[0]!)).toBe(true);

    const third = await burst(() => 1);
    expect(third.every((r) => !r.ok && r.reason === 'over_limit')).toBe(true);
    const mine = (await rows(s.id)).filter((h) => h.customerKey === 'greedy' && (h.status === 'confirmed' || h.status === 'active'));
    expect(mine.reduce((n, h) => n + h.quantity, 0)).toBe(2);
    expect(await gate.snapshot(s.id)).toEqual({ allocation: 50, remaining: 48, held: 0, sold: 2 });
  });

  it('holds expire: the sweep returns their units, confirm refuses them, a newcomer gets them without waiting for the sweep', async () => {
    let now = Date.now();
    const gate = makeGate(() => now);
    const s = await sale({ allocation: 3, limit: 3 });
    const a = await gate.reserve(s.id, 'a', 2, 1000);
    const b = await gate.reserve(s.id, 'b', 1, 5000);
    if (!a.ok || !b.ok) throw new Error('expected two holds');
    now += 1000;
    expect(await gate.snapshot(s.id)).toEqual({ allocation: 3, remaining: 0, held: 3, sold: 0 }); // due, not yet swept
    expect(await gate.expire(s.id)).toBe(1);
    expect(await gate.expire(s.id)).toBe(0);
    expect(await gate.snapshot(s.id)).toEqual({ allocation: 3, remaining: 2, held: 1, sold: 0 });
    expect(await gate.confirm(s.id, a.holdId)).toBe(false);
    expect(await gate.release(s.id, a.holdId)).toBe(true); // its units are back already
    expect((await rows(s.id)).find((h) => h.id === a.holdId)?.status).toBe('expired');

    now += 4000; // b is due now; nobody swept
    expect(await gate.confirm(s.id, b.holdId)).toBe(false); // refused, and swept on the way
    const c = await gate.reserve(s.id, 'c', 3);
    expect(c.ok).toBe(true);
    expect(await gate.snapshot(s.id)).toEqual({ allocation: 3, remaining: 0, held: 3, sold: 0 });
    const statuses = Object.fromEntries((await rows(s.id)).map((h) => [h.customerKey, h.status]));
    expect(statuses).toEqual({ a: 'expired', b: 'expired', c: 'active' });
  });

  it('a customer whose hold expired may hold again at once', async () => {
    let now = Date.now();
    const gate = makeGate(() => now);
    const s = await sale({ allocation: 5, limit: 1 });
    const first = await gate.reserve(s.id, 'a', 1, 1000);
    now += 1000;
    const second = await gate.reserve(s.id, 'a', 1, 1000);
    expect(first.ok && second.ok && first.holdId !== second.holdId).toBe(true);
    expect((await rows(s.id)).map((h) => h.status).sort()).toEqual(['active', 'expired']);
  });

  it('confirm and release are idempotent and exclude each other; already_holding hands the hold back', async () => {
    const gate = makeGate();
    const s = await sale({ allocation: 4, limit: 2 });
    const a = await gate.reserve(s.id, 'a', 1);
    if (!a.ok) throw new Error('expected a hold');
    expect(await gate.reserve(s.id, 'a', 1)).toEqual({ ok: false, reason: 'already_holding', holdId: a.holdId, expiresAt: a.expiresAt });
    expect([await gate.confirm(s.id, a.holdId), await gate.confirm(s.id, a.holdId)]).toEqual([true, true]);
    expect(await gate.release(s.id, a.holdId)).toBe(false);
    const b = await gate.reserve(s.id, 'b', 2);
    if (!b.ok) throw new Error('expected a hold');
    expect([await gate.release(s.id, b.holdId), await gate.release(s.id, b.holdId)]).toEqual([true, true]);
    expect(await gate.confirm(s.id, b.holdId)).toBe(false);
    const unknown = randomUUID();
    expect([await gate.confirm(s.id, unknown), await gate.release(s.id, unknown)]).toEqual([false, false]);
    expect(await gate.snapshot(s.id)).toEqual({ allocation: 4, remaining: 3, held: 0, sold: 1 });
    const statuses = Object.fromEntries((await rows(s.id)).map((h) => [h.customerKey, h.status]));
    expect(statuses).toEqual({ a: 'confirmed', b: 'released' });
  });

  it('not live: before its start, after its end, not started yet, closed', async () => {
    const gate = makeGate();
    const future = await sale({ startsAt: new Date(Date.now() + 60_000), endsAt: new Date(Date.now() + 120_000) });
    const past = await sale({ startsAt: new Date(Date.now() - 120_000), endsAt: new Date(Date.now() - 60_000) });
    const scheduled = await sale({ status: 'scheduled', allocation: 7 });
    for (const s of [future, past, scheduled]) expect(await gate.reserve(s.id, 'a', 1)).toEqual({ ok: false, reason: 'not_live' });
    expect(await gate.snapshot(scheduled.id)).toEqual({ allocation: 7, remaining: 7, held: 0, sold: 0 });
    expect(await gate.reserve(randomUUID(), 'a', 1)).toEqual({ ok: false, reason: 'not_live' });

    const live = await sale({ allocation: 2 });
    const h = await gate.reserve(live.id, 'a', 1);
    await t().db.update(flashSales).set({ status: 'ended' }).where(eq(flashSales.id, live.id));
    await gate.close(live.id);
    await gate.close(live.id);
    expect(await gate.reserve(live.id, 'b', 1)).toEqual({ ok: false, reason: 'not_live' });
    expect(h.ok && (await gate.confirm(live.id, h.holdId))).toBe(true); // holds still settle after the end
  });

  it('refuses a sale that started on the other engine (never switches engines mid-sale)', async () => {
    const other: FlashGateEngine = engine === 'redis' ? 'postgres' : 'redis';
    const s = await insertLiveSale(t().db, stock, { engine: other });
    await expect(makeGate().reserve(s.id, 'a', 1)).rejects.toBeInstanceOf(GateUnavailableError);
  });

  it('property: random sequences of reserve / confirm / release / expire / time passing answer like the model', async () => {
    const op = fc.oneof(
      fc.record({ kind: fc.constant('reserve' as const), customer: fc.integer({ min: 0, max: 3 }), qty: fc.integer({ min: 1, max: 3 }), ttl: fc.constantFrom(1000, 4000) }),
      fc.record({ kind: fc.constantFrom('confirm' as const, 'release' as const), pick: fc.nat() }),
      fc.record({ kind: fc.constant('tick' as const), ms: fc.integer({ min: 0, max: 3000 }) }),
      fc.record({ kind: fc.constant('expire' as const) }),
    );
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 3 }), fc.array(op, { minLength: 1, maxLength: 24 }), async (allocation, limit, ops) => {
        let now = Date.now();
        const gate = makeGate(() => now);
        const s = await sale({ allocation, limit });
        const model = new GateModel(allocation, limit);
        const ids: string[] = [];
        for (const o of ops) {
          if (o.kind === 'reserve') {
            const customer = `c${o.customer}`;
            const expected = model.reserve(customer, o.qty, now);
            const got = await gate.reserve(s.id, customer, o.qty, o.ttl);
            if (got.ok) {
              expect(expected.ok).toBe(true);
              model.created(got.holdId, customer, o.qty, now + o.ttl);
              expect(got.expiresAt.getTime()).toBe(now + o.ttl);
              ids.push(got.holdId);
            } else expect(got).toEqual(expected);
          } else if (o.kind === 'confirm' || o.kind === 'release') {
            if (!ids.length) continue;
            const id = ids[o.pick % ids.length]!;
            if (o.kind === 'confirm') expect(await gate.confirm(s.id, id)).toBe(model.confirm(id, now));
            else expect(await gate.release(s.id, id)).toBe(model.release(id));
          } else if (o.kind === 'tick') now += o.ms;
          else expect(await gate.expire(s.id, new Date(now))).toBe(model.expire(now));
          const snap = await gate.snapshot(s.id);
          expect(snap).toEqual(model.snapshot());
          expect(snap.sold + snap.held + snap.remaining).toBe(allocation);
        }
        const saved = await rows(s.id);
        expect(Object.fromEntries(saved.map((h) => [h.id, h.status]))).toEqual(Object.fromEntries([...model.holds].map(([id, h]) => [id, h.status])));
        for (let c = 0; c < 4; c++) expect(model.units(`c${c}`)).toBeLessThanOrEqual(limit);
      }),
      { numRuns: heavy ? 30 : 12 },
    );
  });

  it('property: concurrent interleavings keep sold + held + remaining = allocation, limits and one active hold per customer', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 8 }),
        fc.integer({ min: 1, max: 3 }),
        fc.array(fc.record({ customer: fc.integer({ min: 0, max: 5 }), qty: fc.integer({ min: 1, max: 3 }), then: fc.constantFrom('confirm', 'release', 'keep', 'expire') }), {
          minLength: 2,
          maxLength: heavy ? 16 : 8,
        }),
        async (allocation, limit, ops) => {
          const gate = makeGate();
          const s = await sale({ allocation, limit });
          await Promise.all(
            ops.map(async (o) => {
              const r = await gate.reserve(s.id, `c${o.customer}`, o.qty, o.then === 'expire' ? 1 : 60_000);
              if (!r.ok) return;
              if (o.then === 'confirm') await gate.confirm(s.id, r.holdId);
              if (o.then === 'release') await gate.release(s.id, r.holdId);
              if (o.then === 'expire') await new Promise((res) => setTimeout(res, 3)).then(() => gate.expire(s.id));
            }),
          );
          const snap = await gate.snapshot(s.id);
          expect(snap.sold + snap.held + snap.remaining).toBe(allocation);
          expect(Math.min(snap.sold, snap.held, snap.remaining)).toBeGreaterThanOrEqual(0);
          const saved = await rows(s.id);
          const sum = (status: string) => saved.filter((h) => h.status === status).reduce((n, h) => n + h.quantity, 0);
          expect({ sold: snap.sold, held: snap.held }).toEqual({ sold: sum('confirmed'), held: sum('active') });
          for (let c = 0; c < 6; c++) {
            const mine = saved.filter((h) => h.customerKey === `c${c}`);
            expect(mine.filter((h) => h.status === 'active').length).toBeLessThanOrEqual(1);
            expect(mine.filter((h) => h.status === 'active' || h.status === 'confirmed').reduce((n, h) => n + h.quantity, 0)).toBeLessThanOrEqual(limit);
          }
        },
      ),
      { numRuns: heavy ? 20 : 8 },
    );
  });

  if (engine === 'redis') {
    it('rebuilds lost keys from Postgres: confirmed holds sold, active holds held, the rest remaining', async () => {
      const gate = makeGate() as RedisStockGate;
      const s = await sale({ allocation: 6, limit: 2 });
      const a = await gate.reserve(s.id, 'a', 2);
      const b = await gate.reserve(s.id, 'b', 1);
      if (!a.ok || !b.ok) throw new Error('expected holds');
      await gate.confirm(s.id, a.holdId);
      const epochBefore = (await t().db.select({ e: flashSales.gateEpoch }).from(flashSales).where(eq(flashSales.id, s.id)))[0]!.e;
      await raw.del(...saleKeys(prefix, s.id)); // what a restart without persistence does
      expect(await gate.snapshot(s.id)).toEqual({ allocation: 6, remaining: 3, held: 1, sold: 2 });
      const epochAfter = (await t().db.select({ e: flashSales.gateEpoch }).from(flashSales).where(eq(flashSales.id, s.id)))[0]!.e;
      expect(epochAfter).toBe(epochBefore + 1);
      expect(await gate.reserve(s.id, 'a', 1)).toEqual({ ok: false, reason: 'over_limit' });
      expect((await gate.reserve(s.id, 'b', 1)).ok).toBe(false); // b still holds
      expect(await gate.confirm(s.id, b.holdId)).toBe(true);
      expect(await gate.snapshot(s.id)).toEqual({ allocation: 6, remaining: 3, held: 0, sold: 3 });
    });

    it('a write made on a Redis state Postgres never vouched for is refused and redone on a rebuilt state', async () => {
      const gate = makeGate();
      const s = await sale({ allocation: 3, limit: 1 });
      await gate.open(s);
      // Redis ahead of Postgres: a rebuild that wrote Redis but whose commit was lost.
      await raw.hset(saleKeys(prefix, s.id)[0]!, 'epoch', '99');
      const r = await gate.reserve(s.id, 'a', 1);
      expect(r.ok).toBe(true);
      expect(await gate.snapshot(s.id)).toEqual({ allocation: 3, remaining: 2, held: 1, sold: 0 });
      expect((await rows(s.id)).map((h) => h.epoch)).toEqual([2]);
    });

    it('when Postgres fails after Redis took the units, they are given back at once and the reserve fails closed', async () => {
      const gate = makeGate();
      const s = await sale({ allocation: 2 });
      await gate.open(s);
      const down = Object.assign(new Error('Connection terminated unexpectedly'), { code: '08006' });
      const broken = new Proxy(t().db, { get: (target, prop) => (prop === 'transaction' ? () => Promise.reject(down) : Reflect.get(target, prop)) });
      await expect(makeGate(undefined, broken).reserve(s.id, 'a', 1)).rejects.toBeInstanceOf(GateUnavailableError);
      expect(await gate.snapshot(s.id)).toEqual({ allocation: 2, remaining: 2, held: 0, sold: 0 });
    });

    it('sync repairs rows that lag Redis and releases Redis holds that never got a row', async () => {
      const gate = makeGate() as RedisStockGate;
      const s = await sale({ allocation: 5, limit: 1 });
      const a = await gate.reserve(s.id, 'a', 1);
      if (!a.ok) throw new Error('expected a hold');
      await gate.confirm(s.id, a.holdId);
      // A crash after confirm.lua, before the row was updated:
      await t().db.update(flashHolds).set({ status: 'active' }).where(eq(flashHolds.id, a.holdId));
      // A crash after reserve.lua, before the row was inserted (two minutes ago):
      const old = Date.now() - 120_000;
      await gate.scripts.run('reserve', saleKeys(prefix, s.id), [randomUUID(), 'ghost', 1, old, Date.now() + 60_000]);
      expect(await gate.snapshot(s.id)).toMatchObject({ held: 1, sold: 1 });
      expect(await gate.sync(s.id)).toBe(2);
      expect(await gate.sync(s.id)).toBe(0);
      expect((await rows(s.id)).map((h) => h.status)).toEqual(['confirmed']);
      expect(await gate.snapshot(s.id)).toEqual({ allocation: 5, remaining: 4, held: 0, sold: 1 });
    });

    it('an unreachable Redis fails closed, quickly', async () => {
      const s = await sale();
      const dead = await import('./redis-client').then((m) => m.lazyScriptClient(() => m.ioredisScriptClient('redis://127.0.0.1:1')));
      const gate = createStockGate(t().db, { redis: dead, keyPrefix: prefix });
      const started = Date.now();
      await expect(gate.reserve(s.id, 'a', 1)).rejects.toBeInstanceOf(GateUnavailableError);
      await expect(gate.snapshot(s.id)).rejects.toBeInstanceOf(GateUnavailableError);
      expect(Date.now() - started).toBeLessThan(3000);
    });
  }
});
