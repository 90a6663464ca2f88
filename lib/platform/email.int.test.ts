import { eq, sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { emailOutbox } from '@/db/schema/messaging';
import { BACKENDS, useTestDatabase } from '@/test/db';
import {
  captureTransport,
  deliverPending,
  enqueueEmail,
  getOutboxEmail,
  InvalidEmailError,
  listOutbox,
  MAX_ATTEMPTS,
  resendTransport,
  sendNow,
  type EmailMessage,
  type Transport,
} from './email';
import { env } from './env';

const message = (n: number | string, to = 'shopper@demo.shop'): EmailMessage => ({
  to,
  subject: `Order #${n} confirmed`,
  template: 'orders/confirmation',
  html: `<p>Thanks for order <a href="https://shop.test/orders/${n}">#${n}</a></p>`,
  text: `Thanks for order #${n}`,
});

/** Records every send; fails while `failWith` is set. */
function recordingTransport(name: Transport['name'] = 'capture', opts: { delayMs?: () => number } = {}) {
  const calls: Parameters<Transport['send']>[0][] = [];
  const state = { failWith: null as string | null };
  const transport: Transport = {
    name,
    async send(msg) {
      calls.push(msg);
      const delay = opts.delayMs?.() ?? 0;
      if (delay) await new Promise((r) => setTimeout(r, delay));
      if (state.failWith) throw new Error(state.failWith);
      return { id: name === 'resend' ? `prov-${calls.length}` : null };
    },
  };
  return { transport, calls, state };
}

const noDelay = () => 0;

describe.each(BACKENDS)('email outbox (%s)', (backend) => {
  const t = useTestDatabase(backend, { poolSize: 12 });
  const rowById = async (id: string) => (await t().db.select().from(emailOutbox).where(eq(emailOutbox.id, id)))[0]!;

  // The structured log lines (JSON on stdout/stderr) are captured: kept out of the test output, asserted where they matter.
  let logged: () => Record<string, unknown>[];
  beforeEach(async () => {
    await t().db.delete(emailOutbox);
    const out = vi.spyOn(console, 'log').mockImplementation(() => {});
    const err = vi.spyOn(console, 'error').mockImplementation(() => {});
    logged = () => [...out.mock.calls, ...err.mock.calls].map(([line]) => JSON.parse(String(line)) as Record<string, unknown>);
  });
  afterEach(() => {
    vi.restoreAllMocks();
  });

  describe('enqueueEmail', () => {
    it('writes one row per dedupe key: the same key returns the same row, unchanged', async () => {
      const { db } = t();
      const first = await enqueueEmail(db, message(1, ' Shopper@Demo.Shop'), 'order-confirmed:1');
      const again = await enqueueEmail(db, { ...message(1), subject: 'Different' }, 'order-confirmed:1');
      expect(first.created).toBe(true);
      expect(again).toEqual({ id: first.id, created: false });
      const rows = await db.select().from(emailOutbox);
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ to: 'shopper@demo.shop', subject: 'Order #1 confirmed', status: 'pending', attempts: 0, sentAt: null });
    });

    it('is written with the transaction that causes it, and rolled back with it', async () => {
      const { db } = t();
      await expect(
        db.transaction(async (tx) => {
          await enqueueEmail(tx, message(2), 'order-confirmed:2');
          throw new Error('checkout failed');
        }),
      ).rejects.toThrow('checkout failed');
      expect(await db.select().from(emailOutbox)).toHaveLength(0);
      const { id } = await db.transaction((tx) => enqueueEmail(tx, message(2), 'order-confirmed:2'));
      expect((await rowById(id)).dedupeKey).toBe('order-confirmed:2');
    });

    it('rejects a bad recipient or an empty subject and writes nothing', async () => {
      const { db } = t();
      await expect(enqueueEmail(db, message(3, 'nobody'), 'k3')).rejects.toBeInstanceOf(InvalidEmailError);
      await expect(enqueueEmail(db, { ...message(3), subject: '' }, 'k3')).rejects.toThrow(/subject: Subject is required/);
      expect(await db.select().from(emailOutbox)).toHaveLength(0);
    });
  });

  describe('deliverPending', () => {
    it('captures pending emails without Resend, oldest first, once', async () => {
      const { db } = t();
      const ids = [];
      for (let i = 0; i < 3; i++) ids.push((await enqueueEmail(db, message(i), `k${i}`)).id);
      const { transport, calls } = recordingTransport('capture');

      expect(await deliverPending(db, { transport, from: 'Shop <shop@test>' })).toEqual({ sent: 0, captured: 3, failed: 0 });
      expect(calls.map((c) => c.subject)).toEqual(['Order #0 confirmed', 'Order #1 confirmed', 'Order #2 confirmed']);
      expect(calls[0]).toMatchObject({ from: 'Shop <shop@test>', to: 'shopper@demo.shop', idempotencyKey: 'k0', template: 'orders/confirmation' });
      for (const id of ids) {
        const row = await rowById(id);
        expect(row).toMatchObject({ status: 'captured', attempts: 1, providerMessageId: null, lastError: null });
        expect(row.sentAt).toBeInstanceOf(Date);
        expect(Math.abs(row.sentAt!.getTime() - Date.now())).toBeLessThan(60_000);
      }
      expect(await deliverPending(db, { transport })).toEqual({ sent: 0, captured: 0, failed: 0 });
      expect(calls).toHaveLength(3);
    });

    it('the built-in capture transport works without options', async () => {
      const { db } = t();
      const { id } = await enqueueEmail(db, message(1), 'k1');
      expect(await deliverPending(db, { transport: captureTransport })).toEqual({ sent: 0, captured: 1, failed: 0 });
      expect((await rowById(id)).status).toBe('captured');
    });

    it('honours the limit', async () => {
      const { db } = t();
      for (let i = 0; i < 5; i++) await enqueueEmail(db, message(i), `k${i}`);
      const { transport } = recordingTransport();
      expect((await deliverPending(db, { transport, limit: 2 })).captured).toBe(2);
      expect((await deliverPending(db, { transport, limit: 10 })).captured).toBe(3);
    });

    it('marks a Resend delivery as sent with the provider id', async () => {
      const { db } = t();
      const { id } = await enqueueEmail(db, message(1), 'k1');
      const { transport } = recordingTransport('resend');
      expect(await deliverPending(db, { transport })).toEqual({ sent: 1, captured: 0, failed: 0 });
      expect(await rowById(id)).toMatchObject({ status: 'sent', providerMessageId: 'prov-1', attempts: 1 });
    });

    it(`retries a failing send, then gives up after ${MAX_ATTEMPTS} attempts with the last error`, async () => {
      const { db } = t();
      const { id } = await enqueueEmail(db, message(1), 'k1');
      const { transport, calls, state } = recordingTransport('resend');
      state.failWith = 'smtp on fire';
      for (let attempt = 1; attempt < MAX_ATTEMPTS; attempt++) {
        expect(await deliverPending(db, { transport, retryDelayMs: noDelay })).toEqual({ sent: 0, captured: 0, failed: 1 });
        expect(await rowById(id)).toMatchObject({ status: 'pending', attempts: attempt, lastError: 'smtp on fire' });
      }
      state.failWith = 'still on fire';
      expect(await deliverPending(db, { transport, retryDelayMs: noDelay })).toEqual({ sent: 0, captured: 0, failed: 1 });
      expect(await rowById(id)).toMatchObject({ status: 'failed', attempts: MAX_ATTEMPTS, lastError: 'still on fire', sentAt: null });
      if (env.LOG_LEVEL !== 'error' && env.LOG_LEVEL !== 'silent') expect(logged()).toContainEqual(expect.objectContaining({ level: 'warn', msg: 'email: delivery failed', outboxId: id, attempt: MAX_ATTEMPTS, giveUp: true, err: 'still on fire' }));
      expect(await deliverPending(db, { transport, retryDelayMs: noDelay })).toEqual({ sent: 0, captured: 0, failed: 0 });
      expect(calls).toHaveLength(MAX_ATTEMPTS);
      // Every attempt carried the same idempotency key, so Resend would dedupe a retried send.
      expect(new Set(calls.map((c) => c.idempotencyKey))).toEqual(new Set(['k1']));
    });

    it('waits out the retry delay, and a later success clears the error', async () => {
      const { db } = t();
      const { id } = await enqueueEmail(db, message(1), 'k1');
      const { transport, calls, state } = recordingTransport('capture');
      state.failWith = 'temporary';
      await deliverPending(db, { transport });
      // Default backoff: not due for 30 s.
      expect(await deliverPending(db, { transport })).toEqual({ sent: 0, captured: 0, failed: 0 });
      expect(calls).toHaveLength(1);
      await db.update(emailOutbox).set({ sentAt: sql`now() - interval '1 second'` }).where(eq(emailOutbox.id, id));
      state.failWith = null;
      expect(await deliverPending(db, { transport })).toEqual({ sent: 0, captured: 1, failed: 0 });
      expect(await rowById(id)).toMatchObject({ status: 'captured', attempts: 2, lastError: null });
    });

    it('leaves a row another deliverer holds alone until its lease runs out; gives up an abandoned last attempt', async () => {
      const { db } = t();
      const inFlight = await enqueueEmail(db, message(1), 'k1');
      const abandoned = await enqueueEmail(db, message(2), 'k2');
      await db.update(emailOutbox).set({ attempts: 1, sentAt: sql`now() + interval '5 minutes'` }).where(eq(emailOutbox.id, inFlight.id));
      await db.update(emailOutbox).set({ attempts: MAX_ATTEMPTS, sentAt: sql`now() - interval '1 second'` }).where(eq(emailOutbox.id, abandoned.id));
      const { transport, calls } = recordingTransport();
      expect(await deliverPending(db, { transport })).toEqual({ sent: 0, captured: 0, failed: 0 });
      expect(calls).toHaveLength(0);
      expect(await rowById(abandoned.id)).toMatchObject({ status: 'failed', lastError: expect.stringMatching(/never finished/) });

      // The holder crashed: once the lease is over, the row is delivered by someone else.
      await db.update(emailOutbox).set({ sentAt: sql`now() - interval '1 second'` }).where(eq(emailOutbox.id, inFlight.id));
      expect(await deliverPending(db, { transport })).toEqual({ sent: 0, captured: 1, failed: 0 });
      expect(await rowById(inFlight.id)).toMatchObject({ status: 'captured', attempts: 2 });
    });

    it('hands back the rows it has no time left to send, untried', async () => {
      const { db } = t();
      const ids = [];
      for (let i = 0; i < 3; i++) ids.push((await enqueueEmail(db, message(i), `k${i}`)).id);
      const { transport, calls } = recordingTransport('capture', { delayMs: () => 400 });
      expect(await deliverPending(db, { transport, sendBudgetMs: 300 })).toEqual({ sent: 0, captured: 1, failed: 0 });
      expect(calls).toHaveLength(1);
      expect(await rowById(ids[1]!)).toMatchObject({ status: 'pending', attempts: 0, sentAt: null });
      expect(await deliverPending(db, { transport })).toEqual({ sent: 0, captured: 2, failed: 0 });
      expect(calls.map((c) => c.idempotencyKey)).toEqual(['k0', 'k1', 'k2']);
    });

    it('never hands a row to two concurrent deliverers', async () => {
      const { db } = t();
      for (let round = 0; round < 3; round++) {
        await db.delete(emailOutbox);
        for (let i = 0; i < 50; i++) await enqueueEmail(db, message(i, `buyer${i}@demo.shop`), `r${round}:${i}`);
        const { transport, calls } = recordingTransport('resend', { delayMs: () => Math.floor(Math.random() * 4) });
        const deliverer = async () => {
          let total = 0;
          for (;;) {
            const r = await deliverPending(db, { transport, limit: 1 + Math.floor(Math.random() * 6) });
            if (r.sent + r.captured + r.failed === 0) return total;
            total += r.sent;
          }
        };
        const perDeliverer = await Promise.all(Array.from({ length: 5 }, deliverer));
        expect(perDeliverer.reduce((a, b) => a + b, 0)).toBe(50);
        expect(calls).toHaveLength(50);
        expect(new Set(calls.map((c) => c.idempotencyKey)).size).toBe(50);
        const rows = await db.select().from(emailOutbox);
        expect(rows.every((r) => r.status === 'sent' && r.attempts === 1)).toBe(true);
        if (backend === 'postgres') expect(perDeliverer.filter((n) => n > 0).length).toBeGreaterThan(1);
      }
    });
  });

  describe('sendNow', () => {
    it('delivers just that email at once, and only once per dedupe key', async () => {
      const { db } = t();
      const other = await enqueueEmail(db, message(1), 'other');
      const { transport, calls } = recordingTransport();
      const id = await sendNow(db, message('link', 'ada@demo.shop'), 'sign-in:ada:1', { transport });
      expect(calls.map((c) => c.to)).toEqual(['ada@demo.shop']);
      expect((await rowById(id)).status).toBe('captured');
      expect((await rowById(other.id)).status).toBe('pending');
      expect(await sendNow(db, message('link', 'ada@demo.shop'), 'sign-in:ada:1', { transport })).toBe(id);
      expect(calls).toHaveLength(1);
    });

    it('returns the id and leaves a failed send to the background deliverer', async () => {
      const { db } = t();
      const { transport, state } = recordingTransport();
      state.failWith = 'down';
      const id = await sendNow(db, message(1), 'k1', { transport });
      expect(await rowById(id)).toMatchObject({ status: 'pending', attempts: 1, lastError: 'down' });
    });
  });

  describe('Resend transport over HTTP', () => {
    const realFetch = globalThis.fetch;
    type Seen = { url: string; method: string; headers: Headers; body: Record<string, unknown> };
    let seen: Seen[];
    let reply: () => Response | Promise<Response>;

    beforeEach(() => {
      seen = [];
      vi.stubGlobal('fetch', async (input: string | URL | Request, init?: RequestInit) => {
        const url = String(input instanceof Request ? input.url : input);
        if (!url.startsWith('https://api.resend.com/')) return realFetch(input, init);
        seen.push({ url, method: init?.method ?? 'GET', headers: new Headers(init?.headers), body: JSON.parse(String(init?.body)) });
        return reply();
      });
    });
    afterEach(() => {
      vi.unstubAllGlobals();
    });

    const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

    it('posts the email with the API key and our dedupe key as Idempotency-Key', async () => {
      const { db } = t();
      reply = () => json(200, { id: '4ef9a417-02e9-4d39-ad75-9611e0fcc33c' });
      const { id } = await enqueueEmail(db, message(7, 'ada@demo.shop'), 'order-confirmed:7');
      expect(await deliverPending(db, { transport: resendTransport('re_test_123') })).toEqual({ sent: 1, captured: 0, failed: 0 });

      expect(seen).toHaveLength(1);
      const [req] = seen;
      expect(req!.url).toBe('https://api.resend.com/emails');
      expect(req!.method).toBe('POST');
      expect(req!.headers.get('authorization')).toBe('Bearer re_test_123');
      expect(req!.headers.get('idempotency-key')).toBe('order-confirmed:7');
      expect(req!.body).toMatchObject({
        from: env.EMAIL_FROM,
        to: 'ada@demo.shop',
        subject: 'Order #7 confirmed',
        html: message(7).html,
        text: message(7).text,
        tags: [{ name: 'template', value: 'orders_confirmation' }],
      });
      expect(await rowById(id)).toMatchObject({ status: 'sent', providerMessageId: '4ef9a417-02e9-4d39-ad75-9611e0fcc33c', lastError: null });
    });

    it.each([
      ['a 422', () => json(422, { statusCode: 422, name: 'validation_error', message: 'Invalid `to` field.' }), /Resend 422 validation_error: Invalid `to` field/],
      ['a 429', () => json(429, { statusCode: 429, name: 'rate_limit_exceeded', message: 'Too many requests' }), /Resend 429 rate_limit_exceeded/],
      ['a 500 with an HTML body', () => new Response('<html>oops</html>', { status: 500 }), /Resend 500 application_error/],
      ['a network error', () => Promise.reject(new TypeError('fetch failed')), /Resend network application_error/],
    ])('%s leaves the row pending with the error', async (_, fail, error) => {
      const { db } = t();
      reply = fail;
      const { id } = await enqueueEmail(db, message(8), 'order-confirmed:8');
      expect(await deliverPending(db, { transport: resendTransport('re_test_123') })).toEqual({ sent: 0, captured: 0, failed: 1 });
      const row = await rowById(id);
      expect(row).toMatchObject({ status: 'pending', attempts: 1, providerMessageId: null });
      expect(row.lastError).toMatch(error);
      expect(row.sentAt!.getTime()).toBeGreaterThan(Date.now() + 10_000); // retry scheduled, not immediate
    });
  });

  describe('mail viewer reads', () => {
    it('lists newest first with a keyset cursor, filters by recipient, and reads one email', async () => {
      const { db } = t();
      // Same created_at for several rows: the cursor must break ties by id without skipping any.
      for (let i = 0; i < 7; i++) await enqueueEmail(db, message(i, i % 2 ? 'odd@demo.shop' : 'even@demo.shop'), `k${i}`);
      // Whole milliseconds, so JavaScript's Date (ms) orders them exactly as Postgres (µs) does.
      await db.update(emailOutbox).set({ createdAt: sql`date_trunc('second', now()) - substr(${emailOutbox.dedupeKey}, 2)::int * interval '10 milliseconds'` });
      await db.update(emailOutbox).set({ createdAt: sql`date_trunc('second', now()) - interval '1 second'` }).where(sql`${emailOutbox.dedupeKey} in ('k1', 'k2', 'k3')`);

      const all = [];
      let cursor: string | undefined;
      for (let page = 0; page < 10; page++) {
        const r = await listOutbox(db, { limit: 2, cursor });
        all.push(...r.items);
        if (!r.nextCursor) break;
        cursor = r.nextCursor;
      }
      expect(all).toHaveLength(7);
      expect(new Set(all.map((i) => i.id)).size).toBe(7);
      const keys = all.map((i) => [i.createdAt.getTime(), i.id] as const);
      expect(keys).toEqual([...keys].sort((a, b) => b[0] - a[0] || (a[1] < b[1] ? 1 : -1)));
      expect(all[0]).not.toHaveProperty('html');

      const odd = await listOutbox(db, { to: ' ODD@demo.shop ', limit: 10 });
      expect(odd.items.map((i) => i.to)).toEqual(['odd@demo.shop', 'odd@demo.shop', 'odd@demo.shop']);
      expect(odd.nextCursor).toBeNull();
      expect((await listOutbox(db, { to: 'nobody@demo.shop', limit: 10 })).items).toEqual([]);
      expect((await listOutbox(db, { limit: 10, cursor: 'garbage' })).items).toHaveLength(7);

      const full = await getOutboxEmail(db, all[0]!.id);
      expect(full).toMatchObject({ id: all[0]!.id, html: expect.stringContaining('<p>') });
      expect(await getOutboxEmail(db, 'not-a-uuid')).toBeNull();
      expect(await getOutboxEmail(db, '00000000-0000-4000-8000-000000000000')).toBeNull();
    });
  });
});
