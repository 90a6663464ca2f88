import { randomUUID } from 'node:crypto';
import { eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GET as apiGetProduct } from '@/app/api/v1/products/[id]/route';
import { GET as apiListProducts } from '@/app/api/v1/products/route';
import { GET as apiSearch } from '@/app/api/v1/search/route';
import { categories, products, searchTerms } from '@/db/schema/catalog';
import { setApiDepsForTests } from '@/lib/api/context';
import { setApiLimitsForTests } from '@/lib/api/limits';
import { call } from '@/lib/api/test-client';
import { getCartView } from '@/lib/cart/queries';
import { addItem, createCart } from '@/lib/cart/service';
import { submitCheckout } from '@/lib/checkout/service';
import { quoteForHold } from '@/lib/checkout/flash';
import { createStockGate } from '@/lib/flash-sales/gate';
import { readFlashSaleCards } from '@/lib/flash-sales/reads';
import { placeHold, readFlashSaleView, setStorefrontDepsForTests } from '@/lib/flash-sales/storefront';
import { insertLiveSale } from '@/lib/flash-sales/test-fixtures';
import { DomainError, NotFoundError } from '@/lib/platform/errors';
import { searchProducts, suggest } from '@/lib/search/search';
import { refreshSearchTerms } from '@/lib/search/service';
import { reactivateStore, suspendStore } from '@/lib/sellers/review';
import { makeUser } from '@/lib/sellers/test-helpers';
import { BACKENDS, useTestDatabase } from '@/test/db';
import { testCheckoutRequest } from '@/test/checkout-fixtures';
import { insertStockFixture } from '@/test/fixtures';
import type { ListingFilters } from './inputs';
import { readCategoryListing, readFeaturedCategories, readHomeShelves, readProduct, readSitemapEntries, readTopProductSlugs, readCategories } from './reads';

const filters = (over: Partial<ListingFilters> = {}): ListingFilters => ({ brands: [], options: {}, inStock: false, sort: 'best-selling', limit: 48, ...over });

/**
 * A suspended store's products leave every storefront surface (category listings and their
 * counts, search and suggestions, product pages, home shelves and featured categories, the
 * sitemap, flash sales on the home page, API v1) and can't be put in a cart or checked out;
 * reactivation brings everything back. A second store's product, in the same category, stays.
 */
