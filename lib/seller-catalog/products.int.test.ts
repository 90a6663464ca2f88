import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { productOptions, products, variants } from '@/db/schema/catalog';
import { inventoryLevels } from '@/db/schema/inventory';
import { tags } from '@/lib/platform/cache-tags';
import { ForbiddenError, NotFoundError } from '@/lib/platform/errors';
import { searchProducts } from '@/lib/search/search';
import { BACKENDS, useTestDatabase } from '@/test/db';
import { CatalogRuleError, HandleTakenError, SkuTakenError } from './errors';
import { sku as skuSchema } from './inputs';
import { adjustStock } from './inventory';
import { createProduct, saveOptions, saveVariants, setProductStatus, updateProductDetails } from './products';
import { getSellerProduct, listSellerProducts } from './queries';
import { storeScope } from './scope';
import { insertCategories, insertSeller, type SellerFixture } from './test-fixtures';

const searchFilters = { brands: [], options: {}, inStock: false, sort: 'relevance' as const, limit: 24 };

describe.each(BACKENDS)('seller products (%s)', (backend) => {
  const t = useTestDatabase(backend);
  let a: SellerFixture;
  let b: SellerFixture;
  let cats: Awaited<ReturnType<typeof insertCategories>>;

  beforeAll(async () => {
    cats = await insertCategories(t().db);
    a = await insertSeller(t().db, 'Alpha');
    b = await insertSeller(t().db, 'Beta');
  });

  const create = (s: SellerFixture, over: Partial<Parameters<typeof createProduct>[2]> = {}) =>
    createProduct(t().db, s.scope, {
      title: 'Ridge Runner',
      description: 'A trail shoe.',
      categoryId: cats.leaf,
      brand: 'Stride',
      tags: ['trail'],
      seoTitle: null,
      seoDescription: null,
      price: 12_000,
      compareAtPrice: null,
      ...over,
    });

  it('creates a draft with one default variant and returns the tags to invalidate', async () => {
    const r = await create(a, { sku: 'RR-1' });
    const [p] = await t().db.select().from(products).where(eq(products.id, r.productId));
    expect(p).toMatchObject({ status: 'draft', storeId: a.storeId, slug: 'ridge-runner', priceMin: 12_000, priceMax: 12_000 });
    const vs = await t().db.select().from(variants).where(eq(variants.productId, r.productId));
    expect(vs.map((v) => [v.sku, v.title, v.price])).toEqual([['RR-1', 'Default', 12_000]]);
    expect(r.tags).toEqual(expect.arrayContaining([tags.product(r.productId), tags.category(cats.leaf), tags.store(a.storeId), tags.catalog, tags.search]));
    // A second product with the same title gets the next free handle.
    const again = await create(a);
    expect(again.slug).toBe('ridge-runner-2');
  });

  it('refuses a taken handle and a taken SKU with clear errors (another store’s SKU is not named)', async () => {
    await expect(create(b, { handle: 'ridge-runner' })).rejects.toBeInstanceOf(HandleTakenError);
    const own = await create(a, { title: 'Sku owner', sku: 'OWN-1' }).catch((e: unknown) => e);
    expect(own).not.toBeInstanceOf(Error);
    // SKUs are case-insensitive: the input schema stores them upper-case.
    const mine = await create(a, { title: 'Clash', sku: skuSchema.parse(' own-1 ') }).catch((e: unknown) => e);
    expect(mine).toBeInstanceOf(SkuTakenError);
    expect((mine as Error).message).toMatch(/OWN-1 is already used by your product “Sku owner”/);
    const theirs = await create(b, { title: 'Clash', sku: 'OWN-1' }).catch((e: unknown) => e);
    expect(theirs).toBeInstanceOf(SkuTakenError);
    expect((theirs as Error).message).toBe('SKU OWN-1 is already taken. Choose another SKU.');
  });

  it('generates the matrix, keeps variant ids and prices when regenerating, refuses to drop stocked variants', async () => {
    const { productId } = await create(a, { title: 'Matrix tee', sku: 'MT-BASE', price: 2000 });
    const [base] = await t().db.select().from(variants).where(eq(variants.productId, productId));

    const first = await saveOptions(t().db, a.scope, { productId, options: [{ name: 'Size', values: ['S', 'M'] }], defaultPrice: null });
    expect(first).toMatchObject({ created: 1, kept: 1, removed: 0 });
    let vs = await t().db.select().from(variants).where(eq(variants.productId, productId)).orderBy(variants.position);
    expect(vs.map((v) => [v.title, v.id === base!.id, v.price])).toEqual([
      ['S', true, 2000],
      ['M', false, 2000],
    ]);

    // Give M its own price, then add a second option: every old variant survives on its first colour.
    const m = vs[1]!;
    await saveVariants(t().db, a.scope, {
      productId,
      variants: vs.map((v) => ({ id: v.id, sku: v.sku, price: v === m ? 2500 : v.price, compareAtPrice: v === m ? 3000 : null, weightGrams: 200, lowStockThreshold: 2 })),
    });
    const second = await saveOptions(t().db, a.scope, {
      productId,
      options: [
        { name: 'Size', values: ['S', 'M'] },
        { name: 'Color', values: ['Red', 'Blue'] },
      ],
      defaultPrice: 2100,
    });
    expect(second).toMatchObject({ created: 2, kept: 2, removed: 0 });
    vs = await t().db.select().from(variants).where(eq(variants.productId, productId)).orderBy(variants.position);
    expect(vs.map((v) => [v.title, v.price, v.compareAtPrice])).toEqual([
      ['S / Red', 2000, null],
      ['S / Blue', 2100, null],
      ['M / Red', 2500, 3000],
      ['M / Blue', 2100, null],
    ]);
    expect(vs[0]!.id).toBe(base!.id);
    expect(vs[2]!.id).toBe(m.id);
    const [p] = await t().db.select().from(products).where(eq(products.id, productId));
    expect(p).toMatchObject({ priceMin: 2000, priceMax: 2500, compareAtMax: 3000 });
    expect([...p!.facets].sort()).toEqual(['color:Blue', 'color:Red', 'size:M', 'size:S']);
    const opts = await t().db.select().from(productOptions).where(eq(productOptions.productId, productId)).orderBy(productOptions.position);
    expect(opts.map((o) => [o.name, o.values])).toEqual([
      ['Size', ['S', 'M']],
      ['Color', ['Red', 'Blue']],
    ]);

    // Renaming an option keeps every variant.
    const renamed = await saveOptions(t().db, a.scope, {
      productId,
      options: [
        { name: 'Size', values: ['S', 'M'] },
        { name: 'Colour', values: ['Red', 'Blue'], from: 'Color' },
      ],
      defaultPrice: null,
    });
    expect(renamed).toMatchObject({ created: 0, kept: 4, removed: 0 });

    // Stock on M / Blue: removing Blue is refused and changes nothing.
    const blue = vs[3]!;
    await adjustStock(t().db, a.scope, { variantId: blue.id, locationId: a.locationIds.MAIN, mode: 'delta', quantity: 3, reason: 'restock' });
    const refused = await saveOptions(t().db, a.scope, {
      productId,
      options: [
        { name: 'Size', values: ['S', 'M'] },
        { name: 'Colour', values: ['Red'] },
      ],
      defaultPrice: null,
    }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(CatalogRuleError);
    expect((refused as Error).message).toMatch(/M \/ Blue \(3\)/);
    expect(await t().db.select().from(variants).where(eq(variants.productId, productId))).toHaveLength(4);

    // Too many combinations is a clear error.
    const many = Array.from({ length: 11 }, (_, i) => `v${i}`);
    await expect(
      saveOptions(t().db, a.scope, { productId, options: [{ name: 'A', values: many }, { name: 'B', values: many }], defaultPrice: null }),
    ).rejects.toThrow(/121 variants; the limit is 100/);
  });

  it('saves per-variant fields; SKUs can swap; compare-at must stay above price (database check too)', async () => {
    const { productId } = await create(a, { title: 'Swap', sku: 'SW-A' });
    await saveOptions(t().db, a.scope, { productId, options: [{ name: 'Size', values: ['A', 'B'] }], defaultPrice: null });
    const vs = await t().db.select().from(variants).where(eq(variants.productId, productId)).orderBy(variants.position);
    const swapped = vs.map((v, i) => ({ id: v.id, sku: vs[1 - i]!.sku, price: 1000, compareAtPrice: null, weightGrams: 0, lowStockThreshold: 0 }));
    await saveVariants(t().db, a.scope, { productId, variants: swapped });
    const after = await t().db.select().from(variants).where(eq(variants.productId, productId)).orderBy(variants.position);
    expect(after.map((v) => v.sku)).toEqual([vs[1]!.sku, vs[0]!.sku]);
    await expect(
      saveVariants(t().db, a.scope, { productId, variants: [{ id: vs[0]!.id, sku: 'DUP', price: 1, compareAtPrice: null, weightGrams: 0, lowStockThreshold: 0 }, { id: vs[1]!.id, sku: 'DUP', price: 1, compareAtPrice: null, weightGrams: 0, lowStockThreshold: 0 }] }),
    ).rejects.toBeInstanceOf(SkuTakenError);
    await expect(
      saveVariants(t().db, a.scope, { productId, variants: [{ id: vs[0]!.id, sku: vs[1]!.sku, price: 1000, compareAtPrice: 900, weightGrams: 0, lowStockThreshold: 0 }] }),
    ).rejects.toThrow();
  });

  it('publishing makes the product findable in storefront search at once; archiving hides it', async () => {
    const { productId } = await create(a, { title: 'Quokkafell Ultra', sku: 'QF-1' });
    expect((await searchProducts(t().db, 'quokkafell', searchFilters)).items).toHaveLength(0);
    const pub = await setProductStatus(t().db, a.scope, productId, 'active');
    expect(pub.tags).toEqual(expect.arrayContaining([tags.search, tags.product(productId)]));
    const found = await searchProducts(t().db, 'quokkafell', searchFilters);
    expect(found.items.map((i) => i.id)).toEqual([productId]);
    await updateProductDetails(t().db, a.scope, {
      productId,
      handle: 'quokkafell-ultra',
      title: 'Quokkafell Ultra 2',
      description: 'Now lighter.',
      categoryId: cats.other,
      brand: 'Stride',
      tags: ['trail', 'ultra'],
      seoTitle: 'Quokkafell',
      seoDescription: 'Light trail shoe',
    });
    expect((await searchProducts(t().db, 'quokkafell', searchFilters)).items[0]?.title).toBe('Quokkafell Ultra 2');
    const archived = await setProductStatus(t().db, a.scope, productId, 'archived');
    expect(archived.tags).toContain(tags.catalog);
    expect((await searchProducts(t().db, 'quokkafell', searchFilters)).items).toHaveLength(0);
  });

  it('lists with keyset pages, status filter and search by title or any part of a SKU', async () => {
    const s = await insertSeller(t().db, 'Lister');
    for (let i = 0; i < 7; i++) await create(s, { title: `Widget ${i}`, sku: `LST-${i}-XQ` });
    const { productId } = await create(s, { title: 'Gizmo', sku: 'GZ-777' });
    await setProductStatus(t().db, s.scope, productId, 'active');
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await listSellerProducts(t().db, s.scope, { limit: 3, cursor });
      seen.push(...page.items.map((p) => p.title));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toHaveLength(8);
    expect(new Set(seen).size).toBe(8);
    expect(seen[0]).toBe('Gizmo'); // newest first
    expect((await listSellerProducts(t().db, s.scope, { status: 'active' })).items.map((p) => p.title)).toEqual(['Gizmo']);
    expect((await listSellerProducts(t().db, s.scope, { q: 'z-77' })).items.map((p) => p.title)).toEqual(['Gizmo']);
    expect((await listSellerProducts(t().db, s.scope, { q: 'widget 3' })).items.map((p) => p.title)).toEqual(['Widget 3']);
    expect((await listSellerProducts(t().db, s.scope, { q: '%' })).items).toEqual([]);
    // Another store's products never show, whatever the search.
    expect((await listSellerProducts(t().db, b.scope, { q: 'widget' })).items).toEqual([]);
  });

  it('denies every cross-store read and write, including guessed ids', async () => {
    const { productId } = await create(a, { title: 'Private', sku: 'PRIV-1' });
    const [v] = await t().db.select().from(variants).where(eq(variants.productId, productId));
    const guessed = '00000000-0000-4000-8000-000000000000';
    for (const id of [productId, guessed]) {
      await expect(getSellerProduct(t().db, b.scope, id)).rejects.toBeInstanceOf(NotFoundError);
      await expect(setProductStatus(t().db, b.scope, id, 'active')).rejects.toBeInstanceOf(NotFoundError);
      await expect(saveOptions(t().db, b.scope, { productId: id, options: [], defaultPrice: null })).rejects.toBeInstanceOf(NotFoundError);
      await expect(
        updateProductDetails(t().db, b.scope, { productId: id, handle: 'stolen', title: 'x', description: '', categoryId: cats.leaf, brand: '', tags: [], seoTitle: null, seoDescription: null }),
      ).rejects.toBeInstanceOf(NotFoundError);
    }
    // Store B's product id with store A's variant id: the variant is not B's.
    const bProduct = await create(b, { title: 'B thing', sku: 'BTH-1' });
    await expect(
      saveVariants(t().db, b.scope, { productId: bProduct.productId, variants: [{ id: v!.id, sku: 'HIJACK', price: 1, compareAtPrice: null, weightGrams: 0, lowStockThreshold: 0 }] }),
    ).rejects.toBeInstanceOf(NotFoundError);
    await expect(adjustStock(t().db, b.scope, { variantId: v!.id, locationId: b.locationIds.MAIN, mode: 'delta', quantity: 5, reason: 'restock' })).rejects.toBeInstanceOf(NotFoundError);
    await expect(adjustStock(t().db, a.scope, { variantId: v!.id, locationId: b.locationIds.MAIN, mode: 'delta', quantity: 5, reason: 'restock' })).rejects.toBeInstanceOf(NotFoundError);
    // Nothing changed.
    const [p] = await t().db.select().from(products).where(eq(products.id, productId));
    expect(p).toMatchObject({ status: 'draft', title: 'Private', slug: 'private' });
    expect((await t().db.select().from(variants).where(eq(variants.id, v!.id)))[0]?.sku).toBe('PRIV-1');
    expect(await t().db.select().from(inventoryLevels).where(eq(inventoryLevels.variantId, v!.id))).toEqual([]);
    // A scope can only be made for a store of the actor's memberships.
    expect(() => storeScope(b.actor, a.storeId)).toThrow(ForbiddenError);
  });
});
