import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { categories, productOptions, products, variants } from '@/db/schema/catalog';
import { inventoryLevels } from '@/db/schema/inventory';
import { refreshProductDerived } from '@/lib/catalog/service';
import { tags as cacheTags } from '@/lib/platform/cache-tags';
import type { DbOrTx } from '@/lib/platform/db';
import { NotFoundError } from '@/lib/platform/errors';
import { pgArray } from '@/lib/platform/sql';
import { CatalogRuleError, HandleTakenError, SkuTakenError, uniqueViolation } from './errors';
import type { CreateProductInput, SaveOptionsInput, SaveVariantsInput, UpdateProductInput } from './inputs';
import { syncLowStock } from './low-stock';
import { generateMatrix, matrixProblems, normaliseOptions, type ExistingVariant, type OptionDef } from './matrix';
import type { StoreScope } from './scope';
import { addSearchTerms } from './search-terms';

/** What a write changed: the product and the cache tags the caller must invalidate. */
export type WriteResult = { productId: string; tags: string[] };

export const slugify = (s: string) =>
  s
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80)
    .replace(/-+$/, '') || 'product';

/** Loads and row-locks a product of the scope's store; another store's id reads as not found. */
export async function lockProduct(tx: DbOrTx, scope: StoreScope, productId: string) {
  const [p] = await tx
    .select()
    .from(products)
    .where(and(eq(products.id, productId), eq(products.storeId, scope.storeId)))
    .for('update');
  if (!p) throw new NotFoundError('That product');
  return p;
}

async function assertCategory(tx: DbOrTx, categoryId: string): Promise<void> {
  const [c] = await tx.select({ id: categories.id }).from(categories).where(eq(categories.id, categoryId));
  if (!c) throw new CatalogRuleError('invalid_category', 'Choose a category from the list.');
}

/** Refreshes the denormalised columns and, for a live product, the search vocabulary; returns the tags. */
export async function afterProductWrite(tx: DbOrTx, productId: string, extraTags: string[] = []): Promise<string[]> {
  const written = await refreshProductDerived(tx, productId);
  await addSearchTerms(tx, [productId]);
  return [...new Set([...written, ...extraTags])];
}

/** Throws SkuTakenError when any of `skus` belongs to a variant outside `ownIds`. */
export async function assertSkusFree(tx: DbOrTx, scope: StoreScope, skus: readonly string[], ownIds: readonly string[] = []): Promise<void> {
  if (!skus.length) return;
  const clash = await tx.execute<{ sku: string; store_id: string; title: string }>(sql`
    select v.sku, p.store_id, p.title from variants v join products p on p.id = v.product_id
    where v.sku = any(${pgArray([...skus])})${ownIds.length ? sql` and v.id <> all(${pgArray([...ownIds], 'uuid')})` : sql``}
    limit 1`);
  const hit = clash.rows[0];
  // Another store's product is not named: its catalog is its own business.
  if (hit) throw new SkuTakenError(hit.sku, hit.store_id === scope.storeId ? `your product “${hit.title}”` : undefined);
}

/** Maps a unique violation raised by a write to the seller-facing error. */
async function mapUnique<T>(work: () => Promise<T>, ctx: { skus?: readonly string[]; handle?: string }): Promise<T> {
  try {
    return await work();
  } catch (err) {
    const constraint = uniqueViolation(err);
    if (constraint === 'variants_sku_key') throw new SkuTakenError(ctx.skus?.length === 1 ? ctx.skus[0]! : 'in this list');
    if (constraint === 'products_slug_key') throw new HandleTakenError(ctx.handle ?? '');
    throw err;
  }
}

async function freeHandle(tx: DbOrTx, base: string): Promise<string> {
  const rows = await tx.execute<{ slug: string }>(sql`select slug from products where slug = ${base} or slug like ${base.replace(/[%_\\]/g, '\\$&') + '-%'}`);
  const taken = new Set(rows.rows.map((r) => r.slug));
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
}

/** Creates a draft product with one default variant. */
export async function createProduct(db: DbOrTx, scope: StoreScope, input: Omit<CreateProductInput, 'storeId'>): Promise<WriteResult & { slug: string }> {
  return mapUnique(
    () =>
      db.transaction(async (tx) => {
        await assertCategory(tx, input.categoryId);
        let slug: string;
        if (input.handle) {
          const [taken] = await tx.select({ id: products.id }).from(products).where(eq(products.slug, input.handle));
          if (taken) throw new HandleTakenError(input.handle);
          slug = input.handle;
        } else {
          slug = await freeHandle(tx, slugify(input.title));
        }
        const sku = input.sku ?? `${slug.toUpperCase().replace(/[^A-Z0-9]+/g, '-').slice(0, 40)}-${Math.random().toString(36).slice(2, 6).toUpperCase()}`;
        await assertSkusFree(tx, scope, [sku]);
        const [p] = await tx
          .insert(products)
          .values({
            storeId: scope.storeId,
            categoryId: input.categoryId,
            slug,
            title: input.title,
            description: input.description,
            brand: input.brand,
            tags: input.tags,
            seoTitle: input.seoTitle,
            seoDescription: input.seoDescription,
            status: 'draft',
            priceMin: input.price,
            priceMax: input.price,
          })
          .returning({ id: products.id });
        await tx.insert(variants).values({ productId: p!.id, sku, title: 'Default', options: {}, price: input.price, compareAtPrice: input.compareAtPrice, position: 0 });
        return { productId: p!.id, slug, tags: await afterProductWrite(tx, p!.id) };
      }),
    { skus: input.sku ? [input.sku] : [], handle: input.handle },
  );
}

