import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { orderLineCancellations, shipments } from '@/db/schema/fulfilment';
import { orderItems, storeOrders } from '@/db/schema/orders';
import { refunds } from '@/db/schema/payments';
import { can, type Permission } from '@/lib/accounts/permissions';
import type { SignedInActor } from '@/lib/accounts/session';
import { setPaymentProviderForTests } from '@/lib/payments/registry';
import { createTestProvider } from '@/lib/payments/test-provider';
import type { Db } from '@/lib/platform/db';
import { ForbiddenError } from '@/lib/platform/errors';
import { storeScope } from '@/lib/seller-catalog/scope';
import { insertSellable } from '@/test/checkout-fixtures';
import { BACKENDS, useTestDatabase } from '@/test/db';
import { cancelLineAction, fulfilOrderAction, markDeliveredAction, retryRefundAction } from './actions';
import { cancelOrderLine } from './cancellations';
import { getSellerOrder, listSellerOrders } from './queries';
import { createShipment } from './shipments';
import { insertStoreMember, sagaBuyer } from './test-fixtures';

// The actions authorize from the session: here the session is whoever `signedIn` says.
let signedIn: SignedInActor | null = null;
vi.mock('@/lib/accounts/session', () => ({
  requirePermission: async (permission: Permission) => {
    if (!signedIn) throw new Error('NEXT_REDIRECT (sign-in)');
    if (!can(signedIn, permission)) throw new Error('NEXT_HTTP_ERROR_FALLBACK;403');
    return signedIn;
  },
}));

const g = globalThis as unknown as { __marketplaceDb?: Promise<{ db: Db; close: () => Promise<void> }> };

/**
 * Seller A against store B's orders, shipments and cancellations: every read and every action,
 * with B's real ids, ids B never had, and A's own ids mixed with B's. One table; each row is a
 * case. A store the actor doesn't belong to is 403; another store's id under A's own store is
 * "not found" (nothing tells whether it exists).
 */
