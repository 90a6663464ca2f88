import { relations, sql } from 'drizzle-orm';
import {
  check,
  customType,
  index,
  integer,
  jsonb,
  numeric,
  pgEnum,
  pgTable,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
  type AnyPgColumn,
} from 'drizzle-orm/pg-core';
import { createdAt, currency, id, money, updatedAt } from './columns';
import { stores } from './sellers';

const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

export const productStatus = pgEnum('product_status', ['draft', 'active', 'archived']);

/** A three-level tree; `path` is the slug chain ("fashion/shoes/running") for breadcrumbs and subtree reads. */
export const categories = pgTable(
  'categories',
  {
    id: id(),
    parentId: uuid().references((): AnyPgColumn => categories.id, { onDelete: 'restrict' }),
    slug: text().notNull(),
    path: text().notNull(),
    name: text().notNull(),
    description: text().notNull().default(''),
    depth: smallint().notNull(),
    position: integer().notNull().default(0),
    featured: integer().notNull().default(0),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('categories_path_key').on(t.path),
    index('categories_parent_idx').on(t.parentId, t.position),
    check('categories_depth_range', sql`${t.depth} between 0 and 2`),
  ],
);

export const products = pgTable(
  'products',
  {
    id: id(),
    storeId: uuid()
      .notNull()
      .references(() => stores.id, { onDelete: 'cascade' }),
    categoryId: uuid()
      .notNull()
      .references(() => categories.id, { onDelete: 'restrict' }),
    slug: text().notNull(),
    title: text().notNull(),
    description: text().notNull().default(''),
    brand: text().notNull().default(''),
    tags: text().array().notNull().default(sql`'{}'::text[]`),
    status: productStatus().notNull().default('draft'),
    seoTitle: text(),
    seoDescription: text(),
    currency: currency(),
    // Denormalised from variants by the catalog service so listings sort and filter on one table.
    priceMin: money().notNull(),
    priceMax: money().notNull(),
    compareAtMax: money(),
    /** Facet values such as "color:Red" and "size:M", kept in step with variants. */
    facets: text().array().notNull().default(sql`'{}'::text[]`),
    salesCount: integer().notNull().default(0),
    rating: numeric({ precision: 3, scale: 2 }).notNull().default('0'),
    reviewCount: integer().notNull().default(0),
    publishedAt: timestamp({ withTimezone: true }),
    searchVector: tsvector().generatedAlwaysAs(
      sql`setweight(to_tsvector('english'::regconfig, coalesce(title, '')), 'A') ||
        setweight(to_tsvector('english'::regconfig, coalesce(brand, '')), 'B') ||
        setweight(to_tsvector('english'::regconfig, coalesce(search_keywords, '')), 'B') ||
        setweight(to_tsvector('english'::regconfig, coalesce(description, '')), 'D')`,
    ),
    /** Tags, category names and option values as one string: the generated vector can't read arrays. */
    searchKeywords: text().notNull().default(''),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('products_slug_key').on(t.slug),
    index('products_store_idx').on(t.storeId, t.createdAt, t.id),
    // The seller portal's list filtered by status (keyset on created_at, id).
    index('products_store_status_idx').on(t.storeId, t.status, t.createdAt, t.id),
    index('products_category_newest_idx').on(t.categoryId, t.status, t.createdAt, t.id),
    index('products_category_price_idx').on(t.categoryId, t.status, t.priceMin, t.id),
    index('products_category_sales_idx').on(t.categoryId, t.status, t.salesCount, t.id),
    index('products_newest_idx').on(t.status, t.createdAt, t.id),
    index('products_sales_idx').on(t.status, t.salesCount, t.id),
    index('products_facets_idx').using('gin', t.facets),
    index('products_search_idx').using('gin', t.searchVector),
    index('products_title_trgm_idx').using('gin', sql`${t.title} gin_trgm_ops`),
    check('products_price_range', sql`${t.priceMin} >= 0 and ${t.priceMax} >= ${t.priceMin}`),
  ],
);

