/**
 * `npm run dev | build | start`. On the embedded defaults (no DATABASE_URL) it prepares PGlite
 * first (migrations, a seed on first run), then keeps the only PGlite instance and serves it
 * over the Postgres wire protocol to Next: dev and build run code in several processes, and a
 * PGlite data directory must only ever have one opener.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { DEFAULT_PRODUCTS, DEMO_ACCOUNTS, DEMO_PASSWORD, isSeeded, seed } from '@/db/seed/seed';
import { databaseBackend, describeBackends, env } from '@/lib/platform/env';
import { openDatabase } from '@/lib/platform/db';
import { serveEmbedded } from '@/lib/platform/embedded-server';
import { progressBar } from './progress';

const mode = process.argv[2];
if (mode !== 'dev' && mode !== 'build' && mode !== 'start') {
  console.error('usage: tsx scripts/run.ts dev|build|start');
  process.exit(2);
}

const childEnv: NodeJS.ProcessEnv = { ...process.env };
// Sessions need a signing secret; the embedded defaults keep a generated one under DATA_DIR.
childEnv.AUTH_SECRET ||= localSecret(path.resolve(env.DATA_DIR, 'auth-secret'));
let cleanup = async () => {};

if (databaseBackend(env) === 'pglite') {
  const handle = await openDatabase(env); // migrates
  if (!(await isSeeded(handle.db))) {
    const bar = progressBar('First run: seeding the marketplace', DEFAULT_PRODUCTS);
    await seed(handle.db, { products: DEFAULT_PRODUCTS, mediaDir: path.resolve(env.DATA_DIR, 'media'), onProgress: bar.update });
    bar.done();
  }
  const server = await serveEmbedded(handle.pglite!);
  childEnv.EMBEDDED_DATABASE_URL = server.url;
  cleanup = async () => {
    await server.close();
    await handle.close();
  };
}

if (mode !== 'build') printWelcome();

const args = [path.resolve('node_modules/next/dist/bin/next'), mode];
if (mode !== 'build') args.push('--port', String(env.PORT));
// Idle keep-alive connections outlive a load balancer's (60 s) and a test client's reuse: a server
// that closes one just as the client sends on it answers ECONNRESET.
if (mode === 'start') args.push('--keepAliveTimeout', '65000');
const child = spawn(process.execPath, args, { stdio: 'inherit', env: childEnv });
for (const sig of ['SIGINT', 'SIGTERM'] as const) process.on(sig, () => child.kill(sig));
child.on('exit', async (code, signal) => {
  await cleanup();
  process.exit(code ?? (signal ? 1 : 0));
});

function localSecret(file: string): string {
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  const secret = randomBytes(32).toString('base64url');
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}

function printWelcome() {
  const backends = Object.entries(describeBackends(env))
    .map(([k, v]) => `${k}=${v}`)
    .join(' ');
  const url = `http://localhost:${env.PORT}`;
  console.log(`\n  Marketplace (${mode}) → ${url}\n  Backends: ${backends}\n`);
  console.log(`  Demo accounts (password: ${DEMO_PASSWORD})`);
  for (const a of DEMO_ACCOUNTS) console.log(`    ${a.email.padEnd(20)} → ${url}${a.home}`);
  console.log('');
}
