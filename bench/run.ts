// `npm run bench` — build + start the production server against a dedicated,
// seeded database and load-test the main storefront routes with autocannon, then the seller
// workspace of one large store (signed in as its owner).
//
//   npm run bench -- [--products N] [--connections N] [--duration S] [--skip-build] [--skip-seed]
//                    [--seller-products N] [--seller-orders N] [--seller-connections N] [--skip-seller]
//
// env: BENCH_DATABASE_URL, BENCH_PRODUCTS, BENCH_CONNECTIONS, BENCH_DURATION
import pg from 'pg';
import { argValue, ensureDatabase } from '../scripts/cli';
import { measure, writeReport, type Result } from './measure';
import { BENCH_STORE_SLUG, ensureSellerStore, sellerRoutes, signIn } from './seller';
import { buildApp, DEFAULT_BENCH_DATABASE_URL, discoverTargets, runCommand, startServer, type RunningServer } from './server';

// Not 3100 (the e2e server) nor 3300 (bench:flash).
const PORT = 3200;

interface Options {
  products: number;
  connections: number;
  duration: number;
  skipBuild: boolean;
  skipSeed: boolean;
  sellerProducts: number;
  sellerOrders: number;
  sellerConnections: number;
  skipSeller: boolean;
  databaseUrl: string;
}

function positiveInt(raw: string | undefined, fallback: number, what: string): number {
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`invalid ${what}: ${raw}`);
  return n;
}

function parseOptions(argv: string[]): Options {
  const known = new Set(['--products', '--connections', '--duration', '--skip-build', '--skip-seed', '--seller-products', '--seller-orders', '--seller-connections', '--skip-seller']);
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] ?? '';
    if (!a.startsWith('--')) continue;
    const flag = a.split('=')[0] ?? a;
    if (!known.has(flag)) throw new Error(`unknown option ${a}`);
  }
  return {
    products: positiveInt(argValue(argv, '--products') ?? process.env.BENCH_PRODUCTS, 2000, '--products'),
    connections: positiveInt(argValue(argv, '--connections') ?? process.env.BENCH_CONNECTIONS, 20, '--connections'),
    duration: positiveInt(argValue(argv, '--duration') ?? process.env.BENCH_DURATION, 10, '--duration'),
    skipBuild: argv.includes('--skip-build'),
    skipSeed: argv.includes('--skip-seed'),
    sellerProducts: positiveInt(argValue(argv, '--seller-products'), 10_000, '--seller-products'),
    sellerOrders: positiveInt(argValue(argv, '--seller-orders'), 50_000, '--seller-orders'),
    // One signed-in seller clicking through (the latency a seller sees); the storefront's 20 is a crowd.
    sellerConnections: positiveInt(argValue(argv, '--seller-connections'), 1, '--seller-connections'),
    skipSeller: argv.includes('--skip-seller'),
    databaseUrl: process.env.BENCH_DATABASE_URL || DEFAULT_BENCH_DATABASE_URL,
  };
}

function redact(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return url;
  }
}

async function countProducts(databaseUrl: string): Promise<number> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    // The seller bench store's products are not the storefront catalog.
    const res = await client.query<{ n: string }>(
      'select count(*)::text as n from products where store_id not in (select id from stores where slug = $1)',
      [BENCH_STORE_SLUG],
    );
    return Number(res.rows[0]?.n ?? 0);
  } catch {
    return 0; // table missing or unreadable => needs seeding
  } finally {
    await client.end();
  }
}

/** One plain GET before loading a route: fail fast on 404/500/redirects, or a page missing a text it must show. */
async function preflight(url: string, headers: Record<string, string> = {}, expect: string[] = []): Promise<void> {
  const res = await fetch(url, { headers, redirect: 'manual', signal: AbortSignal.timeout(30_000) });
  const body = await res.text().catch(() => '');
  if (res.status < 200 || res.status >= 300) {
    const where = res.headers.get('location');
    throw new Error(
      `preflight GET ${url} -> HTTP ${res.status}${where ? ` (location: ${where})` : ''}: ${body.slice(0, 300)}`,
    );
  }
  // A streamed page that fails or redirects after its first bytes still answers 200.
  const missing = expect.filter((text) => !body.includes(text));
  if (missing.length) throw new Error(`preflight GET ${url}: the page does not show ${missing.map((t) => `"${t}"`).join(', ')}`);
}

