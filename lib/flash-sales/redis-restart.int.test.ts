import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:net';
import { promisify } from 'node:util';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { flashHolds } from '@/db/schema/flash-sales';
import { useTestDatabase } from '@/test/db';
import { GateUnavailableError } from './errors';
import { createStockGate, type ReserveResult } from './gate';
import { ioredisScriptClient, lazyScriptClient } from './redis-client';
import { insertFlashStock, insertLiveSale } from './test-fixtures';

/*
 * Restarting Redis in the middle of a burst. The test runs its own redis-server (same flags as
 * the shared one: no persistence, so a restart loses every key) on a free port, so stopping it
 * pauses nothing else on the machine; it is killed at the end whatever happens.
 */
const run = promisify(execFile);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

let port = 0;
let server: ChildProcess | null = null;

async function startRedis(): Promise<void> {
  server = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
  for (let i = 0; i < 100; i++) {
    try {
      const { stdout } = await run('redis-cli', ['-p', String(port), 'ping']);
      if (stdout.trim() === 'PONG') return;
    } catch {
      // not up yet
    }
    await sleep(50);
  }
  throw new Error('redis-server did not start');
}

async function stopRedis(): Promise<void> {
  const proc = server;
  server = null;
  if (!proc || proc.exitCode !== null) return;
  const exited = new Promise((r) => proc.once('exit', r));
  await run('redis-cli', ['-p', String(port), 'shutdown', 'nosave']).catch(() => proc.kill('SIGKILL'));
  await exited;
}

