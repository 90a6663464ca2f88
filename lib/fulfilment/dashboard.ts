import 'server-only';
import { and, asc, eq, gte, inArray, notInArray, sql } from 'drizzle-orm';
import { orders, storeOrders, type OrderStatus } from '@/db/schema/orders';
import type { DbOrTx } from '@/lib/platform/db';
import type { StoreScope } from '@/lib/seller-catalog/scope';
import { OPEN_STATUSES } from './status';

/**
 * The seller dashboard's figures, all scoped by the store and computed from the store orders
 * on the (store_id, created_at) and (store_id, status, created_at) indexes; no rollup table:
 * 30 days of a store with 50,000 orders a year is a few thousand index entries (README,
 * "Seller orders" has the measured times). Days are UTC days, like every date in the portal.
 *
 * Sales are net: a store order's total minus what was refunded of it, for store orders that
 * were paid. Unpaid ones (placed) and cancelled ones (never captured, or cancelled in full and
 * refunded, which nets to 0) are left out.
 */

const NOT_SALES: OrderStatus[] = ['placed', 'cancelled'];
const DAY = 86_400_000;

export const utcDayStart = (d: Date) => new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));

export type SalesFigure = { amount: number; orders: number };
export type SalesSummary = { currency: string; today: SalesFigure; last7: SalesFigure; last30: SalesFigure };

/** Net sales today, over the last 7 days and the last 30 days (today included), per currency, the store's main one first. */
export async function getSalesSummary(db: DbOrTx, scope: StoreScope, now = new Date()): Promise<SalesSummary[]> {
  const today = utcDayStart(now);
  const from7 = new Date(today.getTime() - 6 * DAY);
  const from30 = new Date(today.getTime() - 29 * DAY);
  const net = sql`${storeOrders.total} - ${storeOrders.refundedTotal}`;
  const rows = await db
    .select({
      currency: storeOrders.currency,
      today: sql<number>`coalesce(sum(${net}) filter (where ${storeOrders.createdAt} >= ${today.toISOString()}::timestamptz), 0)::int`,
      todayOrders: sql<number>`(count(*) filter (where ${storeOrders.createdAt} >= ${today.toISOString()}::timestamptz))::int`,
      last7: sql<number>`coalesce(sum(${net}) filter (where ${storeOrders.createdAt} >= ${from7.toISOString()}::timestamptz), 0)::int`,
      last7Orders: sql<number>`(count(*) filter (where ${storeOrders.createdAt} >= ${from7.toISOString()}::timestamptz))::int`,
      last30: sql<number>`coalesce(sum(${net}), 0)::int`,
      last30Orders: sql<number>`count(*)::int`,
    })
    .from(storeOrders)
    .where(and(eq(storeOrders.storeId, scope.storeId), gte(storeOrders.createdAt, from30), notInArray(storeOrders.status, NOT_SALES)))
    .groupBy(storeOrders.currency);
  return rows
    .sort((a, b) => b.last30Orders - a.last30Orders || a.currency.localeCompare(b.currency))
    .map((r) => ({
      currency: r.currency,
      today: { amount: r.today, orders: r.todayOrders },
      last7: { amount: r.last7, orders: r.last7Orders },
      last30: { amount: r.last30, orders: r.last30Orders },
    }));
}

export type DailySales = { day: string; amount: number; orders: number };

/** Net sales per UTC day for the last `days` days (oldest first, days without sales as 0), in `currency`. */
export async function getDailySales(db: DbOrTx, scope: StoreScope, currency: string, days = 30, now = new Date()): Promise<DailySales[]> {
  const today = utcDayStart(now);
  const from = new Date(today.getTime() - (days - 1) * DAY);
  const day = sql<string>`to_char(date_trunc('day', ${storeOrders.createdAt} at time zone 'UTC'), 'YYYY-MM-DD')`;
  const rows = await db
    .select({ day, amount: sql<number>`sum(${storeOrders.total} - ${storeOrders.refundedTotal})::int`, orders: sql<number>`count(*)::int` })
    .from(storeOrders)
    .where(and(eq(storeOrders.storeId, scope.storeId), gte(storeOrders.createdAt, from), notInArray(storeOrders.status, NOT_SALES), eq(storeOrders.currency, currency)))
    .groupBy(day);
  const byDay = new Map(rows.map((r) => [r.day, r]));
  return Array.from({ length: days }, (_, i) => {
    const d = new Date(from.getTime() + i * DAY).toISOString().slice(0, 10);
    return { day: d, amount: byDay.get(d)?.amount ?? 0, orders: byDay.get(d)?.orders ?? 0 };
  });
}

export type TopProduct = { productId: string | null; title: string; units: number; revenue: number };

/**
 * Best sellers over the last `days` days by revenue (units at their frozen price, cancelled
 * units left out). The store's order ids come first from its index and the lines are fetched
 * by them (order_items has no store column): a join lets the planner scan every line of the
 * marketplace when a store is large.
 */
export async function getTopProducts(db: DbOrTx, scope: StoreScope, currency: string, opts: { days?: number; limit?: number; now?: Date } = {}): Promise<TopProduct[]> {
  const from = new Date(utcDayStart(opts.now ?? new Date()).getTime() - ((opts.days ?? 30) - 1) * DAY);
  const rows = await db.execute<{ product_id: string | null; title: string; units: number; revenue: number }>(sql`
    select i.product_id, min(i.title) as title,
      sum(i.quantity - i.quantity_cancelled)::int as units,
      sum(i.unit_price * (i.quantity - i.quantity_cancelled))::int as revenue
    from order_items i
    where i.store_order_id = any(array(
      select so.id from store_orders so
      where so.store_id = ${scope.storeId} and so.created_at >= ${from.toISOString()}::timestamptz
        and so.status not in ('placed', 'cancelled') and so.currency = ${currency}))
    group by i.product_id, case when i.product_id is null then i.title end
    having sum(i.quantity - i.quantity_cancelled) > 0
    order by revenue desc, units desc, title
    limit ${Math.min(Math.max(opts.limit ?? 5, 1), 50)}`);
  return rows.rows.map((r) => ({ productId: r.product_id, title: r.title, units: Number(r.units), revenue: Number(r.revenue) }));
}

export type PendingFulfilment = { id: string; number: string; orderNumber: string; status: OrderStatus; createdAt: Date; currency: string; total: number; customerName: string };

/** Store orders waiting to ship, the longest-waiting first, and how many there are. */
export async function getPendingFulfilments(db: DbOrTx, scope: StoreScope, limit = 8): Promise<{ count: number; items: PendingFulfilment[] }> {
  const where = and(eq(storeOrders.storeId, scope.storeId), inArray(storeOrders.status, [...OPEN_STATUSES]));
  const [[c], items] = await Promise.all([
    db.select({ n: sql<number>`count(*)::int` }).from(storeOrders).where(where),
    db
      .select({
        id: storeOrders.id,
        number: storeOrders.number,
        orderNumber: orders.number,
        status: storeOrders.status,
        createdAt: storeOrders.createdAt,
        currency: storeOrders.currency,
        total: storeOrders.total,
        customerName: sql<string>`coalesce(${orders.shippingAddress}->>'name', '')`,
      })
      .from(storeOrders)
      .innerJoin(orders, eq(orders.id, storeOrders.orderId))
      .where(where)
      .orderBy(asc(storeOrders.createdAt), asc(storeOrders.id))
      .limit(limit),
  ]);
  return { count: c?.n ?? 0, items };
}
