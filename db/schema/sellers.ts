import { relations, sql } from 'drizzle-orm';
import { check, index, numeric, pgEnum, pgTable, primaryKey, text, uniqueIndex, uuid, integer } from 'drizzle-orm/pg-core';
import { users } from './accounts';
import { createdAt, id, updatedAt } from './columns';

export const storeStatus = pgEnum('store_status', [
  'draft',
  'submitted',
  'approved',
  'rejected',
  'active',
  'suspended',
]);
export const storeRole = pgEnum('store_role', ['owner', 'staff']);

export const stores = pgTable(
  'stores',
  {
    id: id(),
    slug: text().notNull(),
    name: text().notNull(),
    description: text().notNull().default(''),
    logoUrl: text(),
    supportEmail: text(),
    returnPolicy: text(),
    country: text().notNull().default('US'),
    status: storeStatus().notNull().default('draft'),
    // Denormalised from reviews (filled by the reviews domain); 0–5 with two decimals.
    rating: numeric({ precision: 3, scale: 2 }).notNull().default('0'),
    ratingCount: integer().notNull().default(0),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('stores_slug_key').on(t.slug),
    check('stores_slug_format', sql`${t.slug} ~ '^[a-z0-9]+(-[a-z0-9]+)*$'`),
  ],
);

export const storeMembers = pgTable(
  'store_members',
  {
    storeId: uuid()
      .notNull()
      .references(() => stores.id, { onDelete: 'cascade' }),
    userId: text()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    role: storeRole().notNull().default('staff'),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.storeId, t.userId] }), index('store_members_user_idx').on(t.userId)],
);

export const storesRelations = relations(stores, ({ many }) => ({
  members: many(storeMembers),
}));

export type Store = typeof stores.$inferSelect;
