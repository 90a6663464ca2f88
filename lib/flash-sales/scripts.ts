import { readFileSync } from 'node:fs';
import path from 'node:path';
import { GateUnavailableError } from './errors';

/**
 * The slice of a Redis client the gate needs. ioredis (REDIS_URL) and Upstash REST
 * (UPSTASH_REDIS_REST_*) both provide it; see `lib/flash-sales/redis-client.ts`.
 */
export interface ScriptClient {
  scriptLoad(script: string): Promise<string>;
  evalsha(sha: string, keys: string[], args: string[]): Promise<unknown>;
  eval(script: string, keys: string[], args: string[]): Promise<unknown>;
}

export const SCRIPT_NAMES = ['reserve', 'confirm', 'release', 'expire', 'load', 'snapshot', 'close', 'inspect', 'drop'] as const;
export type ScriptName = (typeof SCRIPT_NAMES)[number];

/**
 * The scripts' source, read once from `lib/flash-sales/lua/*.lua` (relative to the working
 * directory, which is the project root for `next start`, the scripts and the tests; a
 * serverless deployment must trace the folder: `outputFileTracingIncludes`).
 */
const sources = new Map<ScriptName, string>();
export function scriptSource(name: ScriptName): string {
  let src = sources.get(name);
  if (!src) {
    src = readFileSync(path.join(process.cwd(), 'lib/flash-sales/lua', `${name}.lua`), 'utf8');
    sources.set(name, src);
  }
  return src;
}

/** Redis answered with an error reply (the command ran); anything else means Redis was not reached. */
function isReplyError(err: unknown): boolean {
  const name = (err as { name?: string })?.name;
  return name === 'ReplyError' || name === 'UpstashError';
}

/** Replies that mean "this Redis can't serve right now" rather than a bug in a script. */
const TRANSIENT = /^(LOADING|BUSY|MASTERDOWN|READONLY|TRYAGAIN|CLUSTERDOWN|NOREPLICAS)\b/;

/**
 * Runs the gate's scripts: SCRIPT LOAD once per script, then EVALSHA; a NOSCRIPT reply (Redis
 * restarted or SCRIPT FLUSH) falls back to EVAL, which also puts the script back in Redis's
 * cache. Unreachable Redis → GateUnavailableError; a script error is a bug and is rethrown.
 */
export class ScriptRunner {
  private readonly shas = new Map<ScriptName, Promise<string>>();
  /** How many calls fell back to EVAL (for tests and metrics). */
  evalFallbacks = 0;

  constructor(private readonly client: ScriptClient) {}

  async run(name: ScriptName, keys: string[], args: (string | number)[]): Promise<unknown[]> {
    const argv = args.map(String);
    try {
      let sha = this.shas.get(name);
      if (!sha) {
        sha = this.client.scriptLoad(scriptSource(name));
        this.shas.set(name, sha);
        sha.catch(() => this.shas.delete(name));
      }
      try {
        return (await this.client.evalsha(await sha, keys, argv)) as unknown[];
      } catch (err) {
        if (!String((err as Error)?.message ?? err).includes('NOSCRIPT')) throw err;
        this.evalFallbacks += 1;
        return (await this.client.eval(scriptSource(name), keys, argv)) as unknown[];
      }
    } catch (err) {
      const message = String((err as Error)?.message ?? err);
      if (isReplyError(err) && !TRANSIENT.test(message)) throw err;
      throw new GateUnavailableError(`redis: ${message}`);
    }
  }
}
