import 'server-only';
import { and, asc, desc, eq, inArray, isNull, or, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { AddressSnapshot } from '@/db/schema/checkout';
import { orderLineCancellations, shipmentItems, shipments, type LineCancellationStatus } from '@/db/schema/fulfilment';
import { orderEvents, orderItems, orders, storeOrders, type OrderStatus } from '@/db/schema/orders';
import { normalizeOrderNumber } from '@/lib/orders/lookup';
import { decodeOrderCursor, encodeOrderCursor, type OrderEventView } from '@/lib/orders/queries';
import type { DbOrTx } from '@/lib/platform/db';
import { pgArray } from '@/lib/platform/sql';
import type { StoreScope } from '@/lib/seller-catalog/scope';
import type { OrderFilter, OrderListParams } from './inputs';
import { OPEN_STATUSES } from './status';

/**
 * The seller's reads of its store orders. Every query is scoped by the scope's store id (made
 * from the session by `storeScope`); another store's order reads as not there. Nothing is
 * cached: orders are private and change under the seller's hands.
 */

const FILTER_STATUSES: Record<Exclude<OrderFilter, 'all'>, readonly OrderStatus[]> = {
  open: OPEN_STATUSES,
  shipped: ['fulfilled'],
  delivered: ['delivered'],
  closed: ['cancelled', 'refunded'],
};

export type SellerOrderRow = {
  id: string;
  number: string;
  orderNumber: string;
  status: OrderStatus;
  createdAt: Date;
  currency: string;
  total: number;
  refundedTotal: number;
  customerName: string;
  units: number;
  openUnits: number;
};

export const SELLER_ORDER_PAGE_SIZE = 25;

/**
 * "MK-100001", "100001", "#mk 100001" → the order; "MK-100001-2" → that store order. Null when it
 * cannot be an order number.
 */
export function parseOrderSearch(q: string): { orderNumber: string; storeOrderNumber: string | null } | null {
  const s = q.trim();
  const suffixed = /^(.*\d)-(\d{1,3})$/.exec(s);
  if (suffixed) {
    const n = normalizeOrderNumber(suffixed[1]);
    if (n && /^[A-Z]{1,5}-\d+$/.test(n) && suffixed[1]!.replace(/\D/g, '').length >= 4) return { orderNumber: n, storeOrderNumber: `${n}-${suffixed[2]}` };
  }
  const n = normalizeOrderNumber(s);
  return n ? { orderNumber: n, storeOrderNumber: null } : null;
}

/**
 * One page of the store's orders, newest first, keyset-paginated by (created_at, id) over the
 * (store_id, created_at) index; the filter adds a status list, the search an exact order number
 * (unique index). Per-row unit counts come from the page's lines only.
 */
export async function listSellerOrders(
  db: DbOrTx,
  scope: StoreScope,
  params: OrderListParams,
  limit = SELLER_ORDER_PAGE_SIZE,
): Promise<{ items: SellerOrderRow[]; nextCursor: string | null; badQuery: boolean }> {
  const search = params.q ? parseOrderSearch(params.q) : null;
  if (params.q && !search) return { items: [], nextCursor: null, badQuery: true };
  const cursor = decodeOrderCursor(params.cursor);
  const statuses = params.filter === 'all' ? null : FILTER_STATUSES[params.filter];
  const rows = await db
    .select({
      id: storeOrders.id,
      number: storeOrders.number,
      orderNumber: orders.number,
      status: storeOrders.status,
      createdAt: storeOrders.createdAt,
      currency: storeOrders.currency,
      total: storeOrders.total,
      refundedTotal: storeOrders.refundedTotal,
      customerName: sql<string>`coalesce(${orders.shippingAddress}->>'name', '')`,
      cursorTime: sql<string>`to_char(${storeOrders.createdAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`,
    })
    .from(storeOrders)
    .innerJoin(orders, eq(orders.id, storeOrders.orderId))
    .where(
      and(
        eq(storeOrders.storeId, scope.storeId),
        statuses ? inArray(storeOrders.status, [...statuses]) : undefined,
        search
          ? search.storeOrderNumber
            ? eq(storeOrders.number, search.storeOrderNumber)
            : sql`${storeOrders.orderId} = (select ${orders.id} from ${orders} where ${orders.number} = ${search.orderNumber})`
          : undefined,
        cursor ? sql`(${storeOrders.createdAt}, ${storeOrders.id}) < (${cursor.t}::timestamptz, ${cursor.id}::uuid)` : undefined,
      ),
    )
    .orderBy(desc(storeOrders.createdAt), desc(storeOrders.id))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  const units = page.length
    ? await db
        .select({
          id: orderItems.storeOrderId,
          units: sql<number>`sum(${orderItems.quantity})::int`,
          open: sql<number>`sum(${orderItems.quantity} - ${orderItems.quantityFulfilled} - ${orderItems.quantityCancelled})::int`,
        })
        .from(orderItems)
        .where(sql`${orderItems.storeOrderId} = any(${pgArray(page.map((r) => r.id), 'uuid')})`)
        .groupBy(orderItems.storeOrderId)
    : [];
  const last = page.at(-1);
  return {
    items: page.map((r) => {
      const u = units.find((x) => x.id === r.id);
      return {
        id: r.id,
        number: r.number,
        orderNumber: r.orderNumber,
        status: r.status,
        createdAt: r.createdAt,
        currency: r.currency,
        total: r.total,
        refundedTotal: r.refundedTotal,
        customerName: r.customerName,
        units: u?.units ?? 0,
        openUnits: u?.open ?? 0,
      };
    }),
    nextCursor: rows.length > limit && last ? encodeOrderCursor({ t: last.cursorTime, id: last.id }) : null,
    badQuery: false,
  };
}

/** Store orders waiting for the seller (paid, partly shipped or partly cancelled), for the tab badge and the dashboard. */
export async function countOpenStoreOrders(db: DbOrTx, scope: StoreScope): Promise<number> {
  const [r] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(storeOrders)
    .where(and(eq(storeOrders.storeId, scope.storeId), inArray(storeOrders.status, [...OPEN_STATUSES])));
  return r?.n ?? 0;
}

// ---- One store order ----

export type SellerOrderLine = {
  id: string;
  title: string;
  variantTitle: string;
  sku: string;
  imageUrl: string | null;
  unitPrice: number;
  quantity: number;
  quantityFulfilled: number;
  quantityCancelled: number;
  lineTotal: number;
  taxAmount: number;
  openUnits: number;
  /** The number the next cancellation of this line will carry (the form sends it back). */
  nextCancellationSeq: number;
};

export type SellerShipment = {
  id: string;
  carrier: string;
  trackingNumber: string;
  trackingUrl: string | null;
  shippedAt: Date;
  deliveredAt: Date | null;
  items: { orderItemId: string; title: string; variantTitle: string; quantity: number }[];
};

export type SellerCancellation = {
  id: string;
  orderItemId: string;
  title: string;
  quantity: number;
  amount: number;
  reason: string;
  status: LineCancellationStatus;
  createdAt: Date;
  refundedAt: Date | null;
};

export type SellerOrderDetail = {
  id: string;
  number: string;
  orderId: string;
  orderNumber: string;
  status: OrderStatus;
  currency: string;
  subtotal: number;
  shippingTotal: number;
  taxTotal: number;
  discountTotal: number;
  total: number;
  refundedTotal: number;
  shippingMethod: { name: string; minDays: number; maxDays: number };
  createdAt: Date;
  paidAt: Date | null;
  shippingAddress: AddressSnapshot;
  lines: SellerOrderLine[];
  shipments: SellerShipment[];
  cancellations: SellerCancellation[];
  /** The order's timeline as it concerns this store: order-wide events and this store order's. */
  events: OrderEventView[];
};

/** A store order of the scope's store with everything its page shows; null for another store's id or none. */
export async function getSellerOrder(db: DbOrTx, scope: StoreScope, storeOrderId: string): Promise<SellerOrderDetail | null> {
  if (!z.uuid().safeParse(storeOrderId).success) return null;
  const [so] = await db
    .select({
      id: storeOrders.id,
      number: storeOrders.number,
      orderId: storeOrders.orderId,
      orderNumber: orders.number,
      status: storeOrders.status,
      currency: storeOrders.currency,
      subtotal: storeOrders.subtotal,
      shippingTotal: storeOrders.shippingTotal,
      taxTotal: storeOrders.taxTotal,
      discountTotal: storeOrders.discountTotal,
      total: storeOrders.total,
      refundedTotal: storeOrders.refundedTotal,
      shippingMethod: storeOrders.shippingMethod,
      createdAt: storeOrders.createdAt,
      paidAt: orders.paidAt,
      shippingAddress: orders.shippingAddress,
    })
    .from(storeOrders)
    .innerJoin(orders, eq(orders.id, storeOrders.orderId))
    .where(and(eq(storeOrders.id, storeOrderId), eq(storeOrders.storeId, scope.storeId)));
  if (!so) return null;
  const [lines, shipRows, shipItemRows, cancelRows, events] = await Promise.all([
    db.select().from(orderItems).where(eq(orderItems.storeOrderId, so.id)).orderBy(asc(orderItems.title), asc(orderItems.variantTitle), asc(orderItems.id)),
    db.select().from(shipments).where(eq(shipments.storeOrderId, so.id)).orderBy(asc(shipments.shippedAt), asc(shipments.id)),
    db
      .select({ shipmentId: shipmentItems.shipmentId, orderItemId: shipmentItems.orderItemId, quantity: shipmentItems.quantity })
      .from(shipmentItems)
      .innerJoin(shipments, eq(shipments.id, shipmentItems.shipmentId))
      .where(eq(shipments.storeOrderId, so.id)),
    db.select().from(orderLineCancellations).where(eq(orderLineCancellations.storeOrderId, so.id)).orderBy(asc(orderLineCancellations.createdAt), asc(orderLineCancellations.seq)),
    db
      .select({ id: orderEvents.id, type: orderEvents.type, message: orderEvents.message, data: orderEvents.data, storeOrderId: orderEvents.storeOrderId, createdAt: orderEvents.createdAt })
      .from(orderEvents)
      .where(and(eq(orderEvents.orderId, so.orderId), or(isNull(orderEvents.storeOrderId), eq(orderEvents.storeOrderId, so.id))))
      .orderBy(asc(orderEvents.createdAt), asc(orderEvents.id)),
  ]);
  const byId = new Map(lines.map((l) => [l.id, l]));
  return {
    ...so,
    shippingMethod: { name: so.shippingMethod.name, minDays: so.shippingMethod.minDays, maxDays: so.shippingMethod.maxDays },
    lines: lines.map((l) => ({
      id: l.id,
      title: l.title,
      variantTitle: l.variantTitle,
      sku: l.sku,
      imageUrl: l.imageUrl,
      unitPrice: l.unitPrice,
      quantity: l.quantity,
      quantityFulfilled: l.quantityFulfilled,
      quantityCancelled: l.quantityCancelled,
      lineTotal: l.lineTotal,
      taxAmount: l.taxAmount,
      openUnits: l.quantity - l.quantityFulfilled - l.quantityCancelled,
      nextCancellationSeq: cancelRows.filter((c) => c.orderItemId === l.id).length + 1,
    })),
    shipments: shipRows.map((s) => ({
      id: s.id,
      carrier: s.carrier,
      trackingNumber: s.trackingNumber,
      trackingUrl: s.trackingUrl,
      shippedAt: s.shippedAt,
      deliveredAt: s.deliveredAt,
      items: shipItemRows
        .filter((i) => i.shipmentId === s.id)
        .map((i) => ({ orderItemId: i.orderItemId, title: byId.get(i.orderItemId)?.title ?? '', variantTitle: byId.get(i.orderItemId)?.variantTitle ?? '', quantity: i.quantity })),
    })),
    cancellations: cancelRows.map((c) => ({
      id: c.id,
      orderItemId: c.orderItemId,
      title: byId.get(c.orderItemId)?.title ?? '',
      quantity: c.quantity,
      amount: c.amount,
      reason: c.reason,
      status: c.status,
      createdAt: c.createdAt,
      refundedAt: c.refundedAt,
    })),
    events,
  };
}
