import { randomBytes } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { testProviderIntents, testProviderOperations, type TestProviderIntent, type TestProviderOperation } from '@/db/schema/payments';
import type { Db, Tx } from '@/lib/platform/db';
import { maybeFail } from '@/lib/platform/faults';
import { type AuthorizeInput, type AuthorizeResult, type PaymentProvider, type ProviderPaymentState, ProviderUnavailableError } from './provider';
import { parseTestToken } from './test-cards';

const toState = (i: TestProviderIntent): ProviderPaymentState => ({
  ref: i.id,
  paymentId: i.metadata.paymentId ?? null,
  status: i.status,
  amount: i.amount,
  amountCaptured: i.amountCaptured,
  amountRefunded: i.amountRefunded,
  actionUrl: i.status === 'requires_action' ? `/pay/test/${i.id}` : null,
  failureCode: i.status === 'failed' ? (i.metadata.failureCode ?? 'authentication_failed') : null,
  failureMessage: i.status === 'failed' ? (i.metadata.failureMessage ?? 'The card could not be authenticated.') : null,
});

/** A unique violation, under Drizzle's wrapper or not. */
function isUniqueViolation(err: unknown): boolean {
  for (let e: unknown = err, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    if ((e as { code?: string }).code === '23505') return true;
  }
  return false;
}

export class TestProviderError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'TestProviderError';
  }
}

/**
 * The built-in payment provider (DESIGN §3), with Stripe's semantics: intents with manual
 * capture, idempotency keys whose replay returns the first result, 3-D Secure through a
 * challenge page (`/pay/test/<id>`), and one card that times out after charging.
 * It keeps its own books in `test_provider_intents`, apart from our `payments`.
 */
