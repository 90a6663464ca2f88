import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { users } from '@/db/schema/accounts';
import { flashSaleReconciliations, flashSales } from '@/db/schema/flash-sales';
import { inventoryLevels } from '@/db/schema/inventory';
import { can, type Actor, type Permission } from '@/lib/accounts/permissions';
import type { Db } from '@/lib/platform/db';
import { insertStockFixture } from '@/test/fixtures';
import { BACKENDS, useTestDatabase } from '@/test/db';

/*
 * The admin and seller flash-sale actions through their real wrapper (zod → session → service):
 * the session and the database are this test's. A seller guessing another store's variant or
 * store id gets a refusal and nothing is written; a non-admin never reaches an admin action.
 */

const session = vi.hoisted(() => ({ actor: null as (Actor & { email: string; name: string | null }) | null, db: null as unknown }));

vi.mock('@/lib/accounts/session', () => ({
  getActor: async () => session.actor,
  requireUser: async () => {
    if (!session.actor) throw new Error('NEXT_REDIRECT;replace;/signin;307;');
    return session.actor;
  },
  requirePermission: async (permission: Permission, opts: { storeId?: string } = {}) => {
    if (!session.actor) throw new Error('NEXT_REDIRECT;replace;/signin;307;');
    if (!can(session.actor, permission, opts.storeId)) throw new Error('NEXT_HTTP_ERROR_FALLBACK;403');
    return session.actor;
  },
}));
vi.mock('next/cache', () => ({ updateTag: vi.fn(), revalidateTag: vi.fn() }));
vi.mock('@/lib/platform/db', async (importOriginal) => ({ ...(await importOriginal<typeof import('@/lib/platform/db')>()), getDb: async () => session.db }));
// The Postgres engine on the test database (no Redis needed for the wrappers).
vi.mock('./gate', async (importOriginal) => {
  const orig = await importOriginal<typeof import('./gate')>();
  return { ...orig, getStockGate: async () => orig.createStockGate(session.db as Db, { redis: null }) };
});

const actions = await import('./admin-actions');

const HOUR = 3600_000;

