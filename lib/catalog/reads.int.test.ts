import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { products } from '@/db/schema/catalog';
import { BACKENDS, useTestDatabase } from '@/test/db';
import { insertStockFixture } from '@/test/fixtures';
import { readAvailability, readProduct } from './reads';

describe.each(BACKENDS)('catalog reads on %s', (backend) => {
  const t = useTestDatabase(backend);

  it('sums on_hand − reserved across locations, per variant', async () => {
    const f = await insertStockFixture(t().db, [
      [
        { onHand: 10, reserved: 3 },
        { onHand: 5, reserved: 5 },
      ],
      [
        { onHand: 0, reserved: 0 },
        { onHand: 4, reserved: 1 },
      ],
      [],
    ]);
    const other = await insertStockFixture(t().db, [[{ onHand: 99, reserved: 0 }]]);
    const [a, b, c] = f.variantIds as [string, string, string];
    expect(await readAvailability(t().db, f.productId)).toEqual({ [a]: 7, [b]: 3, [c]: 0 });
    expect(await readAvailability(t().db, other.productId)).toEqual({ [other.variantIds[0]!]: 99 });

    // A checkout holding two more units at the first location.
    await t().db.execute(sql`update inventory_levels set reserved = reserved + 2 where variant_id = ${a} and location_id = ${f.locationIds[0]!}`);
    expect((await readAvailability(t().db, f.productId))[a]).toBe(5);
  });

  it('is empty for a product with no variants or an unknown id', async () => {
    expect(await readAvailability(t().db, randomUUID())).toEqual({});
    const f = await insertStockFixture(t().db, []);
    expect(await readAvailability(t().db, f.productId)).toEqual({});
  });

  it('matches a sum computed by hand for random stock', async () => {
    const level = fc.integer({ min: 0, max: 500 }).chain((onHand) => fc.record({ onHand: fc.constant(onHand), reserved: fc.integer({ min: 0, max: onHand }) }));
    await fc.assert(
      fc.asyncProperty(fc.array(fc.array(level, { maxLength: 2 }), { minLength: 1, maxLength: 6 }), async (levels) => {
        const f = await insertStockFixture(t().db, levels);
        const expected = Object.fromEntries(f.variantIds.map((id, i) => [id, (levels[i] ?? []).reduce((s, l) => s + l.onHand - l.reserved, 0)]));
        expect(await readAvailability(t().db, f.productId)).toEqual(expected);
      }),
      { numRuns: 25 },
    );
  });

  it('reads an active product with its variants, and hides it once it is a draft', async () => {
    const f = await insertStockFixture(t().db, [[{ onHand: 1, reserved: 0 }], [{ onHand: 2, reserved: 0 }]]);
    const [row] = await t().db.select({ slug: products.slug }).from(products).where(eq(products.id, f.productId));
    const product = await readProduct(t().db, row!.slug);
    expect(product).toMatchObject({ id: f.productId, store: { id: f.storeId } });
    expect(product!.variants.map((v) => v.id)).toEqual(f.variantIds);
    await t().db.update(products).set({ status: 'draft' }).where(eq(products.id, f.productId));
    expect(await readProduct(t().db, row!.slug)).toBeNull();
    expect(await readProduct(t().db, "'; drop table products; --")).toBeNull();
  });
});
