import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { products, variants } from '@/db/schema/catalog';
import { tags } from '@/lib/platform/cache-tags';
import { BACKENDS, useTestDatabase } from '@/test/db';
import { refreshProductDerived } from './service';

describe.each(BACKENDS)('refreshProductDerived (%s)', (backend) => {
  const t = useTestDatabase(backend, { products: 20 });

  it('recomputes price range, compare-at and facets from variants and options, and names the tags to invalidate', async () => {
    const { db } = t();
    const [p] = await db.select().from(products).limit(1);
    const vs = await db.select().from(variants).where(eq(variants.productId, p!.id));
    await db.update(variants).set({ price: 1234, compareAtPrice: 99_999 }).where(eq(variants.id, vs[0]!.id));
    const before = p!.facets;
    await db.update(products).set({ priceMin: 0, priceMax: 0, facets: [], compareAtMax: null }).where(eq(products.id, p!.id));

    const written = await refreshProductDerived(db, p!.id);

    const [after] = await db.select().from(products).where(eq(products.id, p!.id));
    const prices = (await db.select().from(variants).where(eq(variants.productId, p!.id))).map((v) => v.price);
    expect(after!.priceMin).toBe(Math.min(...prices));
    expect(after!.priceMax).toBe(Math.max(...prices));
    expect(after!.compareAtMax).toBe(99_999);
    expect([...after!.facets].sort()).toEqual([...before].sort());
    expect(written).toEqual(expect.arrayContaining([tags.product(p!.id), tags.category(p!.categoryId), tags.catalog, tags.search]));
  });

  it('returns no tags for an unknown product', async () => {
    expect(await refreshProductDerived(t().db, '00000000-0000-4000-8000-000000000000')).toEqual([]);
  });
});
