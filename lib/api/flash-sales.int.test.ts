import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import IORedis from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { POST as postHold } from '@/app/api/v1/flash-sales/[id]/holds/route';
import { GET as getSale } from '@/app/api/v1/flash-sales/[id]/route';
import { users } from '@/db/schema/accounts';
import { flashHolds, flashSales, type FlashGateEngine } from '@/db/schema/flash-sales';
import { inventoryLevels } from '@/db/schema/inventory';
import type { Actor } from '@/lib/accounts/permissions';
import { GUEST_COOKIE } from '@/lib/flash-sales/customer';
import { createStockGate, type StockGate } from '@/lib/flash-sales/gate';
import { ioredisScriptClient, lazyScriptClient } from '@/lib/flash-sales/redis-client';
import type { ScriptClient } from '@/lib/flash-sales/scripts';
import { setStorefrontDepsForTests } from '@/lib/flash-sales/storefront';
import { insertFlashStock, insertLiveSale, type StockFixture } from '@/lib/flash-sales/test-fixtures';
import { type Backend, useTestDatabase } from '@/test/db';
import { setApiDepsForTests } from './context';
import { API_LIMITS, setApiLimitsForTests } from './limits';
import { flashHoldSchema, flashSaleSchema } from './routes/flash-sales';
import { call, type Called } from './test-client';

const REDIS_URL = 'redis://127.0.0.1:6379';
const prefix = `test-${randomUUID().slice(0, 8)}:flash`;
const HIGH = { limit: 100_000, windowMs: 60_000 };
const HIGH_LIMITS = { read: HIGH, write: HIGH, flashHoldIp: HIGH, flashHoldCustomer: HIGH };

let redis: ScriptClient & { close(): Promise<void> };
beforeAll(async () => {
  redis = await ioredisScriptClient(REDIS_URL);
});
afterAll(async () => {
  const raw = new IORedis(REDIS_URL);
  const keys = await raw.keys(`${prefix}:*`);
  if (keys.length) await raw.del(...keys);
  raw.disconnect();
  await redis.close();
});

/** The `flash_guest=…` pair of a response's Set-Cookie, to send back as a Cookie header. */
const guestCookie = (res: Called) => /(?:^|,\s*)(flash_guest=[^;]+)/.exec(res.headers.get('set-cookie') ?? '')?.[1] ?? null;

const CASES: { engine: FlashGateEngine; backend: Backend }[] = [
  { engine: 'redis', backend: 'postgres' },
  { engine: 'postgres', backend: 'postgres' },
  { engine: 'postgres', backend: 'pglite' },
];

