// `npm run audit` — Lighthouse 12 (default mobile preset, simulated throttling) against
// home, a category page and a product page of a production build.
//
//   npm run audit -- [--url http://host:port] [--build]
//
// Without --url it starts `next start` on :3200 itself (the app must already be built,
// unless --build is given). The database (AUDIT_DATABASE_URL || DATABASE_URL || the bench
// default) must already be migrated and seeded; it is used to pick category/product URLs.
// Exit code 1 if any page has performance < 90 or accessibility < 95.
//
// Lighthouse itself runs in a plain `node` child process (see LIGHTHOUSE_CHILD): under tsx,
// esbuild's keepNames rewrites Lighthouse's in-page functions with `__name(...)` helpers that
// don't exist in the browser, and every run dies with "ReferenceError: __name is not defined".
import { spawn } from 'node:child_process';
import { argValue } from './cli';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type lighthouse from 'lighthouse';
import {
  buildApp,
  DEFAULT_BENCH_DATABASE_URL,
  discoverTargets,
  RESULTS_DIR,
  startServer,
  type RunningServer,
} from '../bench/server';

const PORT = 3200;
const CHROME_PATH = process.env.CHROME_PATH || '/usr/bin/chromium';
const CHROME_FLAGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];
const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'] as const;
type CategoryId = (typeof CATEGORIES)[number];
const THRESHOLDS: Partial<Record<CategoryId, number>> = { performance: 90, accessibility: 95 };
const METRICS = [
  'first-contentful-paint',
  'largest-contentful-paint',
  'total-blocking-time',
  'cumulative-layout-shift',
  'speed-index',
] as const;

type Flags = NonNullable<Parameters<typeof lighthouse>[1]>;
type Lhr = NonNullable<Awaited<ReturnType<typeof lighthouse>>>['lhr'];

export interface PageAudit {
  page: string;
  url: string;
  finalUrl: string;
  runtimeError?: string;
  scores: Record<CategoryId, number | null>;
  metrics: Record<string, string | undefined>;
  /** audits scoring < 1 within performance/accessibility, for quick triage */
  issues: Record<'performance' | 'accessibility', string[]>;
}

function failingAudits(lhr: Lhr, category: 'performance' | 'accessibility'): string[] {
  const cat = lhr.categories[category];
  if (!cat) return [];
  const out: string[] = [];
  for (const ref of cat.auditRefs) {
    if (category === 'performance' && ref.weight === 0 && !ref.group?.includes('diagnostics')) continue;
    const audit = lhr.audits[ref.id];
    if (!audit || audit.score === null || audit.score >= 1) continue;
    if (audit.scoreDisplayMode === 'notApplicable' || audit.scoreDisplayMode === 'informative') continue;
    out.push(`${ref.id} (${Math.round(audit.score * 100)})${audit.displayValue ? ` ${audit.displayValue}` : ''}`);
  }
  return out;
}

function summarize(page: string, url: string, lhr: Lhr): PageAudit {
  const scores = {} as Record<CategoryId, number | null>;
  for (const id of CATEGORIES) {
    const s = lhr.categories[id]?.score;
    scores[id] = typeof s === 'number' ? Math.round(s * 100) : null;
  }
  const metrics: Record<string, string | undefined> = {};
  for (const id of METRICS) metrics[id] = lhr.audits[id]?.displayValue;
  return {
    page,
    url,
    finalUrl: lhr.finalDisplayedUrl,
    ...(lhr.runtimeError ? { runtimeError: `${lhr.runtimeError.code}: ${lhr.runtimeError.message}` } : {}),
    scores,
    metrics,
    issues: {
      performance: failingAudits(lhr, 'performance'),
      accessibility: failingAudits(lhr, 'accessibility'),
    },
  };
}

// Plain-JS ESM run by `node --input-type=module` from the project root, so neither
// lighthouse nor chrome-launcher is transformed by tsx.
const LIGHTHOUSE_CHILD = `
import { writeFileSync } from 'node:fs';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
const job = JSON.parse(process.env.AUDIT_JOB);
const chrome = await chromeLauncher.launch({ chromePath: job.chromePath, chromeFlags: job.chromeFlags, logLevel: 'error' });
let code = 0;
try {
  const runner = await lighthouse(job.url, { ...job.flags, port: chrome.port });
  if (!runner) throw new Error('lighthouse returned no result');
  writeFileSync(job.out, JSON.stringify(runner.lhr));
} catch (err) {
  console.error(err && err.stack ? err.stack : String(err));
  code = 1;
} finally {
  chrome.kill();
}
process.exit(code);
`;
const CHILD_TIMEOUT_MS = 180_000;

