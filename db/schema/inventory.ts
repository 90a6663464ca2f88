import { relations, sql } from 'drizzle-orm';
import { check, index, integer, pgEnum, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from './accounts';
import { variants } from './catalog';
import { createdAt, id, updatedAt } from './columns';
import { checkouts } from './checkout';
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

export const reservationStatus = pgEnum('reservation_status', ['active', 'committed', 'released']);

/**
 * Units held for a checkout at one location until `expires_at`. While a row is active its
 * quantity is counted in `inventory_levels.reserved`; committing (the order is placed) takes it
 * off `on_hand` too, releasing gives it back. Status moves only from `active`, so each happens once.
 * Reads treat an active row past `expires_at` as released until the sweeper gets to it.
 */
export const reservations = pgTable(
  'reservations',
  {
    id: id(),
    checkoutId: uuid()
      .notNull()
      .references(() => checkouts.id, { onDelete: 'cascade' }),
    variantId: uuid()
      .notNull()
      .references(() => variants.id, { onDelete: 'cascade' }),
    locationId: uuid()
      .notNull()
      .references(() => locations.id, { onDelete: 'cascade' }),
    quantity: integer().notNull(),
    status: reservationStatus().notNull().default('active'),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    createdAt: createdAt(),
    settledAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    uniqueIndex('reservations_checkout_variant_location_key').on(t.checkoutId, t.variantId, t.locationId),
    index('reservations_active_variant_idx').on(t.variantId, t.expiresAt).where(sql`${t.status} = 'active'`),
    index('reservations_active_expiry_idx').on(t.expiresAt).where(sql`${t.status} = 'active'`),
    check('reservations_quantity_positive', sql`${t.quantity} > 0`),
  ],
);

export const stockMovementReason = pgEnum('stock_movement_reason', ['initial', 'sale', 'restock', 'adjustment', 'return', 'cancellation', 'damage', 'correction']);

/** The ledger of every change to `on_hand`; the level is the running sum. */
export const stockMovements = pgTable(
  'stock_movements',
  {
    id: id(),
    variantId: uuid()
      .notNull()
      .references(() => variants.id, { onDelete: 'cascade' }),
    locationId: uuid()
      .notNull()
      .references(() => locations.id, { onDelete: 'cascade' }),
    delta: integer().notNull(),
    reason: stockMovementReason().notNull(),
    // What caused it, e.g. `order:<id>`; unique with the variant and location so a replay adds nothing.
    reference: text(),
    actorId: text().references(() => users.id, { onDelete: 'set null' }),
    note: text(),
    createdAt: createdAt(),
  },
  (t) => [
    index('stock_movements_variant_idx').on(t.variantId, t.createdAt),
    // A store's movement history (locations belong to one store).
    index('stock_movements_location_idx').on(t.locationId, t.createdAt),
    uniqueIndex('stock_movements_reference_key').on(t.reference, t.variantId, t.locationId),
    check('stock_movements_delta_nonzero', sql`${t.delta} <> 0`),
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
export type Reservation = typeof reservations.$inferSelect;
export type StockMovement = typeof stockMovements.$inferSelect;