describe.each(CASES)('API v1 flash sales: $engine engine on $backend', ({ engine, backend }) => {
  const t = useTestDatabase(backend, { poolSize: 20 });
  let actor: Actor | null = null;
  let stock: StockFixture;
  let gate: StockGate;

  beforeAll(async () => {
    gate = createStockGate(t().db, { redis: engine === 'redis' ? redis : null, keyPrefix: prefix });
    setApiDepsForTests({ db: async () => t().db, actor: async () => actor });
    setStorefrontDepsForTests({ gate, cacheMs: 0 });
    setApiLimitsForTests(HIGH_LIMITS);
    stock = await insertFlashStock(t().db);
  });
  afterEach(() => {
    actor = null;
    setApiLimitsForTests(HIGH_LIMITS);
  });
  afterAll(() => {
    setApiDepsForTests(undefined);
    setApiLimitsForTests(undefined);
    setStorefrontDepsForTests(undefined);
  });

  const sale = (opts: Omit<Parameters<typeof insertLiveSale>[2], 'engine'> = {}) => insertLiveSale(t().db, stock, { engine, ...opts });
  const hold = (id: string, opts: { cookie?: string | null; ip?: string; body?: unknown; headers?: Record<string, string> } = {}) =>
    call(postHold, 'POST', `/flash-sales/${id}/holds`, {
      params: { id },
      ip: opts.ip,
      body: opts.body ?? { quantity: 1 },
      headers: { ...(opts.cookie ? { cookie: opts.cookie } : {}), ...opts.headers },
    });
  const read = (id: string) => call(getSale, 'GET', `/flash-sales/${id}`, { params: { id } });
  const holdRows = (saleId: string) => t().db.select().from(flashHolds).where(eq(flashHolds.saleId, saleId));
  const user = async (): Promise<Actor> => {
    const [u] = await t().db.insert(users).values({ email: `flash-${randomUUID()}@example.com` }).returning({ id: users.id });
    return { userId: u!.id, role: 'shopper', stores: {} };
  };

  it('201: a guest without a cookie gets a hold, the signed guest cookie and the checkout URL; the sale shows it', async () => {
    const s = await sale({ allocation: 5, limit: 2 });
    const res = await hold(s.id, { body: { quantity: 2 } });
    expect(res.status, res.text).toBe(201);
    const h = flashHoldSchema.parse(res.json());
    expect(h).toMatchObject({ saleId: s.id, existing: false });
    expect(h.checkoutUrl).toMatch(new RegExp(`/checkout/flash/${h.holdId}$`));
    expect(new Date(h.expiresAt).getTime()).toBeGreaterThan(Date.now() + 5 * 60_000);
    const setCookie = res.headers.get('set-cookie')!;
    expect(setCookie).toMatch(/^flash_guest=[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}; /);
    expect(setCookie).toContain('HttpOnly');
    expect(setCookie).toContain('SameSite=Lax');
    const [row] = await holdRows(s.id);
    expect(row).toMatchObject({ id: h.holdId, quantity: 2, status: 'active' });
    expect(row!.customerKey).toBe(`guest:${guestCookie(res)!.split('=')[1]!.split('.')[0]}`);

    const view = await read(s.id);
    expect(view.status).toBe(200);
    expect(view.headers.get('cache-control')).toBe('public, max-age=1, s-maxage=1');
    expect(flashSaleSchema.parse(view.json())).toMatchObject({ id: s.id, status: 'live', phase: 'live', allocation: 5, remaining: 3, held: 2, sold: 0, paused: false, perCustomerLimit: 2, salePrice: 500, regularPrice: 1000 });
  });

  it('200: the same guest asking again gets the hold placed earlier (one active hold per customer per sale)', async () => {
    const s = await sale({ allocation: 5, limit: 3 });
    const first = await hold(s.id);
    const cookie = guestCookie(first)!;
    const again = await hold(s.id, { cookie });
    expect(again.status, again.text).toBe(200);
    expect(again.json()).toMatchObject({ holdId: first.json().holdId, existing: true });
    expect(again.headers.get('set-cookie')).toBeNull();
    expect(await holdRows(s.id)).toHaveLength(1);
  });

  it('the customer comes from the session (user id), never from a key the client sends', async () => {
    const s = await sale({ allocation: 5 });
    actor = await user();
    const res = await hold(s.id, { body: { quantity: 1, customerKey: 'someone-else' }, headers: { 'x-customer-key': 'someone-else' } });
    expect(res.status, res.text).toBe(201);
    expect(res.headers.get('set-cookie')).toBeNull();
    expect((await holdRows(s.id))[0]!.customerKey).toBe(actor.userId);

    actor = null;
    const forged = await hold(s.id, { cookie: `${GUEST_COOKIE}=AAAAAAAAAAAAAAAAAAAAAA.forged` });
    expect(forged.status).toBe(201);
    // A forged cookie is ignored: a fresh guest key, not the forged one.
    expect(guestCookie(forged)).not.toContain('AAAAAAAAAAAAAAAAAAAAAA');
  });

  it('409 sold_out once the allocation is held; 403 over_limit past the per-customer limit', async () => {
    const s = await sale({ allocation: 2, limit: 1 });
    const a = await hold(s.id);
    const b = await hold(s.id);
    expect([a.status, b.status]).toEqual([201, 201]);
    const c = await hold(s.id);
    expect(c.status).toBe(409);
    expect(c.json().error).toMatchObject({ code: 'sold_out' });

    const roomy = await sale({ allocation: 10, limit: 1 });
    actor = await user();
    const mine = await hold(roomy.id);
    expect(mine.status).toBe(201);
    expect(await gate.confirm(roomy.id, mine.json().holdId)).toBe(true);
    const more = await hold(roomy.id);
    expect(more.status).toBe(403);
    expect(more.json().error).toMatchObject({ code: 'over_limit', details: { perCustomerLimit: 1 } });
    const tooMany = await hold((await sale({ allocation: 10, limit: 2 })).id, { body: { quantity: 3 } });
    expect(tooMany.status).toBe(403);
  });

  it('409 not_live before the start and after the end; a due scheduled sale is started by the first buyer', async () => {
    const future = await sale({ status: 'scheduled', startsAt: new Date(Date.now() + 3600_000), endsAt: new Date(Date.now() + 7200_000) });
    const early = await hold(future.id);
    expect(early.status).toBe(409);
    expect(early.json().error).toMatchObject({ code: 'not_live', message: 'This sale has not started yet.' });
    expect(flashSaleSchema.parse((await read(future.id)).json())).toMatchObject({ status: 'scheduled', phase: 'upcoming', remaining: 10 });

    const over = await sale({ endsAt: new Date(Date.now() - 1000), startsAt: new Date(Date.now() - 3600_000) });
    const late = await hold(over.id);
    expect(late.status).toBe(409);
    expect(late.json().error).toMatchObject({ code: 'not_live', message: 'This sale is over.' });

    // Due now, never started: the hold request starts it (allocation out of stock), then holds.
    const level = () =>
      t()
        .db.select({ onHand: inventoryLevels.onHand })
        .from(inventoryLevels)
        .where(and(eq(inventoryLevels.variantId, stock.variantIds[0]!), eq(inventoryLevels.locationId, stock.locationIds[0]!)))
        .then((r) => r[0]!.onHand);
    const before = await level();
    const due = await sale({ status: 'scheduled', allocation: 4, startsAt: new Date(Date.now() - 1000) });
    const results = await Promise.all(Array.from({ length: 6 }, () => hold(due.id)));
    expect(results.map((r) => r.status).sort()).toEqual([201, 201, 201, 201, 409, 409]);
    const [started] = await t().db.select().from(flashSales).where(eq(flashSales.id, due.id));
    expect(started).toMatchObject({ status: 'live', engine, movedOut: 4 });
    expect(await level()).toBe(before - 4);
  });

  it('400 for a bad id or quantity, 404 for an unknown or unannounced sale, 415 without JSON', async () => {
    expect((await hold('not-a-uuid')).status).toBe(400);
    expect((await read('not-a-uuid')).status).toBe(400);
    const s = await sale();
    expect((await hold(s.id, { body: { quantity: 0 } })).status).toBe(400);
    expect((await hold(s.id, { body: { quantity: 'many' } })).status).toBe(400);
    const unknown = randomUUID();
    expect((await hold(unknown)).status).toBe(404);
    expect((await read(unknown)).status).toBe(404);
    const proposed = await sale({ status: 'scheduled' });
    await t().db.update(flashSales).set({ status: 'proposed' }).where(eq(flashSales.id, proposed.id));
    expect((await hold(proposed.id)).status).toBe(404);
    expect((await read(proposed.id)).status).toBe(404);
    const raw = await call(postHold, 'POST', `/flash-sales/${s.id}/holds`, { params: { id: s.id }, body: 'quantity=1', headers: { 'content-type': 'text/plain' } });
    expect(raw.status).toBe(415);
  });

  it('429 for a burst from one customer and from one IP, with Retry-After; other buyers are not limited', async () => {
    setApiLimitsForTests({ ...HIGH_LIMITS, flashHoldCustomer: { limit: 3, windowMs: 120_000 }, flashHoldIp: { limit: 6, windowMs: 120_000 } }); // windows long enough for a slow machine
    const s = await sale({ allocation: 100, limit: 1 });
    const first = await hold(s.id, { ip: '198.51.100.1' });
    const cookie = guestCookie(first)!;
    const burst = [];
    for (let i = 0; i < 4; i++) burst.push(await hold(s.id, { cookie, ip: `198.51.100.${10 + i}` }));
    expect(burst.map((r) => r.status)).toEqual([200, 200, 200, 429]);
    expect(burst[3]!.json().error).toMatchObject({ code: 'rate_limited' });
    expect(Number(burst[3]!.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);

    const fromOneIp = [];
    for (let i = 0; i < 7; i++) fromOneIp.push(await hold(s.id, { ip: '198.51.100.99' }));
    expect(fromOneIp.map((r) => r.status)).toEqual([201, 201, 201, 201, 201, 201, 429]);
    expect(fromOneIp[6]!.headers.get('x-ratelimit-remaining')).toBe('0');
    // Someone else, elsewhere, still gets in.
    expect((await hold(s.id, { ip: '198.51.100.200' })).status).toBe(201);
  });

  it('a crowd of 300 distinct buyers for 7 units: exactly 7 holds, the rest clean 409s; the counters add up', async () => {
    setApiLimitsForTests({ ...HIGH_LIMITS, flashHoldIp: API_LIMITS.flashHoldIp, flashHoldCustomer: API_LIMITS.flashHoldCustomer });
    const s = await sale({ allocation: 7, limit: 1 });
    const results = await Promise.all(Array.from({ length: 300 }, (_, i) => hold(s.id, { ip: `10.1.${Math.floor(i / 250)}.${i % 250}` })));
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((x) => x === 201)).toHaveLength(7);
    expect(statuses.filter((x) => x === 409)).toHaveLength(293);
    expect(results.filter((r) => r.status === 409).every((r) => r.json().error.code === 'sold_out')).toBe(true);
    expect(await holdRows(s.id)).toHaveLength(7);
    expect(flashSaleSchema.parse((await read(s.id)).json())).toMatchObject({ phase: 'sold_out', remaining: 0, held: 7, sold: 0 });
  });

  it('an expired hold goes back to the sale: the GET sweeps it within seconds, without the scheduler', async () => {
    let shift = 0;
    const clocked = createStockGate(t().db, { redis: engine === 'redis' ? redis : null, keyPrefix: prefix, clock: () => Date.now() + shift });
    setStorefrontDepsForTests({ gate: clocked, cacheMs: 0 });
    try {
      const s = await sale({ allocation: 3 });
      expect((await hold(s.id)).status).toBe(201);
      expect((await read(s.id)).json()).toMatchObject({ remaining: 2, held: 1 });
      shift = 11 * 60_000; // past the 10-minute hold
      setStorefrontDepsForTests({ gate: clocked, cacheMs: 0 }); // forgets when it last swept
      expect((await read(s.id)).json()).toMatchObject({ remaining: 3, held: 0, sold: 0, phase: 'live' });
      expect((await holdRows(s.id))[0]!.status).toBe('expired');
    } finally {
      setStorefrontDepsForTests({ gate, cacheMs: 0 });
    }
  });

  if (engine === 'redis') {
    it('503 with Retry-After while Redis is unreachable; the sale page shows buying paused', async () => {
      const s = await sale();
      const dead = createStockGate(t().db, { redis: lazyScriptClient(() => ioredisScriptClient('redis://127.0.0.1:1')), keyPrefix: prefix });
      setStorefrontDepsForTests({ gate: dead, cacheMs: 0 });
      try {
        const res = await hold(s.id);
        expect(res.status, res.text).toBe(503);
        expect(res.json().error).toMatchObject({ code: 'gate_unavailable', details: { retryAfter: expect.any(Number) } });
        expect(Number(res.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
        expect(res.headers.get('set-cookie')).toBeNull();
        const view = await read(s.id);
        expect(view.status).toBe(200);
        expect(view.json()).toMatchObject({ paused: true, remaining: null, phase: 'live' });
      } finally {
        setStorefrontDepsForTests({ gate, cacheMs: 0 });
      }
      expect(await holdRows(s.id)).toHaveLength(0);
      expect((await hold(s.id)).status).toBe(201);
    });
  }
});
