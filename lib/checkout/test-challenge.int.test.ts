import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkouts } from '@/db/schema/checkout';
import { orders } from '@/db/schema/orders';
import { addItem, createCart } from '@/lib/cart/service';
import { createTestProvider } from '@/lib/payments/test-provider';
import { CARDS, insertSellable, testCheckoutRequest } from '@/test/checkout-fixtures';
import { startInProcessSaga, stopInProcessSaga } from '@/test/saga';
import { BACKENDS, useTestDatabase } from '@/test/db';
import { canViewCheckout } from './access';
import type { CheckoutRequest } from './inputs';
import { findCheckoutByKey, getCheckoutOwnership, getCheckoutPrefill, getTestChallenge } from './queries';
import { submitCheckout } from './service';
import { answerTestChallenge } from './test-challenge';

const request = (card: string = CARDS.ok): CheckoutRequest => testCheckoutRequest(card, 'buyer@example.com');

describe.each(BACKENDS)('checkout pages: 3-D Secure challenge and status access (%s)', (backend) => {
  const t = useTestDatabase(backend, { poolSize: 10 });

  beforeAll(() => {
    startInProcessSaga({ db: t().db, provider: createTestProvider(t().db, { timeoutMs: 20 }) });
  });
  afterAll(() => {
    stopInProcessSaga();
  });

  async function submit3ds(key: string) {
    const f = await insertSellable(t().db, [5]);
    const cartId = await createCart(t().db);
    await addItem(t().db, cartId, { variantId: f.variantIds[0]!, quantity: 1 });
    const { checkout } = await submitCheckout(t().db, { idempotencyKey: key, cartId, userId: null, request: request(CARDS.threeDS), wait: 20_000 });
    expect(checkout.status).toBe('requires_action');
    expect(checkout.actionUrl).toMatch(/^\/pay\/test\/ti_[0-9a-f]{24}$/);
    return { checkout, cartId, intentId: checkout.actionUrl!.split('/').pop()! };
  }

  const orderCount = async (checkoutId: string) => (await t().db.select().from(orders).where(eq(orders.checkoutId, checkoutId))).length;

  it('the challenge page shows the amount; completing it wakes the saga and places one order, however often it is answered', async () => {
    const { checkout, intentId } = await submit3ds('challenge-ok-0001');
    expect(await getTestChallenge(t().db, intentId)).toMatchObject({ intentId, status: 'requires_action', amount: checkout.total, currency: 'USD', cardLast4: '3155', checkoutId: checkout.id });

    expect(await answerTestChallenge(t().db, intentId, 'succeed', 20_000)).toEqual({ checkoutId: checkout.id });
    const [done] = await t().db.select().from(checkouts).where(eq(checkouts.id, checkout.id));
    expect(done!.status).toBe('completed');
    expect(await orderCount(checkout.id)).toBe(1);

    // A double click or a reload: nothing changes, and "fail" can no longer undo it.
    await answerTestChallenge(t().db, intentId, 'succeed', 20_000);
    await answerTestChallenge(t().db, intentId, 'fail', 20_000);
    expect((await getTestChallenge(t().db, intentId))!.status).toBe('captured');
    expect(await orderCount(checkout.id)).toBe(1);
  });

  it('failing the challenge fails the checkout (no order) and keeps what the shopper entered for the retry', async () => {
    const { checkout, intentId } = await submit3ds('challenge-fail-01');
    await answerTestChallenge(t().db, intentId, 'fail', 20_000);
    const [after] = await t().db.select().from(checkouts).where(eq(checkouts.id, checkout.id));
    expect(after).toMatchObject({ status: 'failed', failure: { code: 'authentication_failed' } });
    expect(await orderCount(checkout.id)).toBe(0);
    await answerTestChallenge(t().db, intentId, 'succeed', 20_000);
    expect((await getTestChallenge(t().db, intentId))!.status).toBe('failed');
    expect(await getCheckoutPrefill(t().db, checkout.id)).toMatchObject({
      email: 'buyer@example.com',
      shippingAddress: { name: 'Ada Buyer', country: 'US', region: 'CA' },
      failure: { code: 'authentication_failed' },
    });
  });

  it('unknown or malformed challenge ids find nothing (and never reach Postgres as a bad cast)', async () => {
    expect(await getTestChallenge(t().db, 'ti_000000000000000000000000')).toBeNull();
    expect(await getTestChallenge(t().db, "ti_'; drop table x; --")).toBeNull();
    await expect(answerTestChallenge(t().db, 'ti_000000000000000000000000', 'succeed')).rejects.toMatchObject({ code: 'not_found' });
    expect(await getCheckoutOwnership(t().db, 'not-a-uuid')).toBeNull();
    expect(await getCheckoutPrefill(t().db, '00000000-0000-4000-8000-000000000000')).toBeNull();
  });

  it('a checkout is visible to the guest whose cart it was made from (by id or by its key), and to nobody else', async () => {
    const { checkout, cartId } = await submit3ds('challenge-own-001');
    const owner = (await getCheckoutOwnership(t().db, checkout.id))!;
    expect(owner).toMatchObject({ id: checkout.id, userId: null, cartId, status: 'requires_action' });
    expect(await findCheckoutByKey(t().db, 'challenge-own-001')).toEqual(owner);
    expect(await findCheckoutByKey(t().db, 'no-such-key-000')).toBeNull();
    expect(canViewCheckout(owner, { userId: null, guestCartId: cartId })).toBe(true);
    expect(canViewCheckout(owner, { userId: null, guestCartId: null })).toBe(false);
    expect(canViewCheckout(owner, { userId: null, guestCartId: '00000000-0000-4000-8000-000000000000' })).toBe(false);
    expect(canViewCheckout(owner, { userId: 'someone', guestCartId: null })).toBe(false);
  });
});

describe('canViewCheckout', () => {
  const cartId = '11111111-1111-4111-8111-111111111111';
  it("a user's checkout is theirs alone, whatever cart cookie anyone carries", () => {
    const c = { userId: 'u1', cartId };
    expect(canViewCheckout(c, { userId: 'u1', guestCartId: null })).toBe(true);
    expect(canViewCheckout(c, { userId: 'u2', guestCartId: cartId })).toBe(false);
    expect(canViewCheckout(c, { userId: null, guestCartId: cartId })).toBe(false);
  });
});