type Route = { name: string; path: string; expect?: string[] };

/** Loads the liveness route (the floor) and `routes` in turn, writes the report `name`; fails on errors or non-2xx. */
async function runSection(
  name: string,
  base: string,
  routes: Route[],
  load: { connections: number; duration: number; headers?: Record<string, string> },
): Promise<void> {
  const all: Route[] = [{ name: 'liveness', path: '/api/health/live' }, ...routes];
  for (const r of all) await preflight(base + r.path, load.headers, r.expect);
  const results: Result[] = [];
  for (const r of all) {
    results.push(await measure(r.name, base + r.path, load));
  }
  writeReport(name, results, 'liveness');
  const bad = results.filter((r) => r.errors > 0 || r.non2xx > 0);
  if (bad.length > 0) {
    throw new Error(
      `${name}: errors/non-2xx under load: ${bad.map((r) => `${r.name} (${r.errors} errors, ${r.non2xx} non-2xx)`).join(', ')}`,
    );
  }
}

async function main(): Promise<void> {
  const opts = parseOptions(process.argv.slice(2));
  // A separate build directory, so a benchmark never clobbers a dev or e2e build.
  const dbEnv = { DATABASE_URL: opts.databaseUrl, NEXT_DIST_DIR: process.env.NEXT_DIST_DIR || '.next-bench' };
  console.log(
    `[bench] db=${redact(opts.databaseUrl)} products=${opts.products} connections=${opts.connections} duration=${opts.duration}s` +
      (opts.skipSeller ? '' : ` seller: ${opts.sellerProducts} products, ${opts.sellerOrders} orders, ${opts.sellerConnections} connection(s)`),
  );

  await ensureDatabase(opts.databaseUrl, (m) => console.log(`[bench] ${m}`));
  await runCommand('npx', ['tsx', 'scripts/db-migrate.ts'], dbEnv);

  if (opts.skipSeed) {
    console.log('[bench] --skip-seed: not seeding');
  } else {
    const have = await countProducts(opts.databaseUrl);
    if (have >= opts.products) {
      console.log(`[bench] ${have} products already present (>= ${opts.products}); not reseeding`);
    } else {
      await runCommand('npx', ['tsx', 'scripts/db-seed.ts', '--reset', '--products', String(opts.products)], dbEnv);
    }
  }

  // Made once (then only topped up), so --skip-seed does not skip it.
  const store = opts.skipSeller
    ? undefined
    : await ensureSellerStore(opts.databaseUrl, { products: opts.sellerProducts, orders: opts.sellerOrders });

  if (opts.skipBuild) console.log('[bench] --skip-build: using existing .next build');
  else await buildApp(dbEnv);

  let server: RunningServer | undefined;
  try {
    server = await startServer({
      port: PORT,
      env: { ...dbEnv, NODE_ENV: 'production', LOG_LEVEL: 'warn', AUTH_SECRET: process.env.AUTH_SECRET || 'bench-only-secret-not-for-production-0123456789' },
    });
    const targets = await discoverTargets(opts.databaseUrl);
    await runSection('storefront', server.url, [
      { name: 'home', path: '/' },
      { name: 'category', path: targets.categoryPath },
      { name: 'product', path: targets.productPath },
      { name: 'search', path: targets.searchPath },
    ], opts);

    if (store) {
      const cookie = await signIn(server.url, store.email, store.password);
      const routes = await sellerRoutes(server.url, cookie, store);
      await runSection('seller', server.url, routes, { connections: opts.sellerConnections, duration: opts.duration, headers: { cookie } });
    }
  } finally {
    await server?.stop();
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(`[bench] FAILED: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  },
);
