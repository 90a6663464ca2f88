// `npm run bench:flash` — 1,000 concurrent HTTP buyers for a 10-unit flash sale against the
// production build, first on the Redis engine (local Redis), then on the Postgres engine.
//
//   npm run bench:flash -- [--buyers N] [--allocation N] [--paced N] [--skip-build]
//
// Each engine runs two sales: a burst (every buyer's request sent at the same moment) and a
// paced crowd (--paced, default 50, requests in flight at a time).
//
// Reports, per engine: holds placed (= units sold to the crowd; each is then confirmed as a
// checkout would), oversell (must be 0), p50/p95/p99 of placing a hold, and hold requests per
// second as a ratio to the liveness route measured in the same run.
import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { and, eq, sql } from 'drizzle-orm';
import { flashHolds, flashSales } from '@/db/schema/flash-sales';
import { inventoryLevels } from '@/db/schema/inventory';
import { stores } from '@/db/schema/sellers';
import { createStockGate } from '@/lib/flash-sales/gate';
import { startFlashSale } from '@/lib/flash-sales/lifecycle';
import { openDatabase } from '@/lib/platform/db';
import { parseEnv } from '@/lib/platform/env';
import { argValue, ensureDatabase } from '../scripts/cli';
import { measure, type Result } from './measure';
import { buildApp, DEFAULT_BENCH_DATABASE_URL, RESULTS_DIR, runCommand, startServer } from './server';

const PORT = 3300;
const REDIS_URL = process.env.BENCH_REDIS_URL || 'redis://127.0.0.1:6379';
const argv = process.argv.slice(2);
const buyers = Number(argValue(argv, '--buyers') ?? 1000);
const allocation = Number(argValue(argv, '--allocation') ?? 10);
const paced = Number(argValue(argv, '--paced') ?? 50);
const databaseUrl = process.env.BENCH_DATABASE_URL || DEFAULT_BENCH_DATABASE_URL;

type Mode = 'burst' | 'paced';
type EngineResult = {
  engine: 'redis' | 'postgres';
  /** burst: every buyer at the same moment; paced: `--paced` buyers in flight at a time. */
  mode: Mode;
  concurrency: number;
  buyers: number;
  allocation: number;
  holds: number;
  sold: number;
  oversell: number;
  rejected: Record<string, number>;
  errors: number;
  p50: number;
  p95: number;
  p99: number;
  /** The same percentiles inside the handler (Server-Timing): the rest of the client's figure is queueing for the CPU. */
  server: { p50: number; p95: number; p99: number };
  holdRps: number;
  liveness: Result;
  ratio: number;
  counters: { remaining: number; held: number; sold: number };
};

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? 0;
const r2 = (n: number) => Math.round(n * 100) / 100;

/** A live sale of `allocation` units of some stocked variant, started on the given engine exactly as the scheduler starts one. */
async function createLiveSale(engine: 'redis' | 'postgres') {
  const env = parseEnv({
    DATABASE_URL: databaseUrl,
    LOG_LEVEL: 'warn',
    ...(engine === 'redis' ? { REDIS_URL } : {}),
  });
  const { db, close } = await openDatabase(env);
  try {
    const [level] = await db
      .select({
        variantId: inventoryLevels.variantId,
        locationId: inventoryLevels.locationId,
        storeId: stores.id,
      })
      .from(inventoryLevels)
      .innerJoin(sql`variants v`, sql`v.id = ${inventoryLevels.variantId}`)
      .innerJoin(sql`products p`, sql`p.id = v.product_id`)
      .innerJoin(stores, sql`${stores.id} = p.store_id`)
      .where(sql`${inventoryLevels.onHand} - ${inventoryLevels.reserved} >= ${allocation} and p.status = 'active' and ${stores.status} = 'active'`)
      .limit(1);
    if (!level) throw new Error('no variant with enough stock in the bench database');
    const id = randomUUID();
    await db.insert(flashSales).values({
      id,
      storeId: level.storeId,
      variantId: level.variantId,
      locationId: level.locationId,
      allocation,
      salePrice: 100,
      perCustomerLimit: 1,
      startsAt: new Date(Date.now() - 1000),
      endsAt: new Date(Date.now() + 3600_000),
      status: 'scheduled',
      remaining: allocation,
    });
    const gate = createStockGate(db, { env });
    const started = await startFlashSale(db, gate, id);
    if (!started.ok) throw new Error(`could not start the sale: ${started.message}`);
    return { id, db, gate, close };
  } catch (err) {
    await close();
    throw err;
  }
}

