import { randomUUID } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { apiIdempotencyKeys } from '@/db/schema/checkout';
import { BACKENDS, useTestDatabase } from '@/test/db';
import { purgeExpiredIdempotencyKeys, requestHash, withIdempotency, type WorkResult } from './idempotency';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('requestHash', () => {
  it('ignores key order and undefined fields, and sees every value', () => {
    expect(requestHash({ a: 1, b: { c: [1, 2], d: 'x' } })).toBe(requestHash({ b: { d: 'x', c: [1, 2] }, a: 1, e: undefined }));
    expect(requestHash({ a: 1, b: { c: [1, 2] } })).not.toBe(requestHash({ a: 1, b: { c: [2, 1] } }));
    expect(requestHash({ a: '1' })).not.toBe(requestHash({ a: 1 }));
  });
});

describe.each(BACKENDS)('withIdempotency (%s)', (backend) => {
  const t = useTestDatabase(backend, { poolSize: 25 });
  const claim = (over: Partial<{ scope: string; key: string; hash: string }> = {}) => ({ scope: `s-${randomUUID()}`, key: 'key-00000001', hash: 'h1', ...over });
  const row = (c: { scope: string; key: string }) =>
    t().db.select().from(apiIdempotencyKeys).where(and(eq(apiIdempotencyKeys.scope, c.scope), eq(apiIdempotencyKeys.key, c.key)));

  it('runs the work once for concurrent requests and gives every one the same bytes', async () => {
    const c = claim();
    let runs = 0;
    const work = async (): Promise<WorkResult> => {
      runs++;
      await sleep(150);
      return { status: 201, body: '{"b":1,  "a":"é"}', final: true };
    };
    const results = await Promise.all(Array.from({ length: 20 }, () => withIdempotency(t().db, c, work)));
    expect(runs).toBe(1);
    expect(results.map((r) => `${r.status} ${r.body}`)).toEqual(Array(20).fill('201 {"b":1,  "a":"é"}'));
    expect(results.filter((r) => !r.replayed)).toHaveLength(1);
  });

  it('a different request hash under the key is a 422', async () => {
    const c = claim();
    await withIdempotency(t().db, c, async () => ({ status: 200, body: '{}', final: true }));
    await expect(withIdempotency(t().db, { ...c, hash: 'h2' }, async () => ({ status: 200, body: '{}', final: true }))).rejects.toMatchObject({ status: 422, code: 'idempotency_key_reused' });
  });

  it('does not store a non-final answer or a failure: the next request runs again', async () => {
    const c = claim();
    expect(await withIdempotency(t().db, c, async () => ({ status: 202, body: '{"n":1}', final: false }))).toMatchObject({ status: 202, replayed: false });
    expect(await row(c)).toEqual([]);
    await expect(withIdempotency(t().db, c, async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await row(c)).toEqual([]);
    expect(await withIdempotency(t().db, c, async () => ({ status: 201, body: '{"n":2}', final: true }))).toMatchObject({ status: 201, body: '{"n":2}', replayed: false });
    expect(await withIdempotency(t().db, c, async () => ({ status: 500, body: 'never', final: true }))).toMatchObject({ status: 201, body: '{"n":2}', replayed: true });
  });

  it('a request still in flight makes the others wait, then 409 request_in_progress with Retry-After', async () => {
    const c = claim();
    await t().db.insert(apiIdempotencyKeys).values({ ...c, requestHash: c.hash, expiresAt: new Date(Date.now() + 3600_000) });
    const err = await withIdempotency(t().db, c, async () => ({ status: 200, body: '{}', final: true }), { waitMs: 200 }).catch((e) => e);
    expect(err).toMatchObject({ status: 409, code: 'request_in_progress', headers: { 'Retry-After': '1' } });
  });

  it('takes over a claim abandoned by a crashed request, and replaces an expired response', async () => {
    const stale = claim();
    await t().db.insert(apiIdempotencyKeys).values({ ...stale, requestHash: stale.hash, createdAt: new Date(Date.now() - 5 * 60_000), expiresAt: new Date(Date.now() + 3600_000) });
    expect(await withIdempotency(t().db, stale, async () => ({ status: 201, body: '"taken"', final: true }), { waitMs: 200 })).toMatchObject({ body: '"taken"', replayed: false });

    const old = claim();
    await t().db.insert(apiIdempotencyKeys).values({ ...old, requestHash: 'other', responseStatus: 201, responseBody: sql`to_jsonb('old'::text)`, expiresAt: new Date(Date.now() - 1000) });
    // Expired: the key is free again, even for a different request.
    expect(await withIdempotency(t().db, old, async () => ({ status: 200, body: '"new"', final: true }))).toMatchObject({ status: 200, body: '"new"', replayed: false });

    const expired = claim();
    await t().db.insert(apiIdempotencyKeys).values({ ...expired, requestHash: 'x', responseStatus: 200, responseBody: sql`to_jsonb('x'::text)`, expiresAt: new Date(Date.now() - 1000) });
    expect(await purgeExpiredIdempotencyKeys(t().db)).toBeGreaterThanOrEqual(1);
    expect(await row(expired)).toEqual([]);
    expect(await row(old)).toHaveLength(1);
  });
});
