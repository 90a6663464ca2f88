import { relations, sql } from 'drizzle-orm';
import { check, index, integer, jsonb, pgEnum, pgSequence, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from './accounts';
import { variants } from './catalog';
import { type AddressSnapshot, checkouts } from './checkout';
import { createdAt, currency, id, money, updatedAt } from './columns';
import { stores } from './sellers';

/** Transitions live in lib/orders/state.ts; the database only knows the names. */
export const orderStatus = pgEnum('order_status', [
  'placed',
  'paid',
  'partially_fulfilled',
  'fulfilled',
  'delivered',
  'cancelled',
  'partially_refunded',
  'refunded',
]);

export const orderNumberSeq = pgSequence('order_number_seq', { startWith: 100001, increment: 1 });

/** One order per checkout (the checkout id is unique here), split into one store order per seller. */
export const orders = pgTable(
  'orders',
  {
    id: id(),
    number: text().notNull(),
    checkoutId: uuid()
      .notNull()
      .references(() => checkouts.id, { onDelete: 'restrict' }),
    userId: text().references(() => users.id, { onDelete: 'set null' }),
    email: text().notNull(),
    status: orderStatus().notNull().default('placed'),
    currency: currency(),
    subtotal: money().notNull(),
    shippingTotal: money().notNull(),
    taxTotal: money().notNull(),
    discountTotal: money().notNull().default(0),
    total: money().notNull(),
    refundedTotal: money().notNull().default(0),
    shippingAddress: jsonb().$type<AddressSnapshot>().notNull(),
    billingAddress: jsonb().$type<AddressSnapshot>(),
    placedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    paidAt: timestamp({ withTimezone: true }),
    cancelledAt: timestamp({ withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('orders_number_key').on(t.number),
    uniqueIndex('orders_checkout_key').on(t.checkoutId),
    index('orders_user_idx').on(t.userId, t.placedAt),
    index('orders_email_idx').on(sql`lower(${t.email})`, t.placedAt),
    check('orders_totals', sql`${t.total} = ${t.subtotal} + ${t.shippingTotal} + ${t.taxTotal} - ${t.discountTotal} and ${t.total} >= 0`),
    check('orders_refund_within_total', sql`${t.refundedTotal} between 0 and ${t.total}`),
  ],
);

export const storeOrders = pgTable(
  'store_orders',
  {
    id: id(),
    orderId: uuid()
      .notNull()
      .references(() => orders.id, { onDelete: 'cascade' }),
    storeId: uuid()
      .notNull()
      .references(() => stores.id, { onDelete: 'restrict' }),
    number: text().notNull(),
    status: orderStatus().notNull().default('placed'),
    currency: currency(),
    subtotal: money().notNull(),
    shippingTotal: money().notNull(),
    taxTotal: money().notNull(),
    discountTotal: money().notNull().default(0),
    total: money().notNull(),
    refundedTotal: money().notNull().default(0),
    shippingMethod: jsonb().$type<{ rateId: string | null; name: string; minDays: number; maxDays: number }>().notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('store_orders_order_store_key').on(t.orderId, t.storeId),
    uniqueIndex('store_orders_number_key').on(t.number),
    index('store_orders_store_idx').on(t.storeId, t.createdAt),
    index('store_orders_store_status_idx').on(t.storeId, t.status, t.createdAt),
    check('store_orders_totals', sql`${t.total} = ${t.subtotal} + ${t.shippingTotal} + ${t.taxTotal} - ${t.discountTotal}`),
    check('store_orders_refund_within_total', sql`${t.refundedTotal} between 0 and ${t.total}`),
  ],
);

/** Lines with everything the shopper saw frozen: a later price or title change never alters an order. */
export const orderItems = pgTable(
  'order_items',
  {
    id: id(),
    orderId: uuid()
      .notNull()
      .references(() => orders.id, { onDelete: 'cascade' }),
    storeOrderId: uuid()
      .notNull()
      .references(() => storeOrders.id, { onDelete: 'cascade' }),
    variantId: uuid().references(() => variants.id, { onDelete: 'set null' }),
    productId: uuid(),
    title: text().notNull(),
    variantTitle: text().notNull(),
    sku: text().notNull(),
    imageUrl: text(),
    unitPrice: money().notNull(),
    quantity: integer().notNull(),
    quantityFulfilled: integer().notNull().default(0),
    quantityCancelled: integer().notNull().default(0),
    lineTotal: money().notNull(),
    taxAmount: money().notNull().default(0),
    createdAt: createdAt(),
  },
  (t) => [
    index('order_items_order_idx').on(t.orderId),
    index('order_items_store_order_idx').on(t.storeOrderId),
    index('order_items_variant_idx').on(t.variantId),
    check('order_items_quantities', sql`${t.quantity} > 0 and ${t.quantityFulfilled} >= 0 and ${t.quantityCancelled} >= 0 and ${t.quantityFulfilled} + ${t.quantityCancelled} <= ${t.quantity}`),
    check('order_items_amounts', sql`${t.unitPrice} >= 0 and ${t.lineTotal} = ${t.unitPrice} * ${t.quantity}`),
  ],
);

/** The order's timeline (tracking page and admin); one row per thing that happened. */
export const orderEvents = pgTable(
  'order_events',
  {
    id: id(),
    orderId: uuid()
      .notNull()
      .references(() => orders.id, { onDelete: 'cascade' }),
    storeOrderId: uuid().references(() => storeOrders.id, { onDelete: 'cascade' }),
    type: text().notNull(),
    message: text().notNull(),
    data: jsonb().$type<Record<string, unknown>>(),
    // Makes recording an event idempotent (e.g. `paid`, `shipment:<id>`).
    dedupeKey: text(),
    createdAt: createdAt(),
  },
  (t) => [index('order_events_order_idx').on(t.orderId, t.createdAt), uniqueIndex('order_events_dedupe_key').on(t.orderId, t.dedupeKey)],
);

export const ordersRelations = relations(orders, ({ many }) => ({
  storeOrders: many(storeOrders),
  items: many(orderItems),
  events: many(orderEvents),
}));
export const storeOrdersRelations = relations(storeOrders, ({ one, many }) => ({
  order: one(orders, { fields: [storeOrders.orderId], references: [orders.id] }),
  store: one(stores, { fields: [storeOrders.storeId], references: [stores.id] }),
  items: many(orderItems),
}));
export const orderItemsRelations = relations(orderItems, ({ one }) => ({
  order: one(orders, { fields: [orderItems.orderId], references: [orders.id] }),
  storeOrder: one(storeOrders, { fields: [orderItems.storeOrderId], references: [storeOrders.id] }),
}));
export const orderEventsRelations = relations(orderEvents, ({ one }) => ({
  order: one(orders, { fields: [orderEvents.orderId], references: [orders.id] }),
}));

export type Order = typeof orders.$inferSelect;
export type StoreOrder = typeof storeOrders.$inferSelect;
export type OrderItem = typeof orderItems.$inferSelect;
export type OrderEvent = typeof orderEvents.$inferSelect;
export type OrderStatus = (typeof orderStatus.enumValues)[number];
