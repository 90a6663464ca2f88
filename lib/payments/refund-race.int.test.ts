import { randomUUID } from 'node:crypto';
import { eq, inArray } from 'drizzle-orm';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { payments, refunds, testProviderIntents, testProviderOperations } from '@/db/schema/payments';
import { DomainError } from '@/lib/platform/errors';
import { CARDS, insertCheckout, insertSellable } from '@/test/checkout-fixtures';
import { BACKENDS, useTestDatabase } from '@/test/db';
import { authorizePayment, capturePayment, refundPayment } from './service';
import { tokenizeTestCard } from './test-cards';
import { createTestProvider, TestProviderError } from './test-provider';

/**
 * Concurrent refunds (DESIGN §5.3, "a cent lost or charged twice"): N refunds fired at once on
 * one captured payment, with keys repeated among them, never refund more than was captured,
 * refund each key at most once, and leave our books (refunds, payments) equal to the provider's.
 * On PGlite (one session) the calls interleave only between statements; Postgres runs them truly
 * in parallel.
 */

type Call = { key: string; amount: number };
type Outcome = { key: string; amount: number; ok: true; ref: string } | { key: string; amount: number; ok: false; code: string };

/** `calls` calls spread over `keys.length` keys, shuffled so repeats of a key race each other. */
function spread(keys: Call[], calls: number, seed: number): Call[] {
  const out = Array.from({ length: calls }, (_, i) => keys[i % keys.length]!);
  let s = seed || 1;
  for (let i = out.length - 1; i > 0; i--) {
    s = (s * 1103515245 + 12345) & 0x7fffffff;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

const codeOf = (err: unknown) => (err instanceof DomainError || err instanceof TestProviderError ? err.code : `unexpected: ${String(err)}`);

/**
 * What the outcomes must show: each key either refunded once (every call with it answered with
 * the same refund) or was refused as too large (every call), the refunded keys sum to at most
 * `captured`, and a refused key did not fit even in what was finally left (so none was refused
 * while there was room for it).
 */
function checkOutcomes(outcomes: Outcome[], captured: number, refusal: string) {
  const byKey = new Map<string, Outcome[]>();
  for (const o of outcomes) byKey.set(o.key, [...(byKey.get(o.key) ?? []), o]);
  let refunded = 0;
  const succeeded: string[] = [];
  for (const [key, list] of byKey) {
    const oks = list.filter((o) => o.ok);
    for (const o of list) if (!o.ok) expect(o.code, `key ${key}`).toBe(refusal);
    if (oks.length) {
      expect(oks.length, `key ${key}: some calls refunded, others were refused`).toBe(list.length);
      expect(new Set(oks.map((o) => (o.ok ? o.ref : ''))).size, `key ${key} refunded more than once`).toBe(1);
      refunded += list[0]!.amount;
      succeeded.push(key);
    }
  }
  expect(refunded).toBeLessThanOrEqual(captured);
  for (const [key, list] of byKey) if (!succeeded.includes(key)) expect(list[0]!.amount, `key ${key} refused although it fit`).toBeGreaterThan(captured - refunded);
  return { refunded, succeeded };
}

describe.each(BACKENDS)('concurrent refunds (%s)', (backend) => {
  const t = useTestDatabase(backend, { poolSize: 24 });

  describe('the test provider', () => {
    async function capturedIntent(amount: number) {
      const provider = createTestProvider(t().db);
      const auth = await provider.authorize({ paymentId: randomUUID(), checkoutId: randomUUID(), amount, currency: 'USD', paymentMethod: tokenizeTestCard(CARDS.ok)!.token, email: 'a@example.com', returnUrl: 'http://localhost/' });
      if (auth.status !== 'authorized' || !auth.ref) throw new Error(`fixture: ${auth.status}`);
      await provider.capture(auth.ref, amount, `capture:${auth.ref}`);
      return { provider, ref: auth.ref };
    }

    async function fire(provider: ReturnType<typeof createTestProvider>, ref: string, calls: Call[]): Promise<Outcome[]> {
      return Promise.all(
        calls.map(({ key, amount }) =>
          provider.refund(ref, amount, key).then(
            (r): Outcome => ({ key, amount, ok: true, ref: r.refundRef }),
            (err): Outcome => ({ key, amount, ok: false, code: codeOf(err) }),
          ),
        ),
      );
    }

    it('20 refunds at once over 8 keys of 30.00 on 100.00 captured: exactly 3 keys refund, once each', async () => {
      const { provider, ref } = await capturedIntent(10_000);
      const keys = Array.from({ length: 8 }, (_, i) => ({ key: `r-${ref}-${i}`, amount: 3000 }));
      const outcomes = await fire(provider, ref, spread(keys, 20, 7));
      const { refunded, succeeded } = checkOutcomes(outcomes, 10_000, 'charge_already_refunded');
      expect(succeeded).toHaveLength(3);
      expect(refunded).toBe(9000);
      const [intent] = await t().db.select().from(testProviderIntents).where(eq(testProviderIntents.id, ref));
      expect(intent!.amountRefunded).toBe(9000);
      const ops = await t().db.select().from(testProviderOperations).where(eq(testProviderOperations.intentId, ref));
      expect(ops.filter((o) => o.kind === 'refund').map((o) => o.idempotencyKey).sort()).toEqual([...succeeded].sort());
    });

    it('randomised amounts and repeats: never more than captured, each key at most once', async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.integer({ min: 100, max: 20_000 }),
          fc.array(fc.integer({ min: 1, max: 8_000 }), { minLength: 1, maxLength: 10 }),
          fc.integer({ min: 0, max: 1_000_000 }),
          async (captured, amounts, seed) => {
            const { provider, ref } = await capturedIntent(captured);
            const keys = amounts.map((amount, i) => ({ key: `r-${ref}-${i}`, amount }));
            const { refunded } = checkOutcomes(await fire(provider, ref, spread(keys, 20, seed)), captured, 'charge_already_refunded');
            const [intent] = await t().db.select().from(testProviderIntents).where(eq(testProviderIntents.id, ref));
            expect(intent!.amountRefunded).toBe(refunded);
          },
        ),
        { numRuns: backend === 'postgres' ? 25 : 8, endOnFailure: true },
      );
    });

    it('capture and void racing on one authorization: one of them wins, and a capture key captures once', async () => {
      const provider = createTestProvider(t().db);
      const auth = await provider.authorize({ paymentId: randomUUID(), checkoutId: randomUUID(), amount: 5000, currency: 'USD', paymentMethod: tokenizeTestCard(CARDS.ok)!.token, email: 'a@example.com', returnUrl: 'http://localhost/' });
      const ref = auth.ref!;
      const calls = spread([{ key: `capture-${ref}`, amount: 1 }, { key: `void-${ref}`, amount: 0 }], 12, 3);
      const results = await Promise.all(
        calls.map((c) =>
          (c.amount ? provider.capture(ref, 5000, c.key) : provider.void(ref, c.key)).then(
            (s) => ({ kind: c.amount ? 'capture' : 'void', status: s.status as string }),
            (err) => ({ kind: c.amount ? 'capture' : 'void', status: `error:${codeOf(err)}` }),
          ),
        ),
      );
      const [intent] = await t().db.select().from(testProviderIntents).where(eq(testProviderIntents.id, ref));
      const winner = intent!.status === 'captured' ? 'capture' : 'void';
      expect(['captured', 'voided']).toContain(intent!.status);
      for (const r of results) expect(r.status).toBe(r.kind === winner ? intent!.status : 'error:payment_intent_unexpected_state');
      if (winner === 'capture') expect(intent!.amountCaptured).toBe(5000);
    });
  });

  describe('the payments service', () => {
    async function capturedPayment() {
      const db = t().db;
      const provider = createTestProvider(db);
      const f = await insertSellable(db, [10]);
      // 9 units at 10.00 + 5.00 shipping: 95.00.
      const c = await insertCheckout(db, f, { lines: [{ quantity: 9 }] });
      await authorizePayment(db, provider, c.id, 'http://localhost/');
      const p = await capturePayment(db, provider, c.id);
      expect(p.amountCaptured).toBe(9500);
      return { db, provider, payment: p };
    }

    async function fire(calls: Call[], p: Awaited<ReturnType<typeof capturedPayment>>): Promise<Outcome[]> {
      return Promise.all(
        calls.map(({ key, amount }) =>
          refundPayment(p.db, p.provider, { paymentId: p.payment.id, amount, reason: 'test', idempotencyKey: key }).then(
            (r): Outcome => ({ key, amount, ok: true, ref: r.id }),
            (err): Outcome => ({ key, amount, ok: false, code: codeOf(err) }),
          ),
        ),
      );
    }

    /** Our books equal the provider's: succeeded refunds = payment's refunded = intent's refunded; nothing left half-done. */
    async function checkBooks(p: Awaited<ReturnType<typeof capturedPayment>>, keys: string[], refunded: number) {
      const [payment] = await t().db.select().from(payments).where(eq(payments.id, p.payment.id));
      const [intent] = await t().db.select().from(testProviderIntents).where(eq(testProviderIntents.id, payment!.providerRef!));
      const rows = await t().db.select().from(refunds).where(inArray(refunds.idempotencyKey, keys));
      expect(rows.filter((r) => r.status !== 'succeeded'), 'refund rows left pending or failed').toEqual([]);
      expect(rows.reduce((n, r) => n + r.amount, 0)).toBe(refunded);
      expect(payment!.amountRefunded).toBe(refunded);
      expect(intent!.amountRefunded).toBe(refunded);
      expect(payment!.status).toBe(refunded === 0 ? 'captured' : refunded === payment!.amountCaptured ? 'refunded' : 'partially_refunded');
    }

    it('20 refunds at once over 6 keys of 40.00 on 95.00 captured: exactly 2 keys refund, once each', async () => {
      const p = await capturedPayment();
      const keys = Array.from({ length: 6 }, (_, i) => ({ key: `svc-${p.payment.id}-${i}`, amount: 4000 }));
      const { refunded, succeeded } = checkOutcomes(await fire(spread(keys, 20, 11), p), 9500, 'refund_exceeds_captured');
      expect(succeeded).toHaveLength(2);
      await checkBooks(p, keys.map((k) => k.key), refunded);
    });

    it('randomised amounts and repeats: our books and the provider agree and never pass what was captured', async () => {
      await fc.assert(
        fc.asyncProperty(fc.array(fc.integer({ min: 1, max: 6_000 }), { minLength: 1, maxLength: 10 }), fc.integer({ min: 0, max: 1_000_000 }), async (amounts, seed) => {
          const p = await capturedPayment();
          const keys = amounts.map((amount, i) => ({ key: `svc-${p.payment.id}-${i}`, amount }));
          const { refunded } = checkOutcomes(await fire(spread(keys, 20, seed), p), 9500, 'refund_exceeds_captured');
          await checkBooks(p, keys.map((k) => k.key), refunded);
        }),
        { numRuns: backend === 'postgres' ? 20 : 6, endOnFailure: true },
      );
    });
  });
});
