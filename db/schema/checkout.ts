import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, jsonb, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from './accounts';
import { carts } from './cart';
import { createdAt, currency, id, money, updatedAt } from './columns';
import { stores } from './sellers';

export const checkoutStatus = pgEnum('checkout_status', ['processing', 'requires_action', 'completed', 'failed']);

/** A postal address frozen on a checkout or order (the address book can change afterwards). */
export type AddressSnapshot = {
  name: string;
  line1: string;
  line2?: string | null;
  city: string;
  region?: string | null;
  postalCode: string;
  country: string;
  phone?: string | null;
};

/** The priced quote the saga works from; frozen on the order. Amounts in minor units. */
export type QuoteSnapshot = {
  currency: string;
  subtotal: number;
  shipping: number;
  tax: number;
  discount: number;
  total: number;
  stores: {
    storeId: string;
    storeName: string;
    shippingRateId: string | null;
    shippingName: string;
    subtotal: number;
    shipping: number;
    tax: number;
    discount: number;
    total: number;
    lines: {
      variantId: string;
      productId: string;
      title: string;
      variantTitle: string;
      sku: string;
      imageUrl: string | null;
      unitPrice: number;
      quantity: number;
      lineTotal: number;
      tax: number;
    }[];
  }[];
};

export type CheckoutFailure = {
  code: string;
  message: string;
  lines?: { variantId: string; title: string; requested: number; available: number }[];
};

/**
 * One submit of a cart. The idempotency key is unique, so any number of retries of the same
 * submit land on this row and the saga it started; the saga's progress is written here.
 */
export const checkouts = pgTable(
  'checkouts',
  {
    id: id(),
    idempotencyKey: text().notNull(),
    // Hash of the request that created it: the same key with a different request is refused.
    requestHash: text().notNull(),
    cartId: uuid()
      .notNull()
      .references(() => carts.id, { onDelete: 'restrict' }),
    userId: text().references(() => users.id, { onDelete: 'set null' }),
    email: text().notNull(),
    status: checkoutStatus().notNull().default('processing'),
    // The saga's current step, for the status page and for operators.
    step: text().notNull().default('submitted'),
    shippingAddress: jsonb().$type<AddressSnapshot>().notNull(),
    billingAddress: jsonb().$type<AddressSnapshot>(),
    shippingSelections: jsonb().$type<Record<string, string>>().notNull().default({}),
    quote: jsonb().$type<QuoteSnapshot>().notNull(),
    currency: currency(),
    total: money().notNull(),
    paymentProvider: text().notNull(),
    // A provider token for the payment method, never a card number.
    paymentMethod: text().notNull(),
    paymentMethodLabel: text(),
    // Where the browser goes for 3-D Secure while status is requires_action.
    actionUrl: text(),
    failure: jsonb().$type<CheckoutFailure>(),
    orderId: uuid(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    completedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    uniqueIndex('checkouts_idempotency_key').on(t.idempotencyKey),
    index('checkouts_cart_idx').on(t.cartId, t.createdAt),
    index('checkouts_status_idx').on(t.status, t.updatedAt),
    check('checkouts_total_nonnegative', sql`${t.total} >= 0`),
  ],
);

export const shippingRateKind = pgEnum('shipping_rate_kind', ['flat', 'weight']);

/**
 * A seller's shipping option. Flat: `amount` per sub-order. Weight: `amount` plus
 * `per_kg_amount` for each started kilogram. Free at or above `free_over` when set.
 * `countries` empty means everywhere.
 */
export const shippingRates = pgTable(
  'shipping_rates',
  {
    id: id(),
    storeId: uuid()
      .notNull()
      .references(() => stores.id, { onDelete: 'cascade' }),
    name: text().notNull(),
    kind: shippingRateKind().notNull().default('flat'),
    amount: money().notNull(),
    perKgAmount: money().notNull().default(0),
    freeOver: money(),
    minDays: integer().notNull().default(3),
    maxDays: integer().notNull().default(7),
    countries: text().array().notNull().default(sql`'{}'::text[]`),
    active: boolean().notNull().default(true),
    position: integer().notNull().default(0),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('shipping_rates_store_idx').on(t.storeId, t.position),
    check('shipping_rates_amounts_nonnegative', sql`${t.amount} >= 0 and ${t.perKgAmount} >= 0 and coalesce(${t.freeOver}, 0) >= 0`),
    check('shipping_rates_days', sql`${t.minDays} >= 0 and ${t.maxDays} >= ${t.minDays}`),
  ],
);

/** Tax by destination. A region-specific rate wins over the country's; basis points (825 = 8.25 %). */
export const taxRates = pgTable(
  'tax_rates',
  {
    id: id(),
    country: text().notNull(),
    // '' = the whole country (a plain column so the unique key covers it).
    region: text().notNull().default(''),
    name: text().notNull(),
    rateBps: integer().notNull(),
    appliesToShipping: boolean().notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('tax_rates_country_region_key').on(t.country, t.region), check('tax_rates_bps_range', sql`${t.rateBps} between 0 and 10000`)],
);

/**
 * Stored responses of the public API's idempotent requests (`Idempotency-Key`), kept 24 h.
 * `scope` is who sent it (user, cart token or client), so two clients' keys never collide.
 */
export const apiIdempotencyKeys = pgTable(
  'api_idempotency_keys',
  {
    scope: text().notNull(),
    key: text().notNull(),
    requestHash: text().notNull(),
    responseStatus: integer(),
    responseBody: jsonb(),
    createdAt: createdAt(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('api_idempotency_keys_scope_key').on(t.scope, t.key), index('api_idempotency_keys_expiry_idx').on(t.expiresAt)],
);

export type Checkout = typeof checkouts.$inferSelect;
export type ShippingRate = typeof shippingRates.$inferSelect;
export type TaxRate = typeof taxRates.$inferSelect;