/** `buyers` guests place a hold each, at most `concurrency` in flight (all at once when it equals `buyers`). */
async function fireBuyers(base: string, saleId: string, concurrency: number) {
  const latencies: number[] = [];
  const serverTimes: number[] = [];
  const statuses: Record<string, number> = {};
  let errors = 0;
  const t0 = performance.now();
  let next = 0;
  const buy = async (i: number) => {
    const start = performance.now();
    try {
      const res = await fetch(`${base}/api/v1/flash-sales/${saleId}/holds`, {
        method: 'POST',
        // Each buyer is its own guest from its own address (no cookie: a fresh guest key).
        headers: {
          'Content-Type': 'application/json',
          'X-Forwarded-For': `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`,
        },
        body: JSON.stringify({ quantity: 1 }),
        signal: AbortSignal.timeout(30_000),
      });
      const dur = /app;dur=([\d.]+)/.exec(res.headers.get('server-timing') ?? '')?.[1];
      if (dur) serverTimes.push(Number(dur));
      const body = (await res.json().catch(() => ({}))) as {
        error?: { code?: string };
      };
      const key = res.status === 201 ? 'created' : `${res.status} ${body.error?.code ?? ''}`.trim();
      statuses[key] = (statuses[key] ?? 0) + 1;
    } catch {
      errors++;
    }
    latencies.push(performance.now() - start);
  };
  await Promise.all(
    Array.from({ length: Math.min(concurrency, buyers) }, async () => {
      while (next < buyers) await buy(next++);
    }),
  );
  const seconds = (performance.now() - t0) / 1000;
  return {
    latencies: latencies.sort((a, b) => a - b),
    serverTimes: serverTimes.sort((a, b) => a - b),
    statuses,
    errors,
    seconds,
  };
}

async function runEngine(engine: 'redis' | 'postgres', distEnv: Record<string, string | undefined>): Promise<EngineResult[]> {
  console.log(`\n[bench:flash] ${engine} engine`);
  const server = await startServer({
    port: PORT,
    env: {
      ...distEnv,
      NODE_ENV: 'production',
      LOG_LEVEL: 'warn',
      AUTH_SECRET: process.env.AUTH_SECRET || 'bench-only-secret-not-for-production-0123456789',
      REDIS_URL: engine === 'redis' ? REDIS_URL : undefined,
      UPSTASH_REDIS_REST_URL: undefined,
      UPSTASH_REDIS_REST_TOKEN: undefined,
      WORKFLOW_POLL: 'off',
    },
  });
  try {
    const liveness = await measure('liveness', `${server.url}/api/health/live`, { connections: 20, duration: 5, warmup: 2 });
    const results: EngineResult[] = [];
    for (const [mode, concurrency] of [
      ['burst', buyers],
      ['paced', paced],
    ] as [Mode, number][])
      results.push(await runSale(server.url, engine, mode, concurrency, liveness));
    return results;
  } finally {
    await server.stop();
  }
}

