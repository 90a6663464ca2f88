import { relations, sql } from 'drizzle-orm';
import { check, index, integer, jsonb, pgEnum, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from './accounts';
import { variants } from './catalog';
import { checkouts } from './checkout';
import { createdAt, currency, id, money, updatedAt } from './columns';
import { locations } from './inventory';
import { orders } from './orders';
import { stores } from './sellers';

/**
 * proposed (a seller's) → approved | rejected; approved → scheduled (announced) → live → ended.
 * Admins create sales straight into scheduled. Anything before ended may be cancelled.
 * Transitions live in lib/flash-sales/state.ts.
 */
export const flashSaleStatus = pgEnum('flash_sale_status', ['proposed', 'approved', 'rejected', 'scheduled', 'live', 'ended', 'cancelled']);

/** The stock gate a sale runs on, fixed when it starts (lib/flash-sales/gate.ts): never switched mid-sale. */
export const flashGateEngine = pgEnum('flash_gate_engine', ['redis', 'postgres']);

export const flashHoldStatus = pgEnum('flash_hold_status', ['active', 'confirmed', 'released', 'expired']);

/**
 * A limited allocation of one variant sold at `sale_price` between `starts_at` and `ends_at`.
 * At start the allocation leaves general stock (`moved_out`, a stock_movements entry); at end
 * the units not sold come back (`returned`, once the last holds have settled).
 *
 * `remaining`/`held`/`sold` are the Postgres engine's live counters; on the Redis engine Redis
 * holds the live counters and these are a copy written at end and by reconciliation.
 */
export const flashSales = pgTable(
  'flash_sales',
  {
    id: id(),
    storeId: uuid()
      .notNull()
      .references(() => stores.id, { onDelete: 'cascade' }),
    variantId: uuid()
      .notNull()
      .references(() => variants.id, { onDelete: 'cascade' }),
    // Where the allocation is taken from and returned to.
    locationId: uuid()
      .notNull()
      .references(() => locations.id, { onDelete: 'restrict' }),
    allocation: integer().notNull(),
    salePrice: money().notNull(),
    currency: currency(),
    perCustomerLimit: integer().notNull().default(1),
    startsAt: timestamp({ withTimezone: true }).notNull(),
    endsAt: timestamp({ withTimezone: true }).notNull(),
    status: flashSaleStatus().notNull().default('proposed'),
    engine: flashGateEngine(),
    remaining: integer().notNull(),
    held: integer().notNull().default(0),
    sold: integer().notNull().default(0),
    movedOut: integer().notNull().default(0),
    returned: integer().notNull().default(0),
    // Bumped each time the Redis engine rebuilds its keys from Postgres; hold writes carry the
    // epoch they were made under, so a write made on a Redis that was since lost is refused.
    gateEpoch: integer().notNull().default(0),
    createdBy: text().references(() => users.id, { onDelete: 'set null' }),
    approvedBy: text().references(() => users.id, { onDelete: 'set null' }),
    approvedAt: timestamp({ withTimezone: true }),
    reviewNote: text(),
    // Why the last start attempt failed (not enough stock), for the admin list.
    startError: text(),
    startedAt: timestamp({ withTimezone: true }),
    endedAt: timestamp({ withTimezone: true }),
    // Set when the sale has ended and no hold is left active: nothing more will be returned.
    settledAt: timestamp({ withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('flash_sales_status_starts_idx').on(t.status, t.startsAt),
    index('flash_sales_status_ends_idx').on(t.status, t.endsAt),
    index('flash_sales_store_idx').on(t.storeId, t.createdAt),
    index('flash_sales_variant_idx').on(t.variantId),
    check('flash_sales_allocation_positive', sql`${t.allocation} > 0`),
    check('flash_sales_limit_positive', sql`${t.perCustomerLimit} >= 1`),
    check('flash_sales_window', sql`${t.endsAt} > ${t.startsAt}`),
    check('flash_sales_price_nonnegative', sql`${t.salePrice} >= 0`),
    check('flash_sales_counters_nonnegative', sql`${t.remaining} >= 0 and ${t.held} >= 0 and ${t.sold} >= 0`),
    check('flash_sales_counters_sum', sql`${t.sold} + ${t.held} + ${t.remaining} = ${t.allocation}`),
    check('flash_sales_moved_out', sql`${t.movedOut} = 0 or ${t.movedOut} = ${t.allocation}`),
    check('flash_sales_returned', sql`${t.returned} >= 0 and ${t.returned} <= ${t.movedOut} and ${t.sold} + ${t.returned} <= ${t.allocation}`),
  ],
);

/**
 * A customer's claim on units of a sale until `expires_at`, then confirmed by the checkout
 * (the order is placed), released (compensation) or expired. `customer_key` is the user id or
 * a guest key. At most one active hold per customer per sale.
 */
export const flashHolds = pgTable(
  'flash_holds',
  {
    // Chosen by the gate before it asks Redis, so Redis and Postgres name the hold alike.
    id: uuid().primaryKey(),
    saleId: uuid()
      .notNull()
      .references(() => flashSales.id, { onDelete: 'cascade' }),
    customerKey: text().notNull(),
    quantity: integer().notNull(),
    status: flashHoldStatus().notNull().default('active'),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    checkoutId: uuid().references(() => checkouts.id, { onDelete: 'set null' }),
    orderId: uuid().references(() => orders.id, { onDelete: 'set null' }),
    // The gate epoch the hold was written under (Redis engine; 0 on Postgres).
    epoch: integer().notNull().default(0),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    settledAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    uniqueIndex('flash_holds_one_active_key').on(t.saleId, t.customerKey).where(sql`${t.status} = 'active'`),
    index('flash_holds_sale_status_idx').on(t.saleId, t.status, t.expiresAt),
    index('flash_holds_checkout_idx').on(t.checkoutId),
    index('flash_holds_order_idx').on(t.orderId),
    check('flash_holds_quantity_positive', sql`${t.quantity} > 0`),
  ],
);

/**
 * The Postgres engine's per-customer row: units held or bought, and the one active hold.
 * One conditional upsert enforces the limit and the one-active-hold rule atomically.
 * (The Redis engine keeps the same in Redis; these rows stay empty for its sales.)
 */
export const flashSaleCustomers = pgTable(
  'flash_sale_customers',
  {
    saleId: uuid()
      .notNull()
      .references(() => flashSales.id, { onDelete: 'cascade' }),
    customerKey: text().notNull(),
    units: integer().notNull().default(0),
    activeHoldId: uuid(),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ columns: [t.saleId, t.customerKey] }), check('flash_sale_customers_units_nonnegative', sql`${t.units} >= 0`)],
);

export type ReconciliationDetails = {
  gate: { allocation: number; remaining: number; held: number; sold: number };
  holds: { active: number; confirmed: number; released: number; expired: number };
  /** Units of confirmed holds linked to an existing order: `kept` + `cancelled`. */
  ordered: number;
  /** Of those, units still bought (absent from reports written before it was added). */
  kept?: number;
  /** Of those, units whose order line was cancelled (refunded) after purchase; they stay sold (lib/flash-sales/reconcile.ts). */
  cancelled?: number;
  /** Hold rows repaired to match the engine before counting. */
  repaired: number;
};

/** One reconciliation of a sale's counters against its holds and orders; drift is expected to be 0. */
export const flashSaleReconciliations = pgTable(
  'flash_sale_reconciliations',
  {
    id: id(),
    saleId: uuid()
      .notNull()
      .references(() => flashSales.id, { onDelete: 'cascade' }),
    engine: flashGateEngine().notNull(),
    allocation: integer().notNull(),
    sold: integer().notNull(),
    held: integer().notNull(),
    remaining: integer().notNull(),
    returned: integer().notNull(),
    drift: integer().notNull(),
    details: jsonb().$type<ReconciliationDetails>().notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('flash_sale_reconciliations_sale_idx').on(t.saleId, t.createdAt)],
);

export const flashSalesRelations = relations(flashSales, ({ one, many }) => ({
  variant: one(variants, { fields: [flashSales.variantId], references: [variants.id] }),
  store: one(stores, { fields: [flashSales.storeId], references: [stores.id] }),
  location: one(locations, { fields: [flashSales.locationId], references: [locations.id] }),
  holds: many(flashHolds),
}));

export const flashHoldsRelations = relations(flashHolds, ({ one }) => ({
  sale: one(flashSales, { fields: [flashHolds.saleId], references: [flashSales.id] }),
}));

export type FlashSale = typeof flashSales.$inferSelect;
export type FlashHold = typeof flashHolds.$inferSelect;
export type FlashSaleStatus = (typeof flashSaleStatus.enumValues)[number];
export type FlashHoldStatus = (typeof flashHoldStatus.enumValues)[number];
export type FlashGateEngine = (typeof flashGateEngine.enumValues)[number];
export type FlashSaleReconciliation = typeof flashSaleReconciliations.$inferSelect;
