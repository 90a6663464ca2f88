/**
 * `npm run test:e2e [-- --skip-build] [playwright args…]`: end-to-end tests on a production build.
 *
 * 1. Creates the e2e database if missing (E2E_DATABASE_URL, local Postgres only).
 * 2. Migrates and reseeds it with a small deterministic catalog (400 products).
 * 3. Builds the app into `.next` against that database (skipped with --skip-build).
 * 4. Runs Playwright, which starts `next start` on port 3100 (playwright.config.ts).
 *
 * Exits with Playwright's exit code.
 */
import { spawn } from 'node:child_process';
import { ensureDatabase } from './cli';
import path from 'node:path';

const DEFAULT_URL = 'postgres://postgres@127.0.0.1:5432/marketplace_e2e';
const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '::1', '[::1]']);

const databaseUrl = process.env.E2E_DATABASE_URL || DEFAULT_URL;
const argv = process.argv.slice(2);
const skipBuild = argv.includes('--skip-build');
const playwrightArgs = argv.filter((a) => a !== '--skip-build');

const url = new URL(databaseUrl);
// The seed truncates every table: refuse anything that is not a database on this machine.
if (!LOCAL_HOSTS.has(url.hostname)) {
  console.error(`e2e: refusing to reset a non-local database (${url.hostname}). Point E2E_DATABASE_URL at localhost.`);
  process.exit(2);
}
const dbName = decodeURIComponent(url.pathname.replace(/^\//, ''));
if (!dbName) {
  console.error('e2e: E2E_DATABASE_URL must name a database');
  process.exit(2);
}

const childEnv: NodeJS.ProcessEnv = {
  ...process.env,
  DATABASE_URL: databaseUrl,
  DATA_DIR: '.data/e2e',
  PUBLIC_URL: process.env.E2E_PUBLIC_URL || 'http://127.0.0.1:3100',
  PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: '1',
  NEXT_TELEMETRY_DISABLED: '1',
  AUTH_SECRET: process.env.AUTH_SECRET || 'e2e-only-secret-not-for-production-0123456789',
  // `next start` is production: sellers' tax ids and bank details need a real key (32 bytes, base64).
  DATA_ENCRYPTION_KEY: process.env.DATA_ENCRYPTION_KEY || 'ZTJlLW9ubHktZGF0YS1rZXktbm90LWZvci1wcm9kISE=',
  MAIL_VIEWER: '1',
  // ~130 specs sign in and sign up from 127.0.0.1; per-account limits (which the security specs test) stay as they are.
  RATE_LIMIT_IP_SCALE: '20',
};
// The e2e run always talks to real Postgres, never the embedded launcher's socket.
delete childEnv.EMBEDDED_DATABASE_URL;
delete childEnv.DATABASE_DRIVER;

let current: ReturnType<typeof spawn> | null = null;
for (const sig of ['SIGINT', 'SIGTERM'] as const) {
  process.on(sig, () => {
    current?.kill(sig);
    process.exit(130);
  });
}

function run(label: string, cmd: string, args: string[]): Promise<number> {
  const started = Date.now();
  console.log(`\n▶ e2e: ${label}: ${cmd} ${args.join(' ')}`);
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: 'inherit', env: childEnv, cwd: process.cwd() });
    current = child;
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      current = null;
      console.log(`◀ e2e: ${label} finished in ${((Date.now() - started) / 1000).toFixed(1)} s (exit ${code ?? signal})`);
      resolve(code ?? 1);
    });
  });
}

const t0 = Date.now();
await ensureDatabase(databaseUrl, (m) => console.log(`e2e: ${m}`));

const seedCode = await run('seed', 'npx', ['tsx', 'scripts/db-seed.ts', '--reset', '--products', '400']);
if (seedCode !== 0) process.exit(seedCode);

if (!skipBuild) {
  const buildCode = await run('build', process.execPath, [path.resolve('node_modules/next/dist/bin/next'), 'build']);
  if (buildCode !== 0) process.exit(buildCode);
}

const testCode = await run('playwright', 'npx', ['playwright', 'test', ...playwrightArgs]);
console.log(`e2e: total ${((Date.now() - t0) / 1000).toFixed(1)} s`);
process.exit(testCode);
