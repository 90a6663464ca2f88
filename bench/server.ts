// Helpers shared by bench/run.ts and scripts/audit.ts: run a production `next start`,
// run child commands, and discover representative storefront URLs from the database.
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import pg from 'pg';

export const RESULTS_DIR = path.join(process.cwd(), 'bench', 'results');
export const DEFAULT_BENCH_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/marketplace_bench';

const HEALTH_PATH = '/api/health/live';
const POLL_MS = 250;
const START_TIMEOUT_MS = 60_000;
const KILL_GRACE_MS = 5_000;
const STDERR_TAIL_CHARS = 16_000;

export interface RunningServer {
  url: string;
  stop: () => Promise<void>;
}

/** process.env overlaid with `env`; keys set to undefined are removed. */
export function mergeEnv(env: Record<string, string | undefined>): NodeJS.ProcessEnv {
  const merged: NodeJS.ProcessEnv = { ...process.env };
  for (const [k, v] of Object.entries(env)) {
    if (v === undefined) delete merged[k];
    else merged[k] = v;
  }
  return merged;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Resolves true if something already accepts TCP connections on 127.0.0.1:port. */
function portInUse(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    // Detached => child leads its own process group; kill the group so any
    // worker processes `next start` may spawn go down with it.
    process.kill(-child.pid, signal);
  } catch {
    try {
      child.kill(signal);
    } catch {
      /* already gone */
    }
  }
}

export async function startServer(opts: {
  port: number;
  env: Record<string, string | undefined>;
}): Promise<RunningServer> {
  const { port } = opts;
  const url = `http://127.0.0.1:${port}`;

  if (await portInUse(port)) {
    throw new Error(`port ${port} is already in use; refusing to benchmark/audit whatever is listening there`);
  }

  mkdirSync(RESULTS_DIR, { recursive: true });
  const logPath = path.join(RESULTS_DIR, 'server.log');
  const log = createWriteStream(logPath, { flags: 'a' });
  log.write(`\n===== ${new Date().toISOString()} next start -p ${port} =====\n`);

  const child = spawn(process.execPath, ['node_modules/next/dist/bin/next', 'start', '-p', String(port)], {
    cwd: process.cwd(),
    env: mergeEnv(opts.env),
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });

  let stderrTail = '';
  child.stdout?.on('data', (chunk: Buffer) => log.write(chunk));
  child.stderr?.on('data', (chunk: Buffer) => {
    log.write(chunk);
    stderrTail = (stderrTail + chunk.toString('utf8')).slice(-STDERR_TAIL_CHARS);
  });

  let exited = false;
  let exitInfo = '';
  const exitPromise = new Promise<void>((resolve) => {
    child.once('exit', (code, signal) => {
      exited = true;
      exitInfo = `code=${code ?? 'null'} signal=${signal ?? 'null'}`;
      resolve();
    });
    child.once('error', (err) => {
      exited = true;
      exitInfo = `spawn error: ${err.message}`;
      resolve();
    });
  });

  // Never leave an orphaned server behind if this process dies unexpectedly.
  const onParentExit = () => signalGroup(child, 'SIGKILL');
  process.once('exit', onParentExit);

  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      if (!exited) {
        signalGroup(child, 'SIGTERM');
        const killTimer = setTimeout(() => signalGroup(child, 'SIGKILL'), KILL_GRACE_MS);
        await exitPromise;
        clearTimeout(killTimer);
        // Sweep any leftovers in the group (no-op if none).
        signalGroup(child, 'SIGKILL');
      }
      process.removeListener('exit', onParentExit);
      await new Promise<void>((resolve) => log.end(resolve));
    })();
    return stopping;
  };

  const deadline = Date.now() + START_TIMEOUT_MS;
  let lastProblem = 'no response yet';
  while (Date.now() < deadline) {
    if (exited) break;
    try {
      const res = await fetch(url + HEALTH_PATH, { signal: AbortSignal.timeout(2_000) });
      await res.arrayBuffer().catch(() => undefined);
      if (res.status === 200) return { url, stop };
      lastProblem = `${HEALTH_PATH} returned HTTP ${res.status}`;
    } catch (err) {
      lastProblem = err instanceof Error ? err.message : String(err);
    }
    await sleep(POLL_MS);
  }

  const why = exited
    ? `server exited before becoming healthy (${exitInfo})`
    : `server not healthy after ${START_TIMEOUT_MS / 1000}s (last: ${lastProblem})`;
  await stop();
  console.error(`\n--- next start stderr (tail; full log: ${path.relative(process.cwd(), logPath)}) ---`);
  console.error(stderrTail || '(empty)');
  console.error('--- end stderr ---');
  throw new Error(why);
}

/** Runs a command with inherited stdio; rejects on non-zero exit. */
export function runCommand(
  cmd: string,
  args: string[],
  env: Record<string, string | undefined> = {},
): Promise<void> {
  console.log(`$ ${[cmd, ...args].join(' ')}`);
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, {
      cwd: process.cwd(),
      env: mergeEnv(env),
      stdio: 'inherit',
    });
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      if (code === 0) resolve();
      else reject(new Error(`${cmd} ${args.join(' ')} failed (code=${code ?? 'null'} signal=${signal ?? 'null'})`));
    });
  });
}

/** `next build` with the given env (stdio inherited). */
export function buildApp(env: Record<string, string | undefined>): Promise<void> {
  return runCommand(process.execPath, ['node_modules/next/dist/bin/next', 'build'], env);
}

export interface StorefrontTargets {
  categoryPath: string;
  productPath: string;
  searchPath: string;
}

const encodePath = (p: string) =>
  p
    .split('/')
    .filter((s) => s.length > 0)
    .map(encodeURIComponent)
    .join('/');

/** Picks a top-level category and the best-selling active product straight from the DB. */
export async function discoverTargets(databaseUrl: string): Promise<StorefrontTargets> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const cat = await client.query<{ path: string }>(
      'select path from categories where depth = 1 order by position limit 1',
    );
    const prod = await client.query<{ slug: string }>(
      "select slug from products where status = 'active' order by sales_count desc limit 1",
    );
    const categoryRow = cat.rows[0];
    const productRow = prod.rows[0];
    if (!categoryRow) throw new Error('no depth-1 category found in the database (is it seeded?)');
    if (!productRow) throw new Error('no active product found in the database (is it seeded?)');
    return {
      categoryPath: `/c/${encodePath(categoryRow.path)}`,
      productPath: `/p/${encodeURIComponent(productRow.slug)}`,
      searchPath: '/search?q=running+shoes',
    };
  } finally {
    await client.end();
  }
}
