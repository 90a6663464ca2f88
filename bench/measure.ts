// Load measurement with autocannon + report writers.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import autocannon from 'autocannon';

export interface Result {
  name: string;
  url: string;
  /** completed responses in the measured run (any status) */
  requests: number;
  /** completed responses per second over the measured run */
  rps: number;
  /** latency percentiles in ms, exact (nearest-rank over every response) */
  p50: number;
  p95: number;
  p99: number;
  /** connection errors + timeouts */
  errors: number;
  /** responses with a status outside 2xx */
  non2xx: number;
}

interface RunOutcome {
  result: autocannon.Result;
  latencies: number[];
}

function runAutocannon(url: string, connections: number, duration: number, headers?: Record<string, string>): Promise<RunOutcome> {
  return new Promise((resolve, reject) => {
    const latencies: number[] = [];
    const instance = autocannon({ url, connections, duration, timeout: 10, headers: headers ?? {} }, (err, result) => {
      if (err) reject(err);
      else resolve({ result, latencies });
    });
    instance.on('response', (_client, _statusCode, _resBytes, responseTime) => {
      latencies.push(responseTime);
    });
  });
}

/** Nearest-rank percentile of an ascending-sorted array. */
function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  const rank = Math.ceil((p / 100) * sorted.length);
  const idx = Math.min(sorted.length - 1, Math.max(0, rank - 1));
  return sorted[idx] ?? 0;
}

const round2 = (n: number) => Math.round(n * 100) / 100;

export async function measure(
  name: string,
  url: string,
  opts: { connections: number; duration: number; warmup?: number; headers?: Record<string, string> },
): Promise<Result> {
  const warmup = opts.warmup ?? 3;
  if (warmup > 0) {
    process.stdout.write(`[bench] ${name}: warm-up ${warmup}s ... `);
    await runAutocannon(url, opts.connections, warmup, opts.headers);
    process.stdout.write('done\n');
  }

  process.stdout.write(`[bench] ${name}: ${opts.connections} connections x ${opts.duration}s ${url} ... `);
  const { result, latencies } = await runAutocannon(url, opts.connections, opts.duration, opts.headers);
  latencies.sort((a, b) => a - b);

  const requests = latencies.length;
  const seconds = result.duration > 0 ? result.duration : opts.duration;
  const out: Result = {
    name,
    url,
    requests,
    rps: round2(requests / seconds),
    p50: round2(percentile(latencies, 50)),
    p95: round2(percentile(latencies, 95)),
    p99: round2(percentile(latencies, 99)),
    errors: result.errors,
    non2xx: result.non2xx,
  };
  process.stdout.write(`${out.rps} req/s, p95 ${out.p95} ms\n`);
  return out;
}

function routeOf(url: string): string {
  try {
    const u = new URL(url);
    return u.pathname + u.search;
  } catch {
    return url;
  }
}

const fmt = (n: number) => n.toFixed(Math.abs(n) < 10 ? 2 : 1);

export function toMarkdown(results: Result[], floorName: string): string {
  const floor = results.find((r) => r.name === floorName);
  const floorRps = floor?.rps ?? 0;
  const lines = [
    '| route | req/s | ratio to floor | p50 (ms) | p95 (ms) | p99 (ms) | errors/non-2xx |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const r of results) {
    const ratio = floorRps > 0 ? (r.rps / floorRps).toFixed(2) : 'n/a';
    const route = `${r.name} \`${routeOf(r.url).replace(/\|/g, '\\|')}\``;
    lines.push(
      `| ${route} | ${fmt(r.rps)} | ${ratio} | ${fmt(r.p50)} | ${fmt(r.p95)} | ${fmt(r.p99)} | ${r.errors}/${r.non2xx} |`,
    );
  }
  if (!floor) lines.push('', `_floor \`${floorName}\` not found in results; ratios unavailable_`);
  return lines.join('\n') + '\n';
}

export function writeReport(name: string, results: Result[], floorName: string): void {
  const dir = path.join(process.cwd(), 'bench', 'results');
  mkdirSync(dir, { recursive: true });
  const md = toMarkdown(results, floorName);
  const json = { name, generatedAt: new Date().toISOString(), floor: floorName, results };
  writeFileSync(path.join(dir, `${name}.json`), JSON.stringify(json, null, 2) + '\n');
  writeFileSync(path.join(dir, `${name}.md`), `# ${name}\n\n${md}`);
  console.log('\n' + md);
}
