import { relations, sql } from 'drizzle-orm';
import { check, index, integer, pgEnum, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from './accounts';
import { variants } from './catalog';
import { createdAt, currency, id, money, updatedAt } from './columns';

export const cartStatus = pgEnum('cart_status', ['active', 'merged', 'converted']);

/**
 * A cart belongs to a signed-in user (one active cart each, so it follows them across
 * devices) or to a guest, who proves ownership with a signed cookie (web) or the secret
 * token returned by `POST /api/v1/carts` (stored hashed).
 */
export const carts = pgTable(
  'carts',
  {
    id: id(),
    userId: text().references(() => users.id, { onDelete: 'set null' }),
    tokenHash: text(),
    status: cartStatus().notNull().default('active'),
    currency: currency(),
    email: text(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('carts_active_user_key').on(t.userId).where(sql`${t.status} = 'active' and ${t.userId} is not null`),
    index('carts_updated_idx').on(t.status, t.updatedAt),
  ],
);

export const MAX_LINE_QUANTITY = 99;

/** One line per variant. `unit_price_seen` is the price the shopper last saw, so a change can be flagged. */
export const cartItems = pgTable(
  'cart_items',
  {
    id: id(),
    cartId: uuid()
      .notNull()
      .references(() => carts.id, { onDelete: 'cascade' }),
    variantId: uuid()
      .notNull()
      .references(() => variants.id, { onDelete: 'cascade' }),
    quantity: integer().notNull(),
    unitPriceSeen: money().notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('cart_items_cart_variant_key').on(t.cartId, t.variantId),
    check('cart_items_quantity_range', sql`${t.quantity} between 1 and ${sql.raw(String(MAX_LINE_QUANTITY))}`),
  ],
);

export const cartsRelations = relations(carts, ({ many }) => ({ items: many(cartItems) }));
export const cartItemsRelations = relations(cartItems, ({ one }) => ({
  cart: one(carts, { fields: [cartItems.cartId], references: [carts.id] }),
  variant: one(variants, { fields: [cartItems.variantId], references: [variants.id] }),
}));

export type Cart = typeof carts.$inferSelect;
export type CartItem = typeof cartItems.$inferSelect;