describe.each(BACKENDS)('flash sale admin and seller actions on %s', (backend) => {
  const t = useTestDatabase(backend);
  let mine: Awaited<ReturnType<typeof insertStockFixture>>;
  let theirs: Awaited<ReturnType<typeof insertStockFixture>>;
  let admin: Actor & { email: string; name: string };
  let seller: Actor & { email: string; name: string };
  let shopper: Actor & { email: string; name: string };

  beforeAll(async () => {
    mine = await insertStockFixture(t().db, [[{ onHand: 50, reserved: 0 }, { onHand: 5, reserved: 0 }]]);
    theirs = await insertStockFixture(t().db, [[{ onHand: 50, reserved: 0 }]]);
    const ids = [randomUUID(), randomUUID(), randomUUID()];
    await t().db.insert(users).values(ids.map((id, i) => ({ id, email: `${id}@example.com`, role: i === 0 ? ('admin' as const) : ('shopper' as const) })));
    admin = { userId: ids[0]!, role: 'admin', stores: {}, email: `${ids[0]}@example.com`, name: 'Admin' };
    seller = { userId: ids[1]!, role: 'shopper', stores: { [mine.storeId]: 'owner' }, email: `${ids[1]}@example.com`, name: 'Seller' };
    shopper = { userId: ids[2]!, role: 'shopper', stores: {}, email: `${ids[2]}@example.com`, name: 'Shopper' };
  });
  beforeEach(() => {
    session.db = t().db;
    session.actor = null;
  });

  const form = (over: Record<string, string> = {}) => {
    const f = new FormData();
    const start = Date.now() + HOUR;
    const fields: Record<string, string> = {
      storeId: mine.storeId,
      variantId: mine.variantIds[0]!,
      locationId: mine.locationIds[0]!,
      currency: 'USD',
      allocation: '10',
      salePrice: '4.99',
      perCustomerLimit: '2',
      startsAt: new Date(start).toISOString(),
      endsAt: new Date(start + HOUR).toISOString(),
      ...over,
    };
    for (const [k, v] of Object.entries(fields)) f.set(k, v);
    return f;
  };
  const salesOf = async (variantId: string) => t().db.select().from(flashSales).where(eq(flashSales.variantId, variantId));

  it('a seller proposes for the store’s own variant; the decimal price is stored in minor units', async () => {
    session.actor = seller;
    const r = await actions.proposeFlashSaleAction(form());
    expect(r).toMatchObject({ ok: true, data: { status: 'proposed' } });
    const [sale] = (await salesOf(mine.variantIds[0]!)).filter((s) => s.id === (r.ok ? r.data.id : ''));
    expect(sale).toMatchObject({ storeId: mine.storeId, salePrice: 499, allocation: 10, perCustomerLimit: 2, createdBy: seller.userId, status: 'proposed' });
  });

  it('a seller guessing another store’s variant id is refused and nothing is written', async () => {
    session.actor = seller;
    const before = (await salesOf(theirs.variantIds[0]!)).length;
    // Own store id, foreign variant: the service finds no such variant in the store.
    expect(await actions.proposeFlashSaleAction(form({ variantId: theirs.variantIds[0]!, locationId: '' }))).toMatchObject({ ok: false, code: 'not_found' });
    // Foreign store id too: the session has no membership there.
    expect(await actions.proposeFlashSaleAction(form({ storeId: theirs.storeId, variantId: theirs.variantIds[0]!, locationId: theirs.locationIds[0]! }))).toMatchObject({
      ok: false,
      code: 'forbidden',
    });
    // Own variant, another store's location.
    expect(await actions.proposeFlashSaleAction(form({ locationId: theirs.locationIds[0]! }))).toMatchObject({ ok: false, code: 'not_found' });
    // A made-up id.
    expect(await actions.proposeFlashSaleAction(form({ variantId: randomUUID() }))).toMatchObject({ ok: false, code: 'not_found' });
    expect((await salesOf(theirs.variantIds[0]!)).length).toBe(before);
  });

  it('the store picker of a seller lists the store’s own variants only and refuses another store', async () => {
    session.actor = seller;
    const own = await actions.searchStoreVariantsAction({ storeId: mine.storeId, q: '' });
    expect(own.ok && own.data.map((v) => v.variantId)).toEqual(mine.variantIds);
    expect(own.ok && own.data[0]!.locations.map((l) => l.free)).toEqual([50, 5]);
    expect(await actions.searchStoreVariantsAction({ storeId: theirs.storeId, q: '' })).toMatchObject({ ok: false, code: 'forbidden' });
  });

  it('form errors come back per field, in words', async () => {
    session.actor = seller;
    const r = await actions.proposeFlashSaleAction(form({ salePrice: '4.999', allocation: '', endsAt: new Date(Date.now()).toISOString() }));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.fieldErrors?.salePrice).toEqual(['Enter the sale price as an amount like 19.99.']);
    expect(r.fieldErrors?.allocation).toEqual(['Enter the number of units as a whole number.']);
    // Refusals of the service carry their code (the form puts them beside the field).
    expect(await actions.proposeFlashSaleAction(form({ salePrice: '10.00' }))).toMatchObject({ ok: false, code: 'price_not_discounted' });
    expect(await actions.proposeFlashSaleAction(form({ allocation: '51' }))).toMatchObject({ ok: false, code: 'insufficient_stock' });
  });

  it('non-admins never reach the admin actions; anonymous callers are sent to sign in', async () => {
    const id = randomUUID();
    for (const actor of [seller, shopper]) {
      session.actor = actor;
      await expect(actions.reviewFlashSaleAction({ id, decision: 'approve' })).rejects.toThrow(/403/);
      await expect(actions.createFlashSaleAction(form())).rejects.toThrow(/403/);
      await expect(actions.reconcileFlashSaleAction({ id })).rejects.toThrow(/403/);
      await expect(actions.cancelFlashSaleAction({ id })).rejects.toThrow(/403/);
      await expect(actions.searchSaleVariantsAction({ q: 'SKU' })).rejects.toThrow(/403/);
    }
    session.actor = shopper;
    await expect(actions.proposeFlashSaleAction(form())).rejects.toThrow(/403/);
    session.actor = null;
    await expect(actions.proposeFlashSaleAction(form())).rejects.toThrow(/signin/);
  });

  it('review: rejecting needs a reason the seller then sees; approving schedules', async () => {
    session.actor = seller;
    const a = await actions.proposeFlashSaleAction(form());
    const b = await actions.proposeFlashSaleAction(form());
    if (!a.ok || !b.ok) throw new Error('proposals failed');
    session.actor = admin;
    const noReason = await actions.reviewFlashSaleAction({ id: a.data.id, decision: 'reject', reason: '  ' });
    expect(noReason).toMatchObject({ ok: false, fieldErrors: { reason: ['Say why the proposal is rejected.'] } });
    expect(await actions.reviewFlashSaleAction({ id: a.data.id, decision: 'reject', reason: 'Too deep a discount for launch week.' })).toMatchObject({ ok: true, data: { status: 'rejected' } });
    expect(await actions.reviewFlashSaleAction({ id: b.data.id, decision: 'approve' })).toMatchObject({ ok: true, data: { status: 'scheduled' } });
    const [rejected] = await t().db.select().from(flashSales).where(eq(flashSales.id, a.data.id));
    expect(rejected!.reviewNote).toBe('Too deep a discount for launch week.');
    // A decided proposal is not reviewed twice, and the seller can't withdraw a scheduled sale.
    expect(await actions.reviewFlashSaleAction({ id: b.data.id, decision: 'reject', reason: 'x' })).toMatchObject({ ok: false, code: 'invalid_transition' });
    session.actor = seller;
    expect(await actions.withdrawFlashSaleAction({ id: b.data.id })).toMatchObject({ ok: false, code: 'forbidden' });
  });

  it('a seller withdraws the store’s own proposal, not another store’s', async () => {
    session.actor = seller;
    const p = await actions.proposeFlashSaleAction(form());
    if (!p.ok) throw new Error('proposal failed');
    const other = { ...seller, userId: seller.userId, stores: { [theirs.storeId]: 'owner' as const } };
    session.actor = other;
    expect(await actions.withdrawFlashSaleAction({ id: p.data.id })).toMatchObject({ ok: false, code: 'forbidden' });
    session.actor = seller;
    expect(await actions.withdrawFlashSaleAction({ id: p.data.id })).toMatchObject({ ok: true, data: { status: 'cancelled' } });
  });

  it('admin: create, start now, reconcile (drift 0), cancel live (units back in stock)', async () => {
    session.actor = admin;
    const search = await actions.searchSaleVariantsAction({ q: 'sku-' });
    expect(search.ok && search.data.map((v) => v.variantId)).toEqual(expect.arrayContaining([...mine.variantIds, ...theirs.variantIds]));
    expect(await actions.searchSaleVariantsAction({ q: 'x' })).toEqual({ ok: true, data: [] });

    const onHand = async () => (await t().db.select({ n: inventoryLevels.onHand }).from(inventoryLevels).where(eq(inventoryLevels.variantId, theirs.variantIds[0]!)))[0]!.n;
    const stock = await onHand();
    const now = Date.now();
    const created = await actions.createFlashSaleAction(
      form({ storeId: '', variantId: theirs.variantIds[0]!, locationId: '', startsAt: new Date(now - 60_000).toISOString(), endsAt: new Date(now + HOUR).toISOString(), schedule: 'true' }),
    );
    expect(created).toMatchObject({ ok: true, data: { status: 'scheduled' } });
    if (!created.ok) return;
    const id = created.data.id;
    expect(await actions.reconcileFlashSaleAction({ id })).toMatchObject({ ok: false, code: 'not_started' });
    expect(await actions.startFlashSaleNowAction({ id })).toMatchObject({ ok: true, data: { status: 'live' } });
    expect(await onHand()).toBe(stock - 10);
    const rec = await actions.reconcileFlashSaleAction({ id });
    expect(rec).toMatchObject({ ok: true, data: { drift: 0 } });
    expect((await t().db.select().from(flashSaleReconciliations).where(eq(flashSaleReconciliations.saleId, id))).length).toBe(1);
    expect(await actions.cancelFlashSaleAction({ id })).toMatchObject({ ok: true, data: { returned: 10, settled: true } });
    expect(await onHand()).toBe(stock);
    expect(await actions.startFlashSaleNowAction({ id })).toMatchObject({ ok: false, code: 'not_scheduled' });
  });
});
