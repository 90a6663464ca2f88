import { relations, sql } from 'drizzle-orm';
import { check, index, integer, pgTable, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { variants } from './catalog';
import { createdAt, id, updatedAt } from './columns';
import { stores } from './sellers';

export const locations = pgTable(
  'locations',
  {
    id: id(),
    storeId: uuid()
      .notNull()
      .references(() => stores.id, { onDelete: 'cascade' }),
    code: text().notNull(),
    name: text().notNull(),
    country: text().notNull().default('US'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('locations_store_code_key').on(t.storeId, t.code)],
);

/**
 * Stock of one variant at one location. `reserved` counts units held by live checkouts;
 * available = on_hand - reserved. The CHECKs make overselling impossible at the database.
 */
export const inventoryLevels = pgTable(
  'inventory_levels',
  {
    variantId: uuid()
      .notNull()
      .references(() => variants.id, { onDelete: 'cascade' }),
    locationId: uuid()
      .notNull()
      .references(() => locations.id, { onDelete: 'cascade' }),
    onHand: integer().notNull().default(0),
    reserved: integer().notNull().default(0),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.variantId, t.locationId] }),
    index('inventory_levels_location_idx').on(t.locationId),
    check('inventory_on_hand_nonnegative', sql`${t.onHand} >= 0`),
    check('inventory_reserved_nonnegative', sql`${t.reserved} >= 0`),
    check('inventory_reserved_within_on_hand', sql`${t.reserved} <= ${t.onHand}`),
  ],
);

export const locationsRelations = relations(locations, ({ one, many }) => ({
  store: one(stores, { fields: [locations.storeId], references: [stores.id] }),
  levels: many(inventoryLevels),
}));

export const inventoryLevelsRelations = relations(inventoryLevels, ({ one }) => ({
  variant: one(variants, { fields: [inventoryLevels.variantId], references: [variants.id] }),
  location: one(locations, { fields: [inventoryLevels.locationId], references: [locations.id] }),
}));

export type Location = typeof locations.$inferSelect;
export type InventoryLevel = typeof inventoryLevels.$inferSelect;