/** One sale of `allocation` units and its crowd: holds, then each hold confirmed as a checkout would. */
async function runSale(base: string, engine: 'redis' | 'postgres', mode: Mode, concurrency: number, liveness: Result): Promise<EngineResult> {
  const sale = await createLiveSale(engine);
  try {
    // Warm the route (compile caches, connections) with a read of the sale.
    await fetch(`${base}/api/v1/flash-sales/${sale.id}`).then((r) => r.text());
    const burst = await fireBuyers(base, sale.id, concurrency);
    const holds = burst.statuses.created ?? 0;
    const active = await sale.db
      .select({ id: flashHolds.id })
      .from(flashHolds)
      .where(and(eq(flashHolds.saleId, sale.id), eq(flashHolds.status, 'active')));
    let sold = 0;
    for (const h of active) if (await sale.gate.confirm(sale.id, h.id)) sold++;
    const counters = await sale.gate.snapshot(sale.id);
    const holdRps = buyers / burst.seconds;
    const result: EngineResult = {
      engine,
      mode,
      concurrency,
      buyers,
      allocation,
      holds,
      sold,
      oversell: Math.max(0, holds - allocation, counters.sold - allocation),
      rejected: Object.fromEntries(Object.entries(burst.statuses).filter(([k]) => k !== 'created')),
      errors: burst.errors,
      p50: r2(pct(burst.latencies, 50)),
      p95: r2(pct(burst.latencies, 95)),
      p99: r2(pct(burst.latencies, 99)),
      server: {
        p50: r2(pct(burst.serverTimes, 50)),
        p95: r2(pct(burst.serverTimes, 95)),
        p99: r2(pct(burst.serverTimes, 99)),
      },
      holdRps: r2(holdRps),
      liveness,
      ratio: r2(holdRps / liveness.rps),
      counters: {
        remaining: counters.remaining,
        held: counters.held,
        sold: counters.sold,
      },
    };
    console.log(
      `[bench:flash] ${engine} ${mode} (${concurrency} in flight): holds=${holds} sold=${sold} oversell=${result.oversell} rejected=${JSON.stringify(result.rejected)} errors=${burst.errors} ` +
        `p50=${result.p50}ms p95=${result.p95}ms p99=${result.p99}ms (in handler: p50=${result.server.p50} p95=${result.server.p95} p99=${result.server.p99}) holds/s=${result.holdRps} liveness=${liveness.rps} req/s ratio=${result.ratio}`,
    );
    return result;
  } finally {
    await sale.db
      .update(flashSales)
      .set({ status: 'cancelled' })
      .where(eq(flashSales.id, sale.id))
      .catch(() => {});
    await sale.close();
  }
}

function toMarkdown(results: EngineResult[]): string {
  const rows = results.map(
    (r) =>
      `| ${r.engine} | ${r.mode} (${r.concurrency}) | ${r.buyers} | ${r.allocation} | ${r.holds} | ${r.sold} | **${r.oversell}** | ${r.p50} | ${r.p95} | ${r.p99} | ${r.server.p50} / ${r.server.p95} / ${r.server.p99} | ${r.holdRps} | ${r.liveness.rps} | ${r.ratio} |`,
  );
  return [
    `# Flash-sale benchmark (${new Date().toISOString()})`,
    '',
    '| engine | mode (in flight) | buyers | allocation | holds | sold | oversell | p50 ms | p95 ms | p99 ms | in handler p50/p95/p99 ms | hold req/s | liveness req/s | ratio |',
    '|---|---|---|---|---|---|---|---|---|---|---|---|---|---|',
    ...rows,
    '',
  ].join('\n');
}

async function main() {
  const distEnv = {
    DATABASE_URL: databaseUrl,
    NEXT_DIST_DIR: process.env.NEXT_DIST_DIR || '.next-bench',
  };
  await ensureDatabase(databaseUrl, (m) => console.log(`[bench:flash] ${m}`));
  await runCommand('npx', ['tsx', 'scripts/db-migrate.ts'], distEnv);
  const { db, close } = await openDatabase(parseEnv({ DATABASE_URL: databaseUrl, LOG_LEVEL: 'warn' }));
  const [{ n }] = (await db.execute<{ n: number }>(sql`select count(*)::int as n from products`)).rows as [{ n: number }];
  await close();
  if (n === 0) await runCommand('npx', ['tsx', 'scripts/db-seed.ts', '--products', '400'], distEnv);
  if (argv.includes('--skip-build')) console.log('[bench:flash] --skip-build: using the existing build');
  else await buildApp(distEnv);

  const results = [...(await runEngine('redis', distEnv)), ...(await runEngine('postgres', distEnv))];
  mkdirSync(RESULTS_DIR, { recursive: true });
  writeFileSync(path.join(RESULTS_DIR, 'flash.json'), JSON.stringify(results, null, 2));
  writeFileSync(path.join(RESULTS_DIR, 'flash.md'), toMarkdown(results));
  console.log(`\n${toMarkdown(results)}`);
  const bad = results.filter((r) => r.oversell > 0 || r.holds !== Math.min(r.allocation, r.buyers));
  if (bad.length) throw new Error(`flash sale bench failed its invariants: ${bad.map((r) => `${r.engine} ${r.mode}: holds=${r.holds} oversell=${r.oversell}`).join('; ')}`);
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(`[bench:flash] FAILED: ${err instanceof Error ? err.stack : String(err)}`);
    process.exit(1);
  },
);
