import { randomBytes } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { testProviderIntents, testProviderOperations, type TestProviderIntent } from '@/db/schema/payments';
import type { Db } from '@/lib/platform/db';
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

  /** Runs an operation once per idempotency key; a replay returns the stored result. */
  async function once<T>(key: string, intentId: string, kind: string, op: () => Promise<T>): Promise<T> {
    const [done] = await db.select().from(testProviderOperations).where(eq(testProviderOperations.idempotencyKey, key));
    if (done) {
      if (done.intentId !== intentId || done.kind !== kind) throw new TestProviderError('idempotency_key_in_use', 'Keys for idempotent requests can only be used with the same parameters.');
      return done.result as T;
    }
    const result = await op();
    await db.insert(testProviderOperations).values({ idempotencyKey: key, intentId, kind, result: result as object }).onConflictDoNothing();
    return result;
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
      return once(idempotencyKey, ref, 'capture', async () => {
        const [row] = await db
          .update(testProviderIntents)
          .set({ status: 'captured', amountCaptured: amount })
          .where(sql`${testProviderIntents.id} = ${ref} and ${testProviderIntents.status} = 'authorized' and ${amount} <= ${testProviderIntents.amount}`)
          .returning();
        if (row) return toState(row);
        const i = await load(ref);
        if (i.status === 'captured') return toState(i);
        throw new TestProviderError('payment_intent_unexpected_state', `This PaymentIntent could not be captured because it has a status of ${i.status}.`);
      });
    },

    async void(ref, idempotencyKey) {
      return once(idempotencyKey, ref, 'void', async () => {
        const [row] = await db
          .update(testProviderIntents)
          .set({ status: 'voided' })
          .where(sql`${testProviderIntents.id} = ${ref} and ${testProviderIntents.status} in ('authorized', 'requires_action')`)
          .returning();
        if (row) return toState(row);
        const i = await load(ref);
        if (i.status === 'voided' || i.status === 'failed') return toState(i);
        throw new TestProviderError('payment_intent_unexpected_state', `This PaymentIntent could not be canceled because it has a status of ${i.status}.`);
      });
    },

    async refund(ref, amount, idempotencyKey) {
      await maybeFail('provider.refund');
      return once(idempotencyKey, ref, 'refund', async () => {
        const [row] = await db
          .update(testProviderIntents)
          .set({ amountRefunded: sql`${testProviderIntents.amountRefunded} + ${amount}` })
          .where(sql`${testProviderIntents.id} = ${ref} and ${testProviderIntents.status} = 'captured' and ${testProviderIntents.amountRefunded} + ${amount} <= ${testProviderIntents.amountCaptured}`)
          .returning();
        if (!row) throw new TestProviderError('charge_already_refunded', 'The refund exceeds the captured amount.');
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
