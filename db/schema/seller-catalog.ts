import { sql } from 'drizzle-orm';
import { check, index, integer, jsonb, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from './accounts';
import { variants } from './catalog';
import { createdAt, id, updatedAt } from './columns';
import { stores } from './sellers';

export const catalogImportStatus = pgEnum('catalog_import_status', ['queued', 'running', 'completed', 'failed']);

export type ImportIssue = { row: number; column: string; message: string };

/**
 * A bulk CSV import of a store's products. The file is kept in `source` until the job ends;
 * the runner applies it product by product in batches, committing progress (`cursor` = product
 * groups done) with each batch, so the page can poll it and a crashed run resumes where it left off.
 */
export const catalogImports = pgTable(
  'catalog_imports',
  {
    id: id(),
    storeId: uuid()
      .notNull()
      .references(() => stores.id, { onDelete: 'cascade' }),
    actorId: text().references(() => users.id, { onDelete: 'set null' }),
    /** Shown to the seller only; never used as a path. */
    fileName: text().notNull(),
    status: catalogImportStatus().notNull().default('queued'),
    source: text(),
    totalRows: integer().notNull().default(0),
    processedRows: integer().notNull().default(0),
    cursor: integer().notNull().default(0),
    createdProducts: integer().notNull().default(0),
    updatedProducts: integer().notNull().default(0),
    skippedProducts: integer().notNull().default(0),
    appliedRows: integer().notNull().default(0),
    errorCount: integer().notNull().default(0),
    /** The first errors by row and column (capped); `error_count` has the full count. */
    errors: jsonb().$type<ImportIssue[]>().notNull().default([]),
    /** A failure of the whole job (bad header, crash), as opposed to per-row errors. */
    failure: text(),
    /** While running: the worker holding the job until then. */
    leaseUntil: timestamp({ withTimezone: true }),
    startedAt: timestamp({ withTimezone: true }),
    finishedAt: timestamp({ withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('catalog_imports_store_idx').on(t.storeId, t.createdAt),
    check('catalog_imports_progress', sql`${t.processedRows} >= 0 and ${t.processedRows} <= ${t.totalRows}`),
  ],
);

/**
 * One row per crossing of a variant's low-stock threshold: opened when available stock falls to
 * the threshold or below, cleared when it rises above. At most one open alert per variant, and
 * the alert email is keyed by the alert id, so each crossing emails once.
 */
export const lowStockAlerts = pgTable(
  'low_stock_alerts',
  {
    id: id(),
    variantId: uuid()
      .notNull()
      .references(() => variants.id, { onDelete: 'cascade' }),
    storeId: uuid()
      .notNull()
      .references(() => stores.id, { onDelete: 'cascade' }),
    available: integer().notNull(),
    threshold: integer().notNull(),
    openedAt: createdAt(),
    clearedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    uniqueIndex('low_stock_alerts_open_key').on(t.variantId).where(sql`${t.clearedAt} is null`),
    index('low_stock_alerts_store_idx').on(t.storeId, t.openedAt),
  ],
);

export type CatalogImport = typeof catalogImports.$inferSelect;
export type LowStockAlert = typeof lowStockAlerts.$inferSelect;
