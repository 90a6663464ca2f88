import { createHash } from 'node:crypto';
import { and, eq, isNull, lt, sql } from 'drizzle-orm';
import { apiIdempotencyKeys } from '@/db/schema/checkout';
import type { Db } from '@/lib/platform/db';
import { ApiError } from './errors';

/** How long a stored response is replayed. */
export const IDEMPOTENCY_TTL_MS = 24 * 3600_000;
/** How long a request waits for another in-flight request with the same key before a 409. */
export const IDEMPOTENCY_WAIT_MS = 15_000;
/** An unanswered claim older than this belongs to a crashed request and may be taken over. */
export const IDEMPOTENCY_STALE_MS = 60_000;

export type StoredResponse = { status: number; body: string };
/** What the guarded work produced; `final: false` (e.g. 202 still processing) is answered but not stored. */
export type WorkResult = StoredResponse & { final: boolean };

/** A stable hash of a parsed request (object keys sorted), so formatting never makes two bodies differ. */
export function requestHash(value: unknown): string {
  return createHash('sha256').update(stableJson(value)).digest('hex');
}

function stableJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(stableJson).join(',')}]`;
  if (v && typeof v === 'object') {
    return `{${Object.keys(v)
      .sort()
      .filter((k) => (v as Record<string, unknown>)[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${stableJson((v as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v) ?? 'null';
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Runs `work` at most once per (scope, key) within 24 h and answers every request with that
 * key with the first final response, byte for byte (`replayed: true` on the copies).
 *
 * - The first request claims the key (a row with no response yet) and runs the work.
 * - The same key with a different request hash → 422 `idempotency_key_reused`.
 * - Requests arriving while the claim is unanswered wait for the stored response (polling),
 *   up to `waitMs`; after that → 409 `request_in_progress` with Retry-After.
 * - A final response (anything the work returned with `final`) is stored with the claim. A
 *   non-final one, or a thrown error, releases the claim, so a retry runs the work again (the
 *   work must itself be idempotent by the key, as the checkout is).
 * - A claim left unanswered for `staleMs` (the process died) is taken over by the next request.
 */
export async function withIdempotency(
  db: Db,
  claim: { scope: string; key: string; hash: string },
  work: () => Promise<WorkResult>,
  opts: { waitMs?: number; staleMs?: number; pollMs?: number } = {},
): Promise<StoredResponse & { replayed: boolean }> {
  const { scope, key, hash } = claim;
  const waitMs = opts.waitMs ?? IDEMPOTENCY_WAIT_MS;
  const staleMs = opts.staleMs ?? IDEMPOTENCY_STALE_MS;
  const deadline = Date.now() + waitMs;
  const where = and(eq(apiIdempotencyKeys.scope, scope), eq(apiIdempotencyKeys.key, key));
  let poll = opts.pollMs ?? 25;

  for (;;) {
    const claimed = await db
      .insert(apiIdempotencyKeys)
      .values({ scope, key, requestHash: hash, expiresAt: new Date(Date.now() + IDEMPOTENCY_TTL_MS) })
      .onConflictDoNothing()
      .returning({ key: apiIdempotencyKeys.key });
    if (claimed.length) return { ...(await runClaimed(db, where, work)), replayed: false };

    // The body is read as text (`#>> '{}'`): drizzle's jsonb mapping would parse it again.
    const rows = await db.execute<{ request_hash: string; response_status: number | null; body: string | null; expired: boolean; stale: boolean }>(sql`
      select request_hash, response_status, response_body #>> '{}' as body, expires_at <= now() as expired,
        created_at < now() - make_interval(secs => ${staleMs / 1000}) as stale
      from api_idempotency_keys where scope = ${scope} and key = ${key}`);
    const row = rows.rows[0];
    if (!row) continue; // released or purged meanwhile: claim it again
    if (row.expired) {
      await db.delete(apiIdempotencyKeys).where(and(where, lt(apiIdempotencyKeys.expiresAt, sql`now()`)));
      continue;
    }
    if (row.request_hash !== hash) throw new ApiError(422, 'idempotency_key_reused', 'This Idempotency-Key was already used with a different request body. Use a new key for a new request.');
    if (row.response_status !== null && row.body !== null) return { status: Number(row.response_status), body: row.body, replayed: true };
    if (row.stale) {
      const taken = await db
        .update(apiIdempotencyKeys)
        .set({ createdAt: new Date() })
        .where(and(where, isNull(apiIdempotencyKeys.responseStatus), sql`${apiIdempotencyKeys.createdAt} < now() - make_interval(secs => ${staleMs / 1000})`))
        .returning({ key: apiIdempotencyKeys.key });
      if (taken.length) return { ...(await runClaimed(db, where, work)), replayed: false };
    }
    if (Date.now() >= deadline) {
      throw new ApiError(409, 'request_in_progress', 'A request with this Idempotency-Key is still being processed. Retry shortly to get its response.', undefined, { 'Retry-After': '1' });
    }
    await sleep(poll);
    poll = Math.min(poll * 2, 250);
  }
}

async function runClaimed(db: Db, where: ReturnType<typeof and>, work: () => Promise<WorkResult>): Promise<StoredResponse> {
  let result: WorkResult;
  try {
    result = await work();
  } catch (err) {
    await release(db, where);
    throw err;
  }
  if (!result.final) {
    await release(db, where);
    return { status: result.status, body: result.body };
  }
  await db
    .update(apiIdempotencyKeys)
    .set({ responseStatus: result.status, responseBody: sql`to_jsonb(${result.body}::text)` })
    .where(where);
  return { status: result.status, body: result.body };
}

async function release(db: Db, where: ReturnType<typeof and>) {
  await db.delete(apiIdempotencyKeys).where(and(where, isNull(apiIdempotencyKeys.responseStatus)));
}

/** Deletes expired stored responses (for a scheduled maintenance job); returns how many. */
export async function purgeExpiredIdempotencyKeys(db: Db): Promise<number> {
  const gone = await db.delete(apiIdempotencyKeys).where(lt(apiIdempotencyKeys.expiresAt, sql`now()`)).returning({ key: apiIdempotencyKeys.key });
  return gone.length;
}