describe('Redis restart in the middle of a burst', () => {
  const t = useTestDatabase('postgres', { poolSize: 20 });

  beforeAll(async () => {
    port = await freePort();
    await startRedis();
  });
  afterAll(async () => {
    await stopRedis().catch(() => server?.kill('SIGKILL'));
  });

  it('never oversells, fails closed while Redis is away, and resumes with counters rebuilt from Postgres', async () => {
    const stock = await insertFlashStock(t().db);
    const ALLOCATION = 300;
    const sale = await insertLiveSale(t().db, stock, { engine: 'redis', allocation: ALLOCATION, limit: 1 });
    const url = `redis://127.0.0.1:${port}`;
    const gate = createStockGate(t().db, { redis: lazyScriptClient(() => ioredisScriptClient(url, { commandTimeoutMs: 500 })), keyPrefix: `test-${randomUUID().slice(0, 8)}:flash` });
    await gate.open(sale);

    type Outcome = { phase: 'before' | 'stopping' | 'outage' | 'restarting' | 'after'; result?: ReserveResult; error?: unknown };
    const outcomes: Outcome[] = [];
    let phase: Outcome['phase'] = 'before';
    let n = 0;
    let stop = false;
    const confirmed: string[] = [];
    // 8 buyers' loops, about 400 reserves a second; every third hold is bought at once, as a checkout would.
    const worker = async () => {
      while (!stop) {
        const at = phase;
        const customer = `buyer-${n++}`;
        let result: ReserveResult | undefined;
        try {
          result = await gate.reserve(sale.id, customer, 1);
          outcomes.push({ phase: at, result });
        } catch (error) {
          outcomes.push({ phase: at, error });
        }
        if (result?.ok && n % 3 === 0) {
          // A confirm cut off by the outage is retried, as the checkout saga's step would be.
          for (let attempt = 0; attempt < 200 && !stop; attempt++) {
            try {
              if (await gate.confirm(sale.id, result.holdId)) confirmed.push(result.holdId);
              break;
            } catch (error) {
              if (!(error instanceof GateUnavailableError)) throw error;
              await sleep(20);
            }
          }
        }
        await sleep(20);
      }
    };
    const workers = Array.from({ length: 8 }, worker);
    try {
      await sleep(150);
      phase = 'stopping'; // reserves started now race the shutdown: either answer is fine
      await stopRedis();
      phase = 'outage';
      await sleep(400);
      // While Redis is away: a crowd's reserves, and snapshots, all fail closed, quickly.
      const started = Date.now();
      const crowd = await Promise.allSettled(Array.from({ length: 50 }, (_, i) => gate.reserve(sale.id, `outage-${i}`, 1)));
      expect(crowd.every((r) => r.status === 'rejected' && r.reason instanceof GateUnavailableError)).toBe(true);
      expect(Date.now() - started).toBeLessThan(2000);
      await expect(gate.snapshot(sale.id)).rejects.toBeInstanceOf(GateUnavailableError);
      phase = 'restarting';
      await startRedis(); // empty: every key of the sale is gone
      phase = 'after';
      // The client reconnects within a second; then the first call rebuilds the sale from Postgres.
      const deadline = Date.now() + 5000;
      while (!outcomes.some((o) => o.phase === 'after' && o.result?.ok) && Date.now() < deadline) await sleep(20);
      await sleep(200);
    } finally {
      stop = true;
      await Promise.all(workers);
      if (!server) await startRedis(); // make sure it is up for the checks below
    }

    const tally: Record<string, number> = {};
    for (const o of outcomes) {
      const k = `${o.phase}:${o.error ? 'unavailable' : o.result!.ok ? 'ok' : o.result!.reason}`;
      tally[k] = (tally[k] ?? 0) + 1;
    }
    console.info('[flash] restart: outcomes by phase', JSON.stringify(tally));
    const errors = outcomes.filter((o) => o.error);
    expect(errors.every((o) => o.error instanceof GateUnavailableError)).toBe(true);
    // Before the outage only the reserves in flight when Redis went away may fail (closed).
    expect(errors.filter((o) => o.phase === 'before').length).toBeLessThanOrEqual(8);
    expect(outcomes.filter((o) => o.phase === 'outage' && o.result?.ok)).toHaveLength(0);
    const okBefore = outcomes.filter((o) => o.phase === 'before' && o.result?.ok).length;
    const okAfter = outcomes.filter((o) => o.phase === 'after' && o.result?.ok).length;
    expect(okBefore).toBeGreaterThan(0);
    expect(okAfter).toBeGreaterThan(0); // the sale resumed

    // No oversell, and Redis's rebuilt counters agree with Postgres's holds.
    const rows = await t().db.select().from(flashHolds).where(eq(flashHolds.saleId, sale.id));
    const units = (status: string) => rows.filter((h) => h.status === status).reduce((s, h) => s + h.quantity, 0);
    const snap = await gate.snapshot(sale.id);
    expect(snap.sold + snap.held + snap.remaining).toBe(ALLOCATION);
    expect({ sold: snap.sold, held: snap.held }).toEqual({ sold: units('confirmed'), held: units('active') });
    expect(units('confirmed') + units('active')).toBeLessThanOrEqual(ALLOCATION);
    expect(snap.remaining).toBeGreaterThan(0);
    expect(units('confirmed')).toBe(confirmed.length);
    const okIds = outcomes.flatMap((o) => (o.result?.ok ? [o.result.holdId] : []));
    expect(new Set(okIds).size).toBe(okIds.length);
    const rowIds = new Set(rows.map((r) => r.id));
    expect(okIds.every((id) => rowIds.has(id))).toBe(true); // every hold handed out has its row

    // And it keeps selling to the last unit, exactly.
    const rest = await Promise.all(Array.from({ length: snap.remaining + 50 }, (_, i) => gate.reserve(sale.id, `late-${i}`, 1)));
    expect(rest.filter((r) => r.ok)).toHaveLength(snap.remaining);
    expect(rest.filter((r) => !r.ok && r.reason === 'sold_out')).toHaveLength(50);
    expect(await gate.snapshot(sale.id)).toEqual({ allocation: ALLOCATION, remaining: 0, held: snap.held + snap.remaining, sold: snap.sold });
  });
});
