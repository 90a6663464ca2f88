import 'server-only';
import { and, asc, desc, eq, or, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { AddressSnapshot } from '@/db/schema/checkout';
import { checkouts } from '@/db/schema/checkout';
import { orderEvents, orderItems, orders, storeOrders, type OrderStatus } from '@/db/schema/orders';
import { payments, refunds, type PaymentStatus } from '@/db/schema/payments';
import { stores } from '@/db/schema/sellers';
import type { DbOrTx } from '@/lib/platform/db';
import { pgArray } from '@/lib/platform/sql';
import { normalizeOrderNumber } from './lookup';

/**
 * Reads for the order pages (tracking, confirmation, history, guest lookup). They take the
 * database as an argument and do no authorization: the pages decide with `canViewOrder`
 * (lib/orders/access.ts) before showing anything. Orders are private and per request, so
 * nothing here is cached.
 */

export type OrderLine = {
  id: string;
  storeOrderId: string;
  productId: string | null;
  title: string;
  variantTitle: string;
  sku: string;
  imageUrl: string | null;
  unitPrice: number;
  quantity: number;
  quantityFulfilled: number;
  quantityCancelled: number;
  lineTotal: number;
};

export type StoreOrderView = {
  id: string;
  number: string;
  storeId: string;
  storeName: string;
  storeSlug: string;
  status: OrderStatus;
  subtotal: number;
  shippingTotal: number;
  taxTotal: number;
  discountTotal: number;
  total: number;
  refundedTotal: number;
  shippingMethod: { name: string; minDays: number; maxDays: number };
  items: OrderLine[];
};

export type OrderEventView = {
  id: string;
  type: string;
  message: string;
  data: Record<string, unknown> | null;
  storeOrderId: string | null;
  createdAt: Date;
};

export type OrderDetail = {
  id: string;
  number: string;
  email: string;
  userId: string | null;
  status: OrderStatus;
  currency: string;
  subtotal: number;
  shippingTotal: number;
  taxTotal: number;
  discountTotal: number;
  total: number;
  refundedTotal: number;
  shippingAddress: AddressSnapshot;
  billingAddress: AddressSnapshot | null;
  placedAt: Date;
  paidAt: Date | null;
  cancelledAt: Date | null;
  stores: StoreOrderView[];
  /** The timeline, oldest first. */
  events: OrderEventView[];
  payment: { status: PaymentStatus; provider: string; methodLabel: string | null; amount: number; amountCaptured: number; amountRefunded: number } | null;
  refunds: { id: string; amount: number; reason: string; status: 'pending' | 'succeeded' | 'failed'; storeOrderId: string | null; createdAt: Date; settledAt: Date | null }[];
};

// Events written in one transaction share a timestamp: the lifecycle order breaks the tie.
const LIFECYCLE: Record<string, number> = { placed: 0, paid: 1, shipped: 2, delivered: 3, partially_refunded: 4, refunded: 5, cancelled: 6 };
const rank = (type: string) => LIFECYCLE[type] ?? 2.5;

async function loadDetail(db: DbOrTx, where: ReturnType<typeof eq>): Promise<OrderDetail | null> {
  const [o] = await db.select().from(orders).where(where).limit(1);
  if (!o) return null;
  const [parts, lines, events, [pay]] = await Promise.all([
    db
      .select({
        id: storeOrders.id,
        number: storeOrders.number,
        storeId: storeOrders.storeId,
        storeName: stores.name,
        storeSlug: stores.slug,
        status: storeOrders.status,
        subtotal: storeOrders.subtotal,
        shippingTotal: storeOrders.shippingTotal,
        taxTotal: storeOrders.taxTotal,
        discountTotal: storeOrders.discountTotal,
        total: storeOrders.total,
        refundedTotal: storeOrders.refundedTotal,
        shippingMethod: storeOrders.shippingMethod,
      })
      .from(storeOrders)
      .innerJoin(stores, eq(stores.id, storeOrders.storeId))
      .where(eq(storeOrders.orderId, o.id))
      .orderBy(asc(storeOrders.number)),
    db
      .select({
        id: orderItems.id,
        storeOrderId: orderItems.storeOrderId,
        productId: orderItems.productId,
        title: orderItems.title,
        variantTitle: orderItems.variantTitle,
        sku: orderItems.sku,
        imageUrl: orderItems.imageUrl,
        unitPrice: orderItems.unitPrice,
        quantity: orderItems.quantity,
        quantityFulfilled: orderItems.quantityFulfilled,
        quantityCancelled: orderItems.quantityCancelled,
        lineTotal: orderItems.lineTotal,
      })
      .from(orderItems)
      .where(eq(orderItems.orderId, o.id))
      .orderBy(asc(orderItems.title), asc(orderItems.variantTitle), asc(orderItems.id)),
    db
      .select({ id: orderEvents.id, type: orderEvents.type, message: orderEvents.message, data: orderEvents.data, storeOrderId: orderEvents.storeOrderId, createdAt: orderEvents.createdAt })
      .from(orderEvents)
      .where(eq(orderEvents.orderId, o.id))
      .orderBy(asc(orderEvents.createdAt), asc(orderEvents.id)),
    db
      .select({
        id: payments.id,
        status: payments.status,
        provider: payments.provider,
        methodLabel: checkouts.paymentMethodLabel,
        amount: payments.amount,
        amountCaptured: payments.amountCaptured,
        amountRefunded: payments.amountRefunded,
      })
      .from(payments)
      .innerJoin(checkouts, eq(checkouts.id, payments.checkoutId))
      .where(eq(payments.checkoutId, o.checkoutId))
      .limit(1),
  ]);
  const refundRows = await db
    .select({ id: refunds.id, amount: refunds.amount, reason: refunds.reason, status: refunds.status, storeOrderId: refunds.storeOrderId, createdAt: refunds.createdAt, settledAt: refunds.settledAt })
    .from(refunds)
    .where(pay ? or(eq(refunds.orderId, o.id), eq(refunds.paymentId, pay.id)) : eq(refunds.orderId, o.id))
    .orderBy(asc(refunds.createdAt), asc(refunds.id));
  return {
    id: o.id,
    number: o.number,
    email: o.email,
    userId: o.userId,
    status: o.status,
    currency: o.currency,
    subtotal: o.subtotal,
    shippingTotal: o.shippingTotal,
    taxTotal: o.taxTotal,
    discountTotal: o.discountTotal,
    total: o.total,
    refundedTotal: o.refundedTotal,
    shippingAddress: o.shippingAddress,
    billingAddress: o.billingAddress,
    placedAt: o.placedAt,
    paidAt: o.paidAt,
    cancelledAt: o.cancelledAt,
    stores: parts.map((p) => ({
      ...p,
      shippingMethod: { name: p.shippingMethod.name, minDays: p.shippingMethod.minDays, maxDays: p.shippingMethod.maxDays },
      items: lines.filter((l) => l.storeOrderId === p.id),
    })),
    // Stable sort: same-instant events in lifecycle order, otherwise as recorded.
    events: events.map((e, i) => ({ e, i })).sort((a, b) => a.e.createdAt.getTime() - b.e.createdAt.getTime() || rank(a.e.type) - rank(b.e.type) || a.i - b.i).map(({ e }) => e),
    payment: pay ? { status: pay.status, provider: pay.provider, methodLabel: pay.methodLabel, amount: pay.amount, amountCaptured: pay.amountCaptured, amountRefunded: pay.amountRefunded } : null,
    refunds: refundRows,
  };
}

/** An order with its store orders, lines, timeline, payment and refunds; null when there is none. */
export async function getOrderByNumber(db: DbOrTx, number: string): Promise<OrderDetail | null> {
  const n = normalizeOrderNumber(number);
  return n ? loadDetail(db, eq(orders.number, n)) : null;
}

export async function getOrderById(db: DbOrTx, id: string): Promise<OrderDetail | null> {
  return z.uuid().safeParse(id).success ? loadDetail(db, eq(orders.id, id)) : null;
}

/**
 * The guest lookup: the order's id, number and email when both the number and the email (any
 * case) match, otherwise null, whichever of the two was wrong.
 */
export async function findOrderForLookup(db: DbOrTx, number: string, email: string): Promise<{ id: string; number: string; email: string } | null> {
  const n = normalizeOrderNumber(number);
  const e = email.trim().toLowerCase();
  if (!n || !e || e.length > 254) return null;
  const [row] = await db
    .select({ id: orders.id, number: orders.number, email: orders.email })
    .from(orders)
    .where(and(eq(orders.number, n), sql`lower(${orders.email}) = ${e}`))
    .limit(1);
  return row ?? null;
}

// ---- Order history ----

export type OrderSummary = {
  id: string;
  number: string;
  status: OrderStatus;
  placedAt: Date;
  currency: string;
  total: number;
  /** Units across all lines. */
  itemCount: number;
  /** Up to four lines to show as thumbnails. */
  previews: { title: string; imageUrl: string | null }[];
  /** Lines not among the previews. */
  moreLines: number;
};

// Postgres keeps microseconds; a JS Date would round them off and the keyset would skip rows.
const cursorSchema = z.object({ t: z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/), id: z.uuid() });
type Cursor = z.infer<typeof cursorSchema>;