function runLighthouse(url: string, out: string): Promise<void> {
  const flags: Flags = { output: 'json', logLevel: 'error', onlyCategories: [...CATEGORIES] };
  const job = { url, out, chromePath: CHROME_PATH, chromeFlags: CHROME_FLAGS, flags };
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--input-type=module', '-e', LIGHTHOUSE_CHILD], {
      cwd: process.cwd(),
      env: { ...process.env, AUDIT_JOB: JSON.stringify(job) },
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), CHILD_TIMEOUT_MS);
    child.once('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolve();
      else reject(new Error(`lighthouse run for ${url} failed (code=${code ?? 'null'} signal=${signal ?? 'null'})`));
    });
  });
}

export async function auditUrl(page: string, url: string): Promise<PageAudit> {
  // Warm the route (server-side caches, first-render work) so the audit measures steady state.
  await fetch(url, { signal: AbortSignal.timeout(30_000) })
    .then((r) => r.arrayBuffer())
    .catch(() => undefined);

  const dir = mkdtempSync(path.join(os.tmpdir(), 'lh-audit-'));
  try {
    const out = path.join(dir, 'lhr.json');
    await runLighthouse(url, out);
    const lhr = JSON.parse(readFileSync(out, 'utf8')) as Lhr;
    return summarize(page, url, lhr);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const pad = (s: string, n: number) => s.padEnd(n);

function printTable(audits: PageAudit[]): void {
  const header = ['page', ...CATEGORIES, 'LCP', 'TBT', 'CLS'];
  const widths = [10, 12, 14, 15, 6, 10, 10, 8];
  const row = (cells: string[]) => cells.map((c, i) => pad(c, widths[i] ?? 10)).join(' ');
  console.log('\n' + row(header));
  console.log(row(header.map((_, i) => '-'.repeat((widths[i] ?? 10) - 1))));
  for (const a of audits) {
    console.log(
      row([
        a.page,
        ...CATEGORIES.map((c) => (a.scores[c] === null ? 'n/a' : String(a.scores[c]))),
        a.metrics['largest-contentful-paint'] ?? '-',
        a.metrics['total-blocking-time'] ?? '-',
        a.metrics['cumulative-layout-shift'] ?? '-',
      ]),
    );
  }
  console.log('');
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const baseArg = argValue(argv, '--url');
  const build = argv.includes('--build');
  const databaseUrl = process.env.AUDIT_DATABASE_URL || process.env.DATABASE_URL || DEFAULT_BENCH_DATABASE_URL;

  let server: RunningServer | undefined;
  try {
    let base: string;
    if (baseArg) {
      base = baseArg.replace(/\/+$/, '');
      if (build) console.warn('[audit] --build ignored because --url was given');
    } else {
      if (build) await buildApp({ DATABASE_URL: databaseUrl });
      server = await startServer({
        port: PORT,
        env: { DATABASE_URL: databaseUrl, NODE_ENV: 'production', LOG_LEVEL: 'warn' },
      });
      base = server.url;
    }

    const targets = await discoverTargets(databaseUrl);
    const pages: Array<[string, string]> = [
      ['home', '/'],
      ['category', targets.categoryPath],
      ['product', targets.productPath],
    ];

    const audits: PageAudit[] = [];
    for (const [page, p] of pages) {
      console.log(`[audit] ${page}: ${base + p}`);
      audits.push(await auditUrl(page, base + p));
    }

    printTable(audits);
    mkdirSync(RESULTS_DIR, { recursive: true });
    const outPath = path.join(RESULTS_DIR, 'audit.json');
    writeFileSync(
      outPath,
      JSON.stringify({ generatedAt: new Date().toISOString(), base, thresholds: THRESHOLDS, audits }, null, 2) + '\n',
    );
    console.log(`[audit] wrote ${path.relative(process.cwd(), outPath)}`);

    const failures: string[] = [];
    for (const a of audits) {
      if (a.runtimeError) failures.push(`${a.page}: lighthouse runtime error ${a.runtimeError}`);
      for (const [cat, min] of Object.entries(THRESHOLDS) as Array<[CategoryId, number]>) {
        const score = a.scores[cat];
        if (score === null || score < min) {
          const detail = a.issues[cat as 'performance' | 'accessibility'].slice(0, 8).join('; ');
          failures.push(`${a.page}: ${cat} ${score ?? 'n/a'} < ${min}${detail ? ` — ${detail}` : ''}`);
        }
      }
    }
    if (failures.length > 0) {
      console.error('[audit] FAILED thresholds:');
      for (const f of failures) console.error(`  - ${f}`);
      process.exitCode = 1;
    } else {
      console.log('[audit] all pages meet performance >= 90 and accessibility >= 95');
    }
  } finally {
    await server?.stop();
  }
}

main().then(
  () => process.exit(process.exitCode ?? 0),
  (err: unknown) => {
    console.error(`[audit] ERROR: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  },
);
