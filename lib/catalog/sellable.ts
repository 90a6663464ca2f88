import { sql, type SQL } from 'drizzle-orm';
import { products } from '@/db/schema/catalog';
import { stores } from '@/db/schema/sellers';

/*
 * The one rule for what the storefront shows and sells: an active product of an active store.
 * A store that is suspended (or not yet approved) takes all its products out of category
 * listings, search, product pages, the home page and the public API, and they can't be put in a
 * cart or checked out; reactivating it brings them back (their own status is never touched).
 * Every catalog read and the cart use these, so the rule can't drift between them. On a status
 * change the storefront's cached reads are invalidated with `storeVisibilityTags`
 * (lib/platform/cache-tags.ts).
 */

/** `true` for a product the storefront may show and sell. */
export function isSellable(productStatus: string, storeStatus: string): boolean {
  return productStatus === 'active' && storeStatus === 'active';
}

/**
 * The rule over a raw query's products alias (`p` unless told): the product is active and its
 * store is active (a semi-join on the store's primary key, cheap beside any listing).
 */
export function sellableSql(alias = 'p'): SQL {
  const p = sql.raw(alias);
  return sql`(${p}.status = 'active' and exists (select 1 from stores sellable_store where sellable_store.id = ${p}.store_id and sellable_store.status = 'active'))`;
}

/** The rule for query-builder reads whose FROM is `products` (unaliased). */
export function sellableProduct(): SQL {
  return sql`(${products.status} = 'active' and exists (select 1 from ${stores} sellable_store where sellable_store.id = ${products.storeId} and sellable_store.status = 'active'))`;
}