describe.each(BACKENDS)('store suspension and the storefront (%s)', (backend) => {
  const t = useTestDatabase(backend);
  beforeAll(() => {
    setStorefrontDepsForTests({ gate: createStockGate(t().db, { redis: null }), cacheMs: 0 });
    setApiDepsForTests({ db: async () => t().db, actor: async () => null });
    setApiLimitsForTests({ read: { limit: 100_000, windowMs: 60_000 } });
  });
  afterAll(() => {
    setStorefrontDepsForTests(undefined);
    setApiDepsForTests(undefined);
    setApiLimitsForTests(undefined);
  });

  async function seller(word: string, categoryId?: string) {
    const db = t().db;
    const f = await insertStockFixture(db, [[{ onHand: 10, reserved: 0 }]]);
    const slug = `${word}-${randomUUID().slice(0, 6)}`;
    const [p] = await db
      .update(products)
      .set({ title: `${word} kettle`, slug, brand: word, ...(categoryId ? { categoryId } : {}) })
      .where(eq(products.id, f.productId))
      .returning();
    return { ...f, slug, categoryId: (categoryId ?? f.categoryId) as typeof f.categoryId, title: p!.title };
  }

  it('hides every product of a suspended store and brings them back on reactivation', async () => {
    const db = t().db;
    const admin = await (await makeUser(db, 'admin', 'admin')).actor();
    const a = await seller('zorblax');
    const b = await seller('quimbly', a.categoryId);
    // A featured top-level category, as the home page lists them.
    await db.update(categories).set({ depth: 1, featured: 1 }).where(eq(categories.id, a.categoryId));
    const sale = await insertLiveSale(db, a, { engine: 'postgres', allocation: 2 });
    const gate = createStockGate(db, { redis: null });
    await gate.open(sale);
    const hold = await gate.reserve(sale.id, 'flash-buyer', 1, 600_000);
    if (!hold.ok) throw new Error(hold.reason);
    const cartBefore = await createCart(db, {});
    await addItem(db, cartBefore, { variantId: a.variantIds[0]!, quantity: 1 });

    /** What the storefront shows of store A (and whether B is still there). */
    async function surfaces() {
      const listing = await readCategoryListing(db, [a.categoryId], filters());
      const search = await searchProducts(db, 'zorblax kettle', filters({ sort: 'relevance' }));
      const suggestions = await suggest(db, 'zorbl');
      const home = await readHomeShelves(db);
      const featured = await readFeaturedCategories(db, await readCategories(db));
      const api = {
        list: (await call(apiListProducts, 'GET', `/products?category=${encodeURIComponent((await db.select({ path: categories.path }).from(categories).where(eq(categories.id, a.categoryId)))[0]!.path)}`)).json(),
        search: (await call(apiSearch, 'GET', '/search?q=zorblax')).json(),
        product: (await call(apiGetProduct, 'GET', `/products/${a.productId}`, { params: { id: a.productId } })).status,
      };
      return {
        listing: listing.items.map((i) => i.id),
        listingTotal: listing.facets.total,
        search: search.items.map((i) => i.id),
        suggestions: suggestions.products.map((p) => p.slug),
        page: (await readProduct(db, a.slug))?.id ?? null,
        otherPage: (await readProduct(db, b.slug))?.id ?? null,
        home: [...home.newArrivals, ...home.bestSellers].map((i) => i.id),
        featuredCount: featured.find((c) => c.name.length > 0)?.productCount ?? null,
        top: await readTopProductSlugs(db, 1000),
        sitemap: (await readSitemapEntries(db)).map((e) => e.slug),
        flash: (await readFlashSaleCards(db)).map((c) => c.id),
        flashPage: (await readFlashSaleView(db, sale.id))?.id ?? null,
        vocabulary: (await db.select({ term: searchTerms.term }).from(searchTerms).where(inArray(searchTerms.term, ['zorblax', 'quimbly']))).map((r) => r.term).sort(),
        apiList: (api.list.data as { id: string }[]).map((p) => p.id),
        apiSearch: (api.search.data as { id: string }[]).map((p) => p.id),
        apiProduct: api.product,
      };
    }

    await refreshSearchTerms(db);
    const before = await surfaces();
    expect(before).toMatchObject({ page: a.productId, otherPage: b.productId, listingTotal: 2, featuredCount: 2, apiProduct: 200 });
    for (const k of ['listing', 'search', 'home', 'apiList', 'apiSearch'] as const) expect(before[k], k).toContain(a.productId);
    expect(before.suggestions).toContain(a.slug);
    expect(before.top).toContain(a.slug);
    expect(before.sitemap).toContain(a.slug);
    expect(before.flash).toContain(sale.id);
    expect(before).toMatchObject({ flashPage: sale.id, vocabulary: ['quimbly', 'zorblax'] });

    await suspendStore(db, admin, a.storeId, 'Counterfeit goods reported.');
    const during = await surfaces();
    expect(during).toMatchObject({ page: null, otherPage: b.productId, listingTotal: 1, featuredCount: 1, apiProduct: 404 });
    for (const k of ['listing', 'search', 'home', 'apiList', 'apiSearch'] as const) expect(during[k], k).not.toContain(a.productId);
    expect(during.listing).toContain(b.productId);
    expect(during.suggestions).not.toContain(a.slug);
    expect(during.top).not.toContain(a.slug);
    expect(during.sitemap).not.toContain(a.slug);
    expect(during.flash).not.toContain(sale.id);
    expect(during).toMatchObject({ flashPage: null, vocabulary: ['quimbly'] });
    await expect(placeHold(db, { saleId: sale.id, customerKey: 'another-buyer', quantity: 1 })).rejects.toBeInstanceOf(NotFoundError);

    // Nothing of it can be bought: not added to a cart, a cart holding it can't check out, nor a flash hold.
    const cart = await createCart(db, {});
    await expect(addItem(db, cart, { variantId: a.variantIds[0]!, quantity: 1 })).rejects.toMatchObject({ code: 'unavailable' });
    const view = await getCartView(db, cartBefore);
    expect(view!.lines[0]).toMatchObject({ purchasable: false, problem: 'unavailable' });
    const request = testCheckoutRequest();
    const refused = await submitCheckout(db, { idempotencyKey: randomUUID(), cartId: cartBefore, userId: null, request }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(DomainError);
    expect(refused).toMatchObject({ code: 'out_of_stock', status: 409 });
    await expect(quoteForHold(db, hold.holdId, 'flash-buyer', null)).rejects.toMatchObject({ code: 'unavailable' });

    await reactivateStore(db, admin, a.storeId);
    const after = await surfaces();
    expect(after).toEqual(before);
    await addItem(db, cart, { variantId: a.variantIds[0]!, quantity: 1 });
    expect((await getCartView(db, cartBefore))!.lines[0]).toMatchObject({ purchasable: true, problem: null });
    await expect(quoteForHold(db, hold.holdId, 'flash-buyer', null)).resolves.toBeTruthy();
  });
});