describe.each(BACKENDS)('seller orders: tenant isolation (%s)', (backend) => {
  const t = useTestDatabase(backend, { poolSize: 10 });
  let buyer: ReturnType<typeof sagaBuyer>;
  let A: { storeId: string; member: Awaited<ReturnType<typeof insertStoreMember>>; so: string; line: string; number: string };
  let B: { storeId: string; member: Awaited<ReturnType<typeof insertStoreMember>>; so: string; line: string; shipment: string; cancellation: string; number: string };
  const actorOf = (m: { userId: string; actor: { stores: Record<string, 'owner' | 'staff'> } }): SignedInActor => ({ userId: m.userId, role: 'shopper', stores: m.actor.stores, email: 'x@example.com', name: null });

  beforeAll(async () => {
    const provider = createTestProvider(t().db, { timeoutMs: 20 });
    buyer = sagaBuyer(t().db, provider);
    setPaymentProviderForTests(provider);
    g.__marketplaceDb = Promise.resolve({ db: t().db, close: async () => {} });
    const fa = await insertSellable(t().db, [10, 10]);
    const fb = await insertSellable(t().db, [10, 10]);
    const ma = await insertStoreMember(t().db, fa.storeId, 'staff');
    const mb = await insertStoreMember(t().db, fb.storeId);
    // One order with a part from each store: the ids sit side by side.
    const bought = await buyer.buy([
      { f: fa, lines: [{ quantity: 3 }] },
      { f: fb, lines: [{ quantity: 4 }] },
    ]);
    const [soA, soB] = bought.storeOrders as [typeof bought.storeOrders[0], typeof bought.storeOrders[0]];
    const lineB = bought.lines(soB.id)[0]!.id;
    const shipB = await createShipment(t().db, mb.scope, { storeOrderId: soB.id, carrier: 'ups', carrierName: '', trackingNumber: '1Z999AA10000000042', items: [{ orderItemId: lineB, quantity: 1 }] });
    const cancelB = await cancelOrderLine(t().db, mb.scope, { storeOrderId: soB.id, orderItemId: lineB, quantity: 1, seq: 1, reason: 'out_of_stock', note: '' });
    A = { storeId: fa.storeId, member: ma, so: soA.id, line: bought.lines(soA.id)[0]!.id, number: bought.order.number };
    B = { storeId: fb.storeId, member: mb, so: soB.id, line: lineB, shipment: shipB.shipmentId, cancellation: cancelB.cancellation.id, number: bought.order.number };
  });
  afterAll(() => {
    buyer?.done();
    setPaymentProviderForTests(undefined);
    g.__marketplaceDb = undefined;
  });

  const snapshotB = async () => ({
    lines: await t().db.select().from(orderItems).where(eq(orderItems.storeOrderId, B.so)),
    so: await t().db.select().from(storeOrders).where(eq(storeOrders.id, B.so)),
    shipments: await t().db.select().from(shipments).where(eq(shipments.storeOrderId, B.so)),
    cancellations: await t().db.select().from(orderLineCancellations).where(eq(orderLineCancellations.storeOrderId, B.so)),
    refunds: await t().db.select({ n: sql<number>`count(*)::int` }).from(refunds),
  });

  const fulfil = (storeId: () => string, storeOrderId: () => string, line: () => string) => () =>
    fulfilOrderAction({ storeId: storeId(), storeOrderId: storeOrderId(), carrier: 'ups', trackingNumber: `1Z999AA1${String(Math.floor(Math.random() * 1e10)).padStart(10, '0')}`, items: [{ orderItemId: line(), quantity: 1 }] });
  const cancel = (storeId: () => string, storeOrderId: () => string, line: () => string) => () =>
    cancelLineAction({ storeId: storeId(), storeOrderId: storeOrderId(), orderItemId: line(), quantity: 1, seq: 2, reason: 'out_of_stock' });
  const unknown = randomUUID();

  // [case, call, expected code]
  const cases: [string, () => Promise<{ ok: boolean; code?: string }>, 'not_found' | 'forbidden'][] = [
    ['fulfil: B’s store order under A', fulfil(() => A.storeId, () => B.so, () => B.line), 'not_found'],
    ['fulfil: A’s store order with B’s line', fulfil(() => A.storeId, () => A.so, () => B.line), 'not_found'],
    ['fulfil: naming store B', fulfil(() => B.storeId, () => B.so, () => B.line), 'forbidden'],
    ['fulfil: an id that never existed', fulfil(() => A.storeId, () => unknown, () => A.line), 'not_found'],
    ['cancel: B’s store order under A', cancel(() => A.storeId, () => B.so, () => B.line), 'not_found'],
    ['cancel: A’s store order with B’s line', cancel(() => A.storeId, () => A.so, () => B.line), 'not_found'],
    ['cancel: naming store B', cancel(() => B.storeId, () => B.so, () => B.line), 'forbidden'],
    ['delivered: B’s shipment under A', () => markDeliveredAction({ storeId: A.storeId, shipmentId: B.shipment }), 'not_found'],
    ['delivered: naming store B', () => markDeliveredAction({ storeId: B.storeId, shipmentId: B.shipment }), 'forbidden'],
    ['retry refund: B’s cancellation under A', () => retryRefundAction({ storeId: A.storeId, cancellationId: B.cancellation }), 'not_found'],
    ['retry refund: naming store B', () => retryRefundAction({ storeId: B.storeId, cancellationId: B.cancellation }), 'forbidden'],
  ];

  it.each(cases)('action, %s → %s, nothing changes', async (_name, call, code) => {
    signedIn = actorOf(A.member);
    const before = await snapshotB();
    const r = await call();
    expect(r).toMatchObject({ ok: false, code });
    expect(await snapshotB()).toEqual(before);
  });

  it('pages: B’s order is not in A’s list, search or detail', async () => {
    const scopeA = A.member.scope;
    expect(await getSellerOrder(t().db, scopeA, B.so)).toBeNull();
    const list = await listSellerOrders(t().db, scopeA, { filter: 'all' });
    expect(list.items.map((i) => i.id)).toEqual([A.so]);
    // The shared order number finds only A's part.
    expect((await listSellerOrders(t().db, scopeA, { filter: 'all', q: `${B.number}-2` })).items).toEqual([]);
    expect((await listSellerOrders(t().db, scopeA, { filter: 'all', q: B.number })).items.map((i) => i.id)).toEqual([A.so]);
    // A scope for a store the actor doesn't belong to can't be made.
    expect(() => storeScope(A.member.actor, B.storeId)).toThrow(ForbiddenError);
  });

  it('the same actions work for A’s own order (staff may fulfil and cancel)', async () => {
    signedIn = actorOf(A.member);
    expect(await fulfil(() => A.storeId, () => A.so, () => A.line)()).toMatchObject({ ok: true, data: { status: 'partially_fulfilled', created: true } });
    expect(await cancelLineAction({ storeId: A.storeId, storeOrderId: A.so, orderItemId: A.line, quantity: 1, seq: 1, reason: 'out_of_stock' })).toMatchObject({ ok: true, data: { refund: 'refunded', amount: 1000 } });
  });

  it('signed out or without a store, the actions never reach the services', async () => {
    signedIn = null;
    await expect(fulfil(() => A.storeId, () => A.so, () => A.line)()).rejects.toThrow(/NEXT_REDIRECT/);
    signedIn = { userId: randomUUID(), role: 'shopper', stores: {}, email: 'shopper@example.com', name: null };
    await expect(cancel(() => A.storeId, () => A.so, () => A.line)()).rejects.toThrow(/403/);
  });

  it('bad input is a 4xx result with field errors, not an exception', async () => {
    signedIn = actorOf(A.member);
    const r = await fulfilOrderAction({ storeId: A.storeId, storeOrderId: A.so, carrier: 'ups', trackingNumber: 'nope', items: [] });
    expect(r).toMatchObject({ ok: false, code: 'invalid_input', fieldErrors: { trackingNumber: [expect.any(String)], items: [expect.any(String)] } });
  });
});