export const encodeOrderCursor = (c: Cursor) => Buffer.from(JSON.stringify(c)).toString('base64url');

/** Anything malformed or tampered reads as "no cursor" (the first page). */
export function decodeOrderCursor(raw: string | null | undefined): Cursor | undefined {
  if (!raw || raw.length > 200 || !/^[A-Za-z0-9_-]+$/.test(raw)) return undefined;
  try {
    const parsed = cursorSchema.safeParse(JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')));
    if (!parsed.success) return undefined;
    // Impossible dates (2024-02-31) would make Postgres raise an error.
    const d = new Date(parsed.data.t);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 19) === parsed.data.t.slice(0, 19) ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

const PREVIEWS = 4;
export const ORDER_PAGE_SIZE = 10;

/** A user's orders, newest first, keyset-paginated by (placed_at, id). */
export async function listOrdersForUser(
  db: DbOrTx,
  userId: string,
  opts: { cursor?: string | null; limit?: number } = {},
): Promise<{ items: OrderSummary[]; nextCursor: string | null }> {
  const limit = Math.min(Math.max(Math.trunc(opts.limit ?? ORDER_PAGE_SIZE) || ORDER_PAGE_SIZE, 1), 50);
  const cursor = decodeOrderCursor(opts.cursor);
  const rows = await db
    .select({
      id: orders.id,
      number: orders.number,
      status: orders.status,
      placedAt: orders.placedAt,
      currency: orders.currency,
      total: orders.total,
      cursorTime: sql<string>`to_char(${orders.placedAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`,
    })
    .from(orders)
    .where(and(eq(orders.userId, userId), cursor ? sql`(${orders.placedAt}, ${orders.id}) < (${cursor.t}::timestamptz, ${cursor.id}::uuid)` : undefined))
    .orderBy(desc(orders.placedAt), desc(orders.id))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  const lines = page.length
    ? await db
        .select({ orderId: orderItems.orderId, title: orderItems.title, imageUrl: orderItems.imageUrl, quantity: orderItems.quantity })
        .from(orderItems)
        .where(sql`${orderItems.orderId} = any(${pgArray(page.map((r) => r.id), 'uuid')})`)
        .orderBy(asc(orderItems.orderId), asc(orderItems.title), asc(orderItems.id))
    : [];
  const last = page.at(-1);
  return {
    items: page.map((r) => {
      const mine = lines.filter((l) => l.orderId === r.id);
      return {
        id: r.id,
        number: r.number,
        status: r.status,
        placedAt: r.placedAt,
        currency: r.currency,
        total: r.total,
        itemCount: mine.reduce((n, l) => n + l.quantity, 0),
        previews: mine.slice(0, PREVIEWS).map((l) => ({ title: l.title, imageUrl: l.imageUrl })),
        moreLines: Math.max(0, mine.length - PREVIEWS),
      };
    }),
    nextCursor: rows.length > limit && last ? encodeOrderCursor({ t: last.cursorTime, id: last.id }) : null,
  };
}
