import { relations, sql } from 'drizzle-orm';
import { check, index, integer, pgEnum, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from './accounts';
import { createdAt, id, money } from './columns';
import { orderItems, orders, storeOrders } from './orders';
import { refunds } from './payments';
import { stores } from './sellers';

/**
 * A parcel a seller sent for (part of) its store order. The quantities live in shipment_items;
 * order_items.quantity_fulfilled is their running sum, kept in the same transaction (lib/fulfilment).
 * `store_id` and `order_id` are copies of the store order's, so every read is scoped by store
 * without a join and the shopper's tracking page finds an order's parcels directly.
 */
export const shipments = pgTable(
  'shipments',
  {
    id: id(),
    storeOrderId: uuid()
      .notNull()
      .references(() => storeOrders.id, { onDelete: 'cascade' }),
    orderId: uuid()
      .notNull()
      .references(() => orders.id, { onDelete: 'cascade' }),
    storeId: uuid()
      .notNull()
      .references(() => stores.id, { onDelete: 'restrict' }),
    carrier: text().notNull(),
    // Normalized (upper case, no spaces); unique per store order and carrier, so a double submit finds the first.
    trackingNumber: text().notNull(),
    trackingUrl: text(),
    shippedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    deliveredAt: timestamp({ withTimezone: true }),
    createdBy: text().references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (t) => [
    index('shipments_store_order_idx').on(t.storeOrderId, t.shippedAt),
    index('shipments_order_idx').on(t.orderId),
    uniqueIndex('shipments_tracking_key').on(t.storeOrderId, t.carrier, t.trackingNumber),
    check('shipments_delivered_after_shipped', sql`${t.deliveredAt} is null or ${t.deliveredAt} >= ${t.shippedAt}`),
  ],
);

export const shipmentItems = pgTable(
  'shipment_items',
  {
    shipmentId: uuid()
      .notNull()
      .references(() => shipments.id, { onDelete: 'cascade' }),
    orderItemId: uuid()
      .notNull()
      .references(() => orderItems.id, { onDelete: 'cascade' }),
    quantity: integer().notNull(),
  },
  (t) => [primaryKey({ columns: [t.shipmentId, t.orderItemId] }), index('shipment_items_order_item_idx').on(t.orderItemId), check('shipment_items_quantity_positive', sql`${t.quantity} > 0`)],
);

/**
 * refund_pending: recorded with its refund row, the provider not (yet) confirmed; refunded: the
 * provider took it; no_refund: nothing to pay back (a fully discounted line).
 */
export const lineCancellationStatus = pgEnum('line_cancellation_status', ['refund_pending', 'refunded', 'no_refund']);

/**
 * A seller cancelled `quantity` unfulfilled units of one line. `seq` numbers a line's
 * cancellations (1, 2, …): the form sends the number it expects, so a double submit lands on the
 * same row, and the refund's idempotency key (`cancel:<order item id>:<seq>`) derives from it.
 * The amount is split as refunded: items + their tax − their share of the store's discount
 * (+ the store order's shipping and rounding remainder when this cancels its last units).
 */
export const orderLineCancellations = pgTable(
  'order_line_cancellations',
  {
    id: id(),
    orderItemId: uuid()
      .notNull()
      .references(() => orderItems.id, { onDelete: 'cascade' }),
    storeOrderId: uuid()
      .notNull()
      .references(() => storeOrders.id, { onDelete: 'cascade' }),
    orderId: uuid()
      .notNull()
      .references(() => orders.id, { onDelete: 'cascade' }),
    storeId: uuid()
      .notNull()
      .references(() => stores.id, { onDelete: 'restrict' }),
    seq: integer().notNull(),
    quantity: integer().notNull(),
    itemsAmount: money().notNull(),
    taxAmount: money().notNull(),
    discountAmount: money().notNull().default(0),
    shippingAmount: money().notNull().default(0),
    amount: money().notNull(),
    reason: text().notNull(),
    status: lineCancellationStatus().notNull(),
    idempotencyKey: text().notNull(),
    refundId: uuid().references(() => refunds.id, { onDelete: 'set null' }),
    // A settler's lease on the provider call: one refund request in flight per cancellation, even
    // from several processes; a crashed settler's lease runs out and the retry takes over.
    refundClaimedUntil: timestamp({ withTimezone: true }),
    createdBy: text().references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    refundedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    uniqueIndex('order_line_cancellations_item_seq_key').on(t.orderItemId, t.seq),
    uniqueIndex('order_line_cancellations_idempotency_key').on(t.idempotencyKey),
    index('order_line_cancellations_store_order_idx').on(t.storeOrderId, t.createdAt),
    index('order_line_cancellations_pending_idx')
      .on(t.createdAt)
      .where(sql`${t.status} = 'refund_pending'`),
    check('order_line_cancellations_quantity', sql`${t.quantity} > 0 and ${t.seq} > 0`),
    check(
      'order_line_cancellations_amounts',
      sql`${t.itemsAmount} >= 0 and ${t.taxAmount} >= 0 and ${t.discountAmount} >= 0 and ${t.shippingAmount} >= 0 and ${t.amount} >= 0 and ${t.amount} = ${t.itemsAmount} + ${t.taxAmount} - ${t.discountAmount} + ${t.shippingAmount}`,
    ),
    check('order_line_cancellations_refund', sql`(${t.status} = 'no_refund') = (${t.amount} = 0)`),
  ],
);

export const shipmentsRelations = relations(shipments, ({ one, many }) => ({
  storeOrder: one(storeOrders, { fields: [shipments.storeOrderId], references: [storeOrders.id] }),
  items: many(shipmentItems),
}));
export const shipmentItemsRelations = relations(shipmentItems, ({ one }) => ({
  shipment: one(shipments, { fields: [shipmentItems.shipmentId], references: [shipments.id] }),
  orderItem: one(orderItems, { fields: [shipmentItems.orderItemId], references: [orderItems.id] }),
}));

export type Shipment = typeof shipments.$inferSelect;
export type ShipmentItem = typeof shipmentItems.$inferSelect;
export type OrderLineCancellation = typeof orderLineCancellations.$inferSelect;
export type LineCancellationStatus = (typeof lineCancellationStatus.enumValues)[number];
