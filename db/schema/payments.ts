import { relations, sql } from 'drizzle-orm';
import { check, index, jsonb, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { checkouts } from './checkout';
import { createdAt, currency, id, money, updatedAt } from './columns';
import { orders, storeOrders } from './orders';

export const paymentStatus = pgEnum('payment_status', [
  'pending',
  'requires_action',
  'authorized',
  'captured',
  'voided',
  'failed',
  'partially_refunded',
  'refunded',
]);

/**
 * Our record of one payment per checkout (unique), mirroring the provider's object
 * (`provider_ref`: a Stripe PaymentIntent id or the test provider's intent id).
 * CHECKs keep refunded <= captured <= amount.
 */
export const payments = pgTable(
  'payments',
  {
    id: id(),
    checkoutId: uuid()
      .notNull()
      .references(() => checkouts.id, { onDelete: 'restrict' }),
    orderId: uuid().references(() => orders.id, { onDelete: 'set null' }),
    provider: text().notNull(),
    providerRef: text(),
    status: paymentStatus().notNull().default('pending'),
    currency: currency(),
    amount: money().notNull(),
    amountCaptured: money().notNull().default(0),
    amountRefunded: money().notNull().default(0),
    failureCode: text(),
    failureMessage: text(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('payments_checkout_key').on(t.checkoutId),
    uniqueIndex('payments_provider_ref_key').on(t.provider, t.providerRef),
    index('payments_order_idx').on(t.orderId),
    index('payments_status_idx').on(t.status, t.updatedAt),
    check('payments_amounts', sql`${t.amount} >= 0 and ${t.amountCaptured} between 0 and ${t.amount} and ${t.amountRefunded} between 0 and ${t.amountCaptured}`),
  ],
);

/**
 * Every provider event we accepted, unique by the provider's event id and written in the
 * same transaction as its effect: a duplicate delivery finds the row and changes nothing.
 */
export const paymentEvents = pgTable(
  'payment_events',
  {
    id: id(),
    provider: text().notNull(),
    eventId: text().notNull(),
    type: text().notNull(),
    paymentId: uuid().references(() => payments.id, { onDelete: 'set null' }),
    payload: jsonb().notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('payment_events_provider_event_key').on(t.provider, t.eventId), index('payment_events_payment_idx').on(t.paymentId, t.createdAt)],
);

export const refundStatus = pgEnum('refund_status', ['pending', 'succeeded', 'failed']);

export const refunds = pgTable(
  'refunds',
  {
    id: id(),
    paymentId: uuid()
      .notNull()
      .references(() => payments.id, { onDelete: 'restrict' }),
    orderId: uuid().references(() => orders.id, { onDelete: 'set null' }),
    storeOrderId: uuid().references(() => storeOrders.id, { onDelete: 'set null' }),
    amount: money().notNull(),
    reason: text().notNull(),
    status: refundStatus().notNull().default('pending'),
    providerRef: text(),
    // Derived from what causes the refund (e.g. `cancel:<order item id>`), so it happens once.
    idempotencyKey: text().notNull(),
    createdAt: createdAt(),
    settledAt: timestamp({ withTimezone: true }),
  },
  (t) => [uniqueIndex('refunds_idempotency_key').on(t.idempotencyKey), index('refunds_payment_idx').on(t.paymentId), check('refunds_amount_positive', sql`${t.amount} > 0`)],
);

export const testIntentStatus = pgEnum('test_intent_status', ['requires_action', 'authorized', 'captured', 'voided', 'failed']);

/**
 * The built-in test provider's own state: it plays an external payment service, so it keeps
 * its books apart from ours (and across processes). Never used when Stripe is configured.
 */
export const testProviderIntents = pgTable(
  'test_provider_intents',
  {
    id: text().primaryKey(),
    idempotencyKey: text().notNull(),
    amount: money().notNull(),
    currency: currency(),
    cardLast4: text().notNull(),
    status: testIntentStatus().notNull(),
    amountCaptured: money().notNull().default(0),
    amountRefunded: money().notNull().default(0),
    metadata: jsonb().$type<Record<string, string>>().notNull().default({}),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('test_provider_intents_idempotency_key').on(t.idempotencyKey),
    check('test_provider_intents_amounts', sql`${t.amountCaptured} between 0 and ${t.amount} and ${t.amountRefunded} between 0 and ${t.amountCaptured}`),
  ],
);

/** Results of the test provider's capture/void/refund calls by idempotency key, like Stripe's. */
export const testProviderOperations = pgTable('test_provider_operations', {
  idempotencyKey: text().primaryKey(),
  intentId: text().notNull(),
  kind: text().notNull(),
  result: jsonb().notNull(),
  createdAt: createdAt(),
});

export const paymentsRelations = relations(payments, ({ many }) => ({ events: many(paymentEvents), refunds: many(refunds) }));
export const paymentEventsRelations = relations(paymentEvents, ({ one }) => ({ payment: one(payments, { fields: [paymentEvents.paymentId], references: [payments.id] }) }));
export const refundsRelations = relations(refunds, ({ one }) => ({ payment: one(payments, { fields: [refunds.paymentId], references: [payments.id] }) }));

export type Payment = typeof payments.$inferSelect;
export type PaymentStatus = (typeof paymentStatus.enumValues)[number];
export type PaymentEvent = typeof paymentEvents.$inferSelect;
export type Refund = typeof refunds.$inferSelect;
export type TestProviderIntent = typeof testProviderIntents.$inferSelect;
export type TestProviderOperation = typeof testProviderOperations.$inferSelect;
