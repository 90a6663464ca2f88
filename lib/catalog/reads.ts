import { availableSql } from '@/lib/inventory/availability';
import { pgArray } from '@/lib/platform/sql';
import { and, asc, desc, eq, sql } from 'drizzle-orm';
import { categories, productImages, productOptions, products, variants } from '@/db/schema/catalog';
import { stores } from '@/db/schema/sellers';
import type { DbOrTx } from '@/lib/platform/db';
import { listProducts, type ProductCard } from './listing';
import { sellableProduct, sellableSql } from './sellable';
import type { ListingFilters } from './inputs';

// Plain reads that take the database as an argument; lib/catalog/queries.ts caches them.

export type CategoryNode = { id: string; parentId: string | null; slug: string; path: string; name: string; depth: number; featured: number };

export async function readCategories(db: DbOrTx): Promise<CategoryNode[]> {
  return db
    .select({
      id: categories.id,
      parentId: categories.parentId,
      slug: categories.slug,
      path: categories.path,
      name: categories.name,
      depth: categories.depth,
      featured: categories.featured,
    })
    .from(categories)
    .orderBy(asc(categories.depth), asc(categories.position), asc(categories.name));
}

/** The ids of a category and all its descendants. */
export function subtreeIds(all: CategoryNode[], rootId: string): string[] {
  const ids = [rootId];
  for (let i = 0; i < ids.length; i++) for (const c of all) if (c.parentId === ids[i]) ids.push(c.id);
  return ids;
}

export function breadcrumbsFor(all: CategoryNode[], path: string): { name: string; path: string }[] {
  const parts = path.split('/');
  return parts.map((_, i) => parts.slice(0, i + 1).join('/')).flatMap((p) => {
    const c = all.find((x) => x.path === p);
    return c ? [{ name: c.name, path: c.path }] : [];
  });
}

export async function readFacetKeys(db: DbOrTx): Promise<string[]> {
  const rows = await db.execute<{ key: string }>(sql`select distinct lower(name) as key from product_options order by 1`);
  return rows.rows.map((r) => r.key);
}

export async function readCategoryListing(db: DbOrTx, categoryIds: string[], f: ListingFilters) {
  return listProducts(db, { categoryIds }, f);
}

export async function readHomeShelves(db: DbOrTx): Promise<{ newArrivals: ProductCard[]; bestSellers: ProductCard[] }> {
  const base: ListingFilters = { brands: [], options: {}, inStock: true, sort: 'newest', limit: 8 };
  const [newArrivals, bestSellers] = await Promise.all([
    listProducts(db, {}, base),
    listProducts(db, {}, { ...base, sort: 'best-selling' }),
  ]);
  return { newArrivals: newArrivals.items, bestSellers: bestSellers.items };
}

export type FeaturedCategory = { path: string; name: string; imageUrl: string | null; productCount: number };

export async function readFeaturedCategories(db: DbOrTx, all: CategoryNode[]): Promise<FeaturedCategory[]> {
  const featured = all.filter((c) => c.depth === 1 && c.featured);
  return Promise.all(
    featured.map(async (c) => {
      const ids = subtreeIds(all, c.id);
      const rows = await db.execute<{ url: string | null; n: number }>(sql`
        select (select i.url from products p2 join product_images i on i.product_id = p2.id
                where p2.category_id = any(${pgArray(ids, 'uuid')}) and ${sellableSql('p2')}
                order by p2.sales_count desc, i.position limit 1) as url,
               (select count(*)::int from products p where p.category_id = any(${pgArray(ids, 'uuid')}) and ${sellableSql('p')}) as n`);
      return { path: c.path, name: c.name, imageUrl: rows.rows[0]?.url ?? null, productCount: rows.rows[0]?.n ?? 0 };
    }),
  );
}

export async function readProduct(db: DbOrTx, slug: string) {
  const [p] = await db
    .select({
      id: products.id,
      slug: products.slug,
      title: products.title,
      description: products.description,
      brand: products.brand,
      tags: products.tags,
      currency: products.currency,
      priceMin: products.priceMin,
      priceMax: products.priceMax,
      rating: products.rating,
      reviewCount: products.reviewCount,
      seoTitle: products.seoTitle,
      seoDescription: products.seoDescription,
      categoryId: products.categoryId,
      categoryPath: categories.path,
      store: { id: stores.id, slug: stores.slug, name: stores.name, rating: stores.rating, ratingCount: stores.ratingCount, country: stores.country },
    })
    .from(products)
    .innerJoin(stores, eq(stores.id, products.storeId))
    .innerJoin(categories, eq(categories.id, products.categoryId))
    .where(and(eq(products.slug, slug), sellableProduct()))
    .limit(1);
  if (!p) return null;
  const [options, images, vars] = await Promise.all([
    db.select({ name: productOptions.name, values: productOptions.values }).from(productOptions).where(eq(productOptions.productId, p.id)).orderBy(asc(productOptions.position)),
    db
      .select({ id: productImages.id, url: productImages.url, alt: productImages.alt, width: productImages.width, height: productImages.height })
      .from(productImages)
      .where(eq(productImages.productId, p.id))
      .orderBy(asc(productImages.position)),
    db
      .select({
        id: variants.id,
        sku: variants.sku,
        title: variants.title,
        options: variants.options,
        price: variants.price,
        compareAtPrice: variants.compareAtPrice,
        imageId: variants.imageId,
      })
      .from(variants)
      .where(eq(variants.productId, p.id))
      .orderBy(asc(variants.position)),
  ]);
  return { ...p, rating: Number(p.rating), store: { ...p.store, rating: Number(p.store.rating) }, options, images, variants: vars };
}
export type ProductDetail = NonNullable<Awaited<ReturnType<typeof readProduct>>>;

/**
 * Units available to sell per variant (on hand minus live reservations, summed over locations)
 * of a listed (active) product. It backs the public stock endpoint: a draft or archived
 * product's stock is its seller's business, so it reads as no product at all.
 */
export async function readAvailability(db: DbOrTx, productId: string): Promise<Record<string, number>> {
  const rows = await db.execute<{ variant_id: string; available: number }>(sql`
    select v.id as variant_id, coalesce(sum(greatest(${availableSql}, 0)), 0)::int as available
    from variants v join products p on p.id = v.product_id and p.status = 'active'
    left join inventory_levels il on il.variant_id = v.id
    where v.product_id = ${productId}
    group by v.id`);
  return Object.fromEntries(rows.rows.map((r) => [r.variant_id, r.available]));
}

export async function readTopProductSlugs(db: DbOrTx, limit: number): Promise<string[]> {
  const rows = await db
    .select({ slug: products.slug })
    .from(products)
    .where(sellableProduct())
    .orderBy(desc(products.salesCount), asc(products.id))
    .limit(limit);
  return rows.map((r) => r.slug);
}

export async function readSitemapEntries(db: DbOrTx, limit = 45_000) {
  return db
    .select({ slug: products.slug, updatedAt: products.updatedAt })
    .from(products)
    .where(sellableProduct())
    .orderBy(desc(products.updatedAt))
    .limit(limit);
}
