import { randomUUID } from 'node:crypto';
import { categories, products, variants } from '@/db/schema/catalog';
import { inventoryLevels, locations } from '@/db/schema/inventory';
import { stores } from '@/db/schema/sellers';
import type { DbOrTx } from '@/lib/platform/db';

/**
 * The smallest catalog that stock needs: one active store with two locations, one category,
 * one product with `levels.length` variants, each stocked at both locations.
 */
export async function insertStockFixture(db: DbOrTx, levels: { onHand: number; reserved: number }[][] = [[{ onHand: 10, reserved: 0 }]]) {
  const tag = randomUUID().slice(0, 8);
  const storeId = randomUUID();
  const locationIds = [randomUUID(), randomUUID()];
  const categoryId = randomUUID();
  const productId = randomUUID();
  const variantIds = levels.map(() => randomUUID());
  await db.insert(stores).values({ id: storeId, slug: `store-${tag}`, name: `Store ${tag}`, status: 'active' });
  await db.insert(locations).values(locationIds.map((id, i) => ({ id, storeId, code: `L${i}`, name: `Location ${i}` })));
  await db.insert(categories).values({ id: categoryId, slug: `cat-${tag}`, path: `cat-${tag}`, name: `Category ${tag}`, depth: 0 });
  await db.insert(products).values({ id: productId, storeId, categoryId, slug: `product-${tag}`, title: `Product ${tag}`, status: 'active', priceMin: 1000, priceMax: 1000 });
  if (variantIds.length) await db.insert(variants).values(variantIds.map((id, i) => ({ id, productId, sku: `SKU-${tag}-${i}`, title: `V${i}`, price: 1000, position: i })));
  const rows = variantIds.flatMap((variantId, v) =>
    (levels[v] ?? []).map((l, i) => ({ variantId, locationId: locationIds[i]!, onHand: l.onHand, reserved: l.reserved })),
  );
  if (rows.length) await db.insert(inventoryLevels).values(rows);
  return { storeId, locationIds, categoryId, productId, variantIds };
}

/** The Postgres error under a driver or Drizzle wrapper (Drizzle wraps failures in DrizzleQueryError). */
export function pgError(err: unknown): { code?: string; constraint?: string; message: string } {
  let e: unknown = err;
  for (let i = 0; i < 5 && e; i++) {
    if (typeof e === 'object' && e !== null && 'code' in e && typeof (e as { code: unknown }).code === 'string') {
      return e as { code?: string; constraint?: string; message: string };
    }
    e = (e as { cause?: unknown }).cause;
  }
  return { message: String((err as Error)?.message ?? err) };
}

/** Runs `fn` and returns the Postgres error it failed with (fails the test if it succeeded). */
export async function expectPgError(fn: () => Promise<unknown>) {
  try {
    await fn();
  } catch (err) {
    return pgError(err);
  }
  throw new Error('expected the statement to fail');
}
