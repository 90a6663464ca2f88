/**
 * The one registry of cache tags. Reads tag what they depend on; writes invalidate the same
 * strings through these builders, so a tag can't be misspelt on one side.
 */
export const tags = {
  catalog: 'catalog',
  categories: 'categories',
  category: (id: string) => `category:${id}`,
  product: (id: string) => `product:${id}`,
  store: (id: string) => `store:${id}`,
  search: 'search',
  stock: (productId: string) => `stock:${productId}`,
  /** Storefront flash-sale reads (home strip, sale pages); short-lived anyway (lib/flash-sales/queries.ts). */
  flashSales: 'flash-sales',
  flashSale: (id: string) => `flash-sale:${id}`,
} as const;

/**
 * Everything a store's status change (suspend, reactivate) affects: every storefront read that
 * lists, finds or shows its products (lib/catalog/sellable.ts), and its flash sales on the home page.
 */
export function storeVisibilityTags(storeId: string): string[] {
  return [tags.store(storeId), tags.catalog, tags.search, tags.flashSales];
}

/** Everything a product write affects: the product, its category listings, search and home. */
export function productWriteTags(p: { id: string; categoryId: string; storeId: string }): string[] {
  return [tags.product(p.id), tags.category(p.categoryId), tags.store(p.storeId), tags.catalog, tags.search];
}
