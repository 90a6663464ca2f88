import { eq, sql } from 'drizzle-orm';
import { products } from '@/db/schema/catalog';
import { productWriteTags } from '@/lib/platform/cache-tags';
import type { DbOrTx } from '@/lib/platform/db';

/**
 * Recomputes a product's denormalised listing fields (price range, compare-at, facet values,
 * search keywords) from its variants and options. Catalog writes call it in the same
 * transaction, then invalidate the returned tags.
 */
export async function refreshProductDerived(db: DbOrTx, productId: string): Promise<string[]> {
  const [row] = await db
    .update(products)
    .set({
      priceMin: sql`(select coalesce(min(price), 0) from variants where product_id = ${productId})`,
      priceMax: sql`(select coalesce(max(price), 0) from variants where product_id = ${productId})`,
      compareAtMax: sql`(select max(compare_at_price) from variants where product_id = ${productId})`,
      facets: sql`coalesce((select array_agg(distinct lower(o.name) || ':' || v) from product_options o, unnest(o.values) v where o.product_id = ${productId}), '{}')`,
      searchKeywords: sql`concat_ws(' ', array_to_string(${products.tags}, ' '),
        (select string_agg(c.name, ' ') from categories c
          where (select path from categories where id = ${products.categoryId}) like c.path || '%'),
        (select string_agg(v, ' ') from product_options o, unnest(o.values) v where o.product_id = ${productId}))`,
      updatedAt: new Date(),
    })
    .where(eq(products.id, productId))
    .returning({ id: products.id, categoryId: products.categoryId, storeId: products.storeId });
  return row ? productWriteTags(row) : [];
}