/** Title, handle, description, category, brand, tags and SEO fields. */
export async function updateProductDetails(db: DbOrTx, scope: StoreScope, input: Omit<UpdateProductInput, 'storeId'>): Promise<WriteResult> {
  return mapUnique(
    () =>
      db.transaction(async (tx) => {
        const before = await lockProduct(tx, scope, input.productId);
        if (input.categoryId !== before.categoryId) await assertCategory(tx, input.categoryId);
        if (input.handle !== before.slug) {
          const [taken] = await tx.select({ id: products.id }).from(products).where(eq(products.slug, input.handle));
          if (taken) throw new HandleTakenError(input.handle);
        }
        await tx
          .update(products)
          .set({
            slug: input.handle,
            title: input.title,
            description: input.description,
            categoryId: input.categoryId,
            brand: input.brand,
            tags: input.tags,
            seoTitle: input.seoTitle,
            seoDescription: input.seoDescription,
          })
          .where(eq(products.id, before.id));
        // The old category's listings lose the product when it moves.
        const extra = before.categoryId !== input.categoryId ? [cacheTags.category(before.categoryId)] : [];
        return { productId: before.id, tags: await afterProductWrite(tx, before.id, extra) };
      }),
    { handle: input.handle },
  );
}

/** Draft ↔ active (publish) ↔ archived. Publishing needs a category and at least one priced variant. */
export async function setProductStatus(db: DbOrTx, scope: StoreScope, productId: string, status: 'draft' | 'active' | 'archived'): Promise<WriteResult> {
  return db.transaction(async (tx) => {
    const p = await lockProduct(tx, scope, productId);
    if (status === 'active') {
      const [n] = await tx.select({ n: sql<number>`count(*)::int` }).from(variants).where(eq(variants.productId, p.id));
      if (!n?.n) throw new CatalogRuleError('not_publishable', 'Add at least one variant before publishing.');
    }
    await tx
      .update(products)
      .set({ status, ...(status === 'active' && !p.publishedAt ? { publishedAt: new Date() } : {}) })
      .where(eq(products.id, p.id));
    return { productId: p.id, tags: await afterProductWrite(tx, p.id) };
  });
}

const toExisting = (v: typeof variants.$inferSelect): ExistingVariant => ({
  id: v.id,
  options: v.options,
  sku: v.sku,
  price: v.price,
  compareAtPrice: v.compareAtPrice,
  weightGrams: v.weightGrams,
  lowStockThreshold: v.lowStockThreshold,
});

/**
 * Saves the product's options and regenerates its variants through the matrix: variants whose
 * combination survives keep their id, SKU and prices; new combinations get new variants; the
 * rest are deleted, unless they still hold stock (then nothing changes and the seller is told).
 */