export function createTestProvider(db: Db, opts: { timeoutMs?: number } = {}): PaymentProvider {
  const timeoutMs = opts.timeoutMs ?? 1500;

  async function load(ref: string): Promise<TestProviderIntent> {
    const [i] = await db.select().from(testProviderIntents).where(eq(testProviderIntents.id, ref));
    if (!i) throw new TestProviderError('resource_missing', `No such payment intent: ${ref}`);
    return i;
  }

  /**
   * Runs an operation once per idempotency key, atomically (Stripe's semantics, race included).
   * One transaction locks the intent row, so every operation on an intent queues behind the one
   * in flight; under that lock the key is looked up, the operation decides on the intent as it is
   * now, and its result is stored with the key. A concurrent call with the same key waits, then
   * replays the stored result. A call racing it with the same key on another intent loses on the
   * key's primary key and is answered from the stored row (a replay, or a key reused with other
   * parameters). A refused operation stores nothing, so it may be retried.
   */
  async function once<T extends object>(key: string, intentId: string, kind: string, op: (tx: Tx, intent: TestProviderIntent) => Promise<T>): Promise<T> {
    const replay = (done: TestProviderOperation): T => {
      if (done.intentId !== intentId || done.kind !== kind) throw new TestProviderError('idempotency_key_in_use', 'Keys for idempotent requests can only be used with the same parameters.');
      return done.result as T;
    };
    try {
      return await db.transaction(async (tx) => {
        const [intent] = await tx.select().from(testProviderIntents).where(eq(testProviderIntents.id, intentId)).for('update');
        const [done] = await tx.select().from(testProviderOperations).where(eq(testProviderOperations.idempotencyKey, key));
        if (done) return replay(done);
        if (!intent) throw new TestProviderError('resource_missing', `No such payment intent: ${intentId}`);
        const result = await op(tx, intent);
        await tx.insert(testProviderOperations).values({ idempotencyKey: key, intentId, kind, result });
        return result;
      });
    } catch (err) {
      if (!isUniqueViolation(err)) throw err;
      const [done] = await db.select().from(testProviderOperations).where(eq(testProviderOperations.idempotencyKey, key));
      if (!done) throw err;
      return replay(done);
    }
  }

  async function save(tx: Tx, id: string, set: Partial<typeof testProviderIntents.$inferInsert>): Promise<TestProviderIntent> {
    const [row] = await tx.update(testProviderIntents).set(set).where(eq(testProviderIntents.id, id)).returning();
    return row!;
  }

  return {
    name: 'test',

    async authorize(input: AuthorizeInput): Promise<AuthorizeResult> {
      await maybeFail('provider.authorize.before');
      const card = parseTestToken(input.paymentMethod);
      if (!card) return { ref: null, status: 'declined', declineCode: 'invalid_payment_method', message: 'That payment method is not valid.' };
      const key = `authorize:${input.paymentId}`;
      const [existing] = await db.select().from(testProviderIntents).where(eq(testProviderIntents.idempotencyKey, key));
      if (existing) return toState(existing); // an idempotent replay answers at once, like Stripe's
      if (card.behaviour === 'declined' || card.behaviour === 'insufficient_funds' || card.behaviour === 'unknown_card') {
        const message =
          card.behaviour === 'insufficient_funds'
            ? 'Your card has insufficient funds.'
            : card.behaviour === 'unknown_card'
              ? 'The test provider only accepts test cards (see the README).'
              : 'Your card was declined.';
        return { ref: null, status: 'declined', declineCode: card.behaviour === 'unknown_card' ? 'card_declined' : card.behaviour === 'declined' ? 'card_declined' : card.behaviour, message };
      }
      const id = `ti_${randomBytes(12).toString('hex')}`;
      const status = card.behaviour === 'requires_3ds' ? 'requires_action' : 'authorized';
      const [created] = await db
        .insert(testProviderIntents)
        .values({ id, idempotencyKey: key, amount: input.amount, currency: input.currency, cardLast4: card.last4, status, metadata: { checkoutId: input.checkoutId, paymentId: input.paymentId, returnUrl: input.returnUrl } })
        .onConflictDoNothing()
        .returning();
      const intent = created ?? (await db.select().from(testProviderIntents).where(eq(testProviderIntents.idempotencyKey, key)))[0]!;
      await maybeFail('provider.authorize.after-charge');
      if (card.behaviour === 'timeout_after_charge' && created) {
        await new Promise((r) => setTimeout(r, timeoutMs));
        throw new ProviderUnavailableError('The payment provider did not answer in time.');
      }
      return toState(intent);
    },

    async retrieve(ref) {
      return toState(await load(ref));
    },

    async findByPaymentId(paymentId) {
      const [i] = await db.select().from(testProviderIntents).where(eq(testProviderIntents.idempotencyKey, `authorize:${paymentId}`));
      return i ? toState(i) : null;
    },

    async capture(ref, amount, idempotencyKey) {
      await maybeFail('provider.capture');
      return once(idempotencyKey, ref, 'capture', async (tx, i) => {
        if (i.status === 'authorized' && amount <= i.amount) return toState(await save(tx, i.id, { status: 'captured', amountCaptured: amount }));
        if (i.status === 'captured') return toState(i);
        throw new TestProviderError('payment_intent_unexpected_state', `This PaymentIntent could not be captured because it has a status of ${i.status}.`);
      });
    },

    async void(ref, idempotencyKey) {
      return once(idempotencyKey, ref, 'void', async (tx, i) => {
        if (i.status === 'authorized' || i.status === 'requires_action') return toState(await save(tx, i.id, { status: 'voided' }));
        if (i.status === 'voided' || i.status === 'failed') return toState(i);
        throw new TestProviderError('payment_intent_unexpected_state', `This PaymentIntent could not be canceled because it has a status of ${i.status}.`);
      });
    },

    async refund(ref, amount, idempotencyKey) {
      await maybeFail('provider.refund');
      return once(idempotencyKey, ref, 'refund', async (tx, i) => {
        // Decided on the locked row: two refunds can't both see the same room left.
        if (i.status !== 'captured' || i.amountRefunded + amount > i.amountCaptured) throw new TestProviderError('charge_already_refunded', 'The refund exceeds the captured amount.');
        const row = await save(tx, i.id, { amountRefunded: i.amountRefunded + amount });
        return { refundRef: `tr_${randomBytes(10).toString('hex')}`, state: toState(row) };
      });
    },
  };
}

/** The simulated 3-D Secure challenge's outcome (the `/pay/test/<id>` page). */
export async function completeTestChallenge(db: Db, ref: string, outcome: 'succeed' | 'fail'): Promise<TestProviderIntent | null> {
  const [row] = await db
    .update(testProviderIntents)
    .set(
      outcome === 'succeed'
        ? { status: 'authorized' }
        : { status: 'failed', metadata: sql`${testProviderIntents.metadata} || '{"failureCode":"authentication_failed","failureMessage":"The 3-D Secure check failed."}'::jsonb` },
    )
    .where(sql`${testProviderIntents.id} = ${ref} and ${testProviderIntents.status} = 'requires_action'`)
    .returning();
  if (row) return row;
  const [i] = await db.select().from(testProviderIntents).where(eq(testProviderIntents.id, ref));
  return i ?? null;
}
