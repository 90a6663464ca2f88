import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { stores } from '@/db/schema/sellers';
import { BACKENDS, useTestDatabase } from '@/test/db';
import { getDailySales, getPendingFulfilments, getSalesSummary, getTopProducts } from './dashboard';
import { countOpenStoreOrders, getSellerOrder, listSellerOrders } from './queries';
import { insertBulkStoreOrders, insertStoreMember } from './test-fixtures';

/**
 * The seller's order list and dashboard for a store with 50,000 orders over a year (1–3 lines
 * each), beside three other stores with 30,000 each: every list, search and dashboard query
 * answers at that size. How fast is measured by `npm run bench` (bench/seller.ts), not here.
 */
const ORDERS = 50_000;

describe.each(BACKENDS)('seller orders at 50,000 orders (%s)', (backend) => {
  const t = useTestDatabase(backend);
  let seller: Awaited<ReturnType<typeof insertStoreMember>>;

  beforeAll(async () => {
    const ids = [randomUUID(), randomUUID(), randomUUID(), randomUUID()];
    await t().db.insert(stores).values(ids.map((id, i) => ({ id, slug: `perf-${i}-${id.slice(0, 6)}`, name: `Perf ${i}`, status: 'active' as const })));
    seller = await insertStoreMember(t().db, ids[0]!);
    await insertBulkStoreOrders(t().db, { storeId: ids[0]!, count: ORDERS });
    for (const id of ids.slice(1)) await insertBulkStoreOrders(t().db, { storeId: id, count: 30_000 });
    await t().db.execute(sql`analyze`);
  }, 900_000);

  it('lists, filters, searches, pages and aggregates at that size', async () => {
    const { db } = t();
    const scope = seller.scope;
    const first = await listSellerOrders(db, scope, { filter: 'all' });
    expect(first.items).toHaveLength(25);
    let cursor: string | undefined;
    for (let i = 0; i < 100; i++) cursor = (await listSellerOrders(db, scope, { filter: 'all', cursor })).nextCursor ?? undefined;
    expect(cursor).toBeDefined();
    const [{ number }] = (await db.execute<{ number: string }>(sql`select o.number from orders o join store_orders so on so.order_id = o.id where so.store_id = ${scope.storeId} order by so.created_at limit 1`)).rows as [{ number: string }];
    const one = first.items[10]!;
    const cases: [string, () => Promise<unknown>][] = [
      ['list: first page', () => listSellerOrders(db, scope, { filter: 'all' })],
      ['list: to ship', () => listSellerOrders(db, scope, { filter: 'open' })],
      ['list: delivered', () => listSellerOrders(db, scope, { filter: 'delivered' })],
      ['list: cancelled/refunded', () => listSellerOrders(db, scope, { filter: 'closed' })],
      ['list: page 100 (keyset)', () => listSellerOrders(db, scope, { filter: 'all', cursor })],
      ['list: search by number', () => listSellerOrders(db, scope, { filter: 'all', q: number })],
      ['list: search, no match', () => listSellerOrders(db, scope, { filter: 'all', q: 'MK-999999999' })],
      ['list: to-ship count', () => countOpenStoreOrders(db, scope)],
      ['order page', () => getSellerOrder(db, scope, one.id)],
      ['dashboard: sales summary', () => getSalesSummary(db, scope)],
      ['dashboard: daily sales', () => getDailySales(db, scope, 'USD')],
      ['dashboard: top products', () => getTopProducts(db, scope, 'USD')],
      ['dashboard: pending', () => getPendingFulfilments(db, scope)],
    ];
    for (const [name, fn] of cases) expect(await fn(), name).toBeTruthy();
    expect((await listSellerOrders(db, scope, { filter: 'all', q: number })).items).toHaveLength(1);
  }, 600_000);
});