export const productOptions = pgTable(
  'product_options',
  {
    id: id(),
    productId: uuid()
      .notNull()
      .references(() => products.id, { onDelete: 'cascade' }),
    name: text().notNull(),
    position: smallint().notNull().default(0),
    values: text().array().notNull(),
  },
  (t) => [uniqueIndex('product_options_name_key').on(t.productId, t.name)],
);

export const productImages = pgTable(
  'product_images',
  {
    id: id(),
    productId: uuid()
      .notNull()
      .references(() => products.id, { onDelete: 'cascade' }),
    url: text().notNull(),
    alt: text().notNull().default(''),
    width: integer().notNull(),
    height: integer().notNull(),
    position: smallint().notNull().default(0),
  },
  (t) => [index('product_images_product_idx').on(t.productId, t.position)],
);

export const variants = pgTable(
  'variants',
  {
    id: id(),
    productId: uuid()
      .notNull()
      .references(() => products.id, { onDelete: 'cascade' }),
    sku: text().notNull(),
    title: text().notNull(),
    /** Option name → value, e.g. {"Size":"M","Color":"Red"}. */
    options: jsonb().$type<Record<string, string>>().notNull().default({}),
    price: money().notNull(),
    compareAtPrice: money(),
    currency: currency(),
    weightGrams: integer().notNull().default(0),
    imageId: uuid().references(() => productImages.id, { onDelete: 'set null' }),
    position: smallint().notNull().default(0),
    lowStockThreshold: integer().notNull().default(5),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('variants_sku_key').on(t.sku),
    // The seller portal searches products by any part of a SKU (`lower(sku) like '%…%'`). On an
    // expression, so equality lookups (`sku = …`) keep using the unique btree index.
    index('variants_sku_lower_trgm_idx').using('gin', sql`lower(${t.sku}) gin_trgm_ops`),
    index('variants_product_idx').on(t.productId, t.position),
    check('variants_price_nonnegative', sql`${t.price} >= 0`),
    check(
      'variants_compare_at_above_price',
      sql`${t.compareAtPrice} is null or ${t.compareAtPrice} > ${t.price}`,
    ),
  ],
);

/** The spelling-correction vocabulary for search, rebuilt from the catalog (see lib/search). */
export const searchTerms = pgTable(
  'search_terms',
  {
    term: text().primaryKey(),
    documents: integer().notNull(),
  },
  (t) => [index('search_terms_trgm_idx').using('gin', sql`${t.term} gin_trgm_ops`)],
);

/** Two-way synonym groups: a query word in a group also matches the others. */
export const searchSynonyms = pgTable('search_synonyms', {
  id: id(),
  terms: text().array().notNull(),
});

export const categoriesRelations = relations(categories, ({ one, many }) => ({
  parent: one(categories, { fields: [categories.parentId], references: [categories.id], relationName: 'tree' }),
  children: many(categories, { relationName: 'tree' }),
  products: many(products),
}));

export const productsRelations = relations(products, ({ one, many }) => ({
  store: one(stores, { fields: [products.storeId], references: [stores.id] }),
  category: one(categories, { fields: [products.categoryId], references: [categories.id] }),
  options: many(productOptions),
  variants: many(variants),
  images: many(productImages),
}));

export const variantsRelations = relations(variants, ({ one }) => ({
  product: one(products, { fields: [variants.productId], references: [products.id] }),
  image: one(productImages, { fields: [variants.imageId], references: [productImages.id] }),
}));

export const productOptionsRelations = relations(productOptions, ({ one }) => ({
  product: one(products, { fields: [productOptions.productId], references: [products.id] }),
}));

export const productImagesRelations = relations(productImages, ({ one }) => ({
  product: one(products, { fields: [productImages.productId], references: [products.id] }),
}));

export type Category = typeof categories.$inferSelect;
export type Product = typeof products.$inferSelect;
export type Variant = typeof variants.$inferSelect;
export type ProductImage = typeof productImages.$inferSelect;