export async function saveOptions(db: DbOrTx, scope: StoreScope, input: Omit<SaveOptionsInput, 'storeId'>): Promise<WriteResult & { created: number; removed: number; kept: number }> {
  const options: OptionDef[] = normaliseOptions(input.options);
  const problems = matrixProblems(options);
  if (problems.length) throw new CatalogRuleError('too_many_variants', problems.join(' '));
  return mapUnique(
    () =>
      db.transaction(async (tx) => {
        const p = await lockProduct(tx, scope, input.productId);
        const current = await tx.select().from(variants).where(eq(variants.productId, p.id)).orderBy(asc(variants.position));
        // A renamed option keeps its variants: rename the key on the existing combinations first.
        const renames = new Map(input.options.flatMap((o) => (o.from && o.from.trim() && o.from.trim() !== o.name.trim() ? [[o.from.trim(), o.name.trim()] as const] : [])));
        const existing = current.map((v) => {
          const e = toExisting(v);
          if (renames.size) e.options = Object.fromEntries(Object.entries(e.options).map(([k, val]) => [renames.get(k) ?? k, val]));
          return e;
        });
        const first = existing[0];
        const plan = generateMatrix(options, existing, {
          price: input.defaultPrice ?? first?.price ?? 0,
          skuPrefix: p.slug.slice(0, 24),
          weightGrams: first?.weightGrams,
          lowStockThreshold: first?.lowStockThreshold,
        });
        if (plan.removed.length) {
          const held = await tx.execute<{ title: string; on_hand: number }>(sql`
            select v.title, sum(il.on_hand)::int as on_hand from variants v join inventory_levels il on il.variant_id = v.id
            where v.id = any(${pgArray(plan.removed.map((r) => r.id), 'uuid')})
            group by v.id, v.title having sum(il.on_hand) > 0 or sum(il.reserved) > 0
            order by v.title limit 5`);
          if (held.rows.length) {
            throw new CatalogRuleError(
              'variant_has_stock',
              `These variants would be removed but still have stock: ${held.rows.map((r) => `${r.title} (${r.on_hand})`).join(', ')}. Set their stock to 0 first, or keep their option values.`,
            );
          }
          await tx.delete(variants).where(inArray(variants.id, plan.removed.map((r) => r.id)));
        }
        const fresh = plan.rows.filter((r) => !r.id);
        await assertSkusFree(tx, scope, fresh.map((r) => r.sku));
        for (const [position, row] of plan.rows.entries()) {
          if (row.id) await tx.update(variants).set({ options: row.options, title: row.title, position }).where(eq(variants.id, row.id));
        }
        if (fresh.length) {
          await tx.insert(variants).values(
            plan.rows.flatMap((row, position) =>
              row.id
                ? []
                : [{ productId: p.id, sku: row.sku, title: row.title, options: row.options, price: row.price, compareAtPrice: row.compareAtPrice, weightGrams: row.weightGrams, lowStockThreshold: row.lowStockThreshold, position, currency: p.currency }],
            ),
          );
        }
        await tx.delete(productOptions).where(eq(productOptions.productId, p.id));
        if (options.length) await tx.insert(productOptions).values(options.map((o, position) => ({ productId: p.id, name: o.name, values: o.values, position })));
        return {
          productId: p.id,
          tags: await afterProductWrite(tx, p.id, [cacheTags.stock(p.id)]),
          created: fresh.length,
          removed: plan.removed.length,
          kept: plan.rows.length - fresh.length,
        };
      }),
    {},
  );
}

/** Per-variant SKU, price, compare-at, weight and low-stock threshold. */
export async function saveVariants(db: DbOrTx, scope: StoreScope, input: Omit<SaveVariantsInput, 'storeId'>): Promise<WriteResult> {
  const skus = input.variants.map((v) => v.sku);
  const dup = skus.find((s, i) => skus.indexOf(s) !== i);
  if (dup) throw new SkuTakenError(dup, 'another variant in this list');
  return mapUnique(
    () =>
      db.transaction(async (tx) => {
        const p = await lockProduct(tx, scope, input.productId);
        const ids = input.variants.map((v) => v.id);
        const own = await tx.select({ id: variants.id }).from(variants).where(and(eq(variants.productId, p.id), inArray(variants.id, ids)));
        if (own.length !== new Set(ids).size) throw new NotFoundError('A variant');
        await assertSkusFree(tx, scope, skus, ids);
        // Two variants swapping SKUs would collide midway: park the changed ones on a unique temporary value first.
        const current = await tx.select({ id: variants.id, sku: variants.sku }).from(variants).where(inArray(variants.id, ids));
        const changed = input.variants.filter((v) => current.find((c) => c.id === v.id)?.sku !== v.sku);
        if (changed.length > 1) {
          await tx
            .update(variants)
            .set({ sku: sql`'~' || ${variants.id}::text` })
            .where(inArray(variants.id, changed.map((v) => v.id)));
        }
        for (const v of input.variants) {
          await tx
            .update(variants)
            .set({ sku: v.sku, price: v.price, compareAtPrice: v.compareAtPrice, weightGrams: v.weightGrams, lowStockThreshold: v.lowStockThreshold })
            .where(and(eq(variants.id, v.id), eq(variants.productId, p.id)));
        }
        await syncLowStock(tx, ids);
        return { productId: p.id, tags: await afterProductWrite(tx, p.id) };
      }),
    { skus: skus.length === 1 ? skus : [] },
  );
}

/** Variants that can't be removed by a matrix change (they have stock), used by the editor's preview. */
export async function variantsWithStock(db: DbOrTx, scope: StoreScope, productId: string): Promise<string[]> {
  const rows = await db
    .select({ id: inventoryLevels.variantId })
    .from(inventoryLevels)
    .innerJoin(variants, eq(variants.id, inventoryLevels.variantId))
    .innerJoin(products, eq(products.id, variants.productId))
    .where(and(eq(products.id, productId), eq(products.storeId, scope.storeId), sql`(${inventoryLevels.onHand} > 0 or ${inventoryLevels.reserved} > 0)`));
  return [...new Set(rows.map((r) => r.id))];
}
