import { randomUUID } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { users } from '@/db/schema/accounts';
import { cartItems, carts } from '@/db/schema/cart';
import { products, variants } from '@/db/schema/catalog';
import { inventoryLevels } from '@/db/schema/inventory';
import type { DbOrTx } from '@/lib/platform/db';
import { BACKENDS, useTestDatabase } from '@/test/db';
import { insertStockFixture } from '@/test/fixtures';
import { getCartView, toPricingLines } from './queries';
import {
  acknowledgePrices,
  addItem,
  createCart,
  createTokenCart,
  ensureUserCart,
  findActiveUserCart,
  markConverted,
  mergeCarts,
  removeItem,
  updateItem,
  verifyCartToken,
} from './service';

async function newUser(db: DbOrTx) {
  const id = randomUUID();
  await db.insert(users).values({ id, email: `cart-${id}@example.com`, name: 'Cart Tester', emailVerified: new Date() });
  return id;
}

/** One product with variants stocked `[onHand at location 0, onHand at location 1]` each. */
async function stock(db: DbOrTx, ...onHand: [number, number][]) {
  return insertStockFixture(
    db,
    onHand.map(([a, b]) => [
      { onHand: a, reserved: 0 },
      { onHand: b, reserved: 0 },
    ]),
  );
}

async function setOnHand(db: DbOrTx, variantId: string, a: number, b = 0) {
  const levels = await db.select().from(inventoryLevels).where(eq(inventoryLevels.variantId, variantId)).orderBy(inventoryLevels.locationId);
  for (const [i, l] of levels.entries()) {
    await db
      .update(inventoryLevels)
      .set({ onHand: i === 0 ? a : b, reserved: 0 })
      .where(and(eq(inventoryLevels.variantId, variantId), eq(inventoryLevels.locationId, l.locationId)));
  }
}

async function lines(db: DbOrTx, cartId: string) {
  return db.select({ variantId: cartItems.variantId, quantity: cartItems.quantity }).from(cartItems).where(eq(cartItems.cartId, cartId));
}

describe.each(BACKENDS)('cart service (%s)', (backend) => {
  const t = useTestDatabase(backend, { poolSize: 24 });

  it('adds, sums repeated adds into one line, updates, and removes', async () => {
    const { db } = t();
    const f = await stock(db, [10, 5], [3, 0]);
    const cartId = await createCart(db);
    const a = await addItem(db, cartId, { variantId: f.variantIds[0]!, quantity: 2 });
    expect(a).toMatchObject({ quantity: 2, capped: false, available: 15 });
    const again = await addItem(db, cartId, { variantId: f.variantIds[0]!, quantity: 3 });
    expect(again).toMatchObject({ itemId: a.itemId, quantity: 5 });
    await addItem(db, cartId, { variantId: f.variantIds[1]!, quantity: 1 });

    let view = (await getCartView(db, cartId))!;
    expect(view).toMatchObject({ id: cartId, status: 'active', currency: 'USD', itemCount: 6, subtotal: 6000, hasPriceChanges: false, hasStockProblems: false });
    expect(view.lines.map((l) => [l.variantId, l.quantity, l.available, l.problem])).toEqual([
      [f.variantIds[0], 5, 15, null],
      [f.variantIds[1], 1, 3, null],
    ]);
    expect(view.lines[0]).toMatchObject({ productId: f.productId, storeId: f.storeId, unitPrice: 1000, unitPriceSeen: 1000, priceChanged: false, purchasable: true });

    expect(await updateItem(db, cartId, { itemId: a.itemId!, quantity: 7 })).toMatchObject({ quantity: 7, capped: false });
    expect(await updateItem(db, cartId, { itemId: a.itemId!, quantity: 0 })).toMatchObject({ itemId: null, quantity: 0 });
    view = (await getCartView(db, cartId))!;
    expect(view.lines.map((l) => l.variantId)).toEqual([f.variantIds[1]]);

    const only = view.lines[0]!.itemId;
    expect(await removeItem(db, cartId, { itemId: only })).toEqual({ removed: true });
    expect(await removeItem(db, cartId, { itemId: only })).toEqual({ removed: false });
    expect((await getCartView(db, cartId))!).toMatchObject({ itemCount: 0, lines: [], subtotal: 0 });
  });

  it('caps quantities by live stock and by 99 per line', async () => {
    const { db } = t();
    const f = await stock(db, [3, 1], [200, 0]);
    const cartId = await createCart(db);
    expect(await addItem(db, cartId, { variantId: f.variantIds[0]!, quantity: 9 })).toMatchObject({ quantity: 4, capped: true, available: 4 });
    expect(await addItem(db, cartId, { variantId: f.variantIds[0]!, quantity: 1 })).toMatchObject({ quantity: 4, capped: true });
    const big = await addItem(db, cartId, { variantId: f.variantIds[1]!, quantity: 99 });
    expect(big).toMatchObject({ quantity: 99, capped: false });
    expect(await addItem(db, cartId, { variantId: f.variantIds[1]!, quantity: 5 })).toMatchObject({ quantity: 99, capped: true });
    expect(await updateItem(db, cartId, { itemId: big.itemId!, quantity: 50 })).toMatchObject({ quantity: 50 });
    // Reserved units are not available.
    await db.update(inventoryLevels).set({ reserved: sql`${inventoryLevels.onHand}` }).where(eq(inventoryLevels.variantId, f.variantIds[0]!));
    const line = (await getCartView(db, cartId))!.lines[0]!;
    expect(line).toMatchObject({ available: 0, problem: 'out_of_stock' });
  });

  it('refuses out-of-stock, draft, archived and unknown products, and bad input', async () => {
    const { db } = t();
    const f = await stock(db, [0, 0], [5, 0]);
    const cartId = await createCart(db);
    await expect(addItem(db, cartId, { variantId: f.variantIds[0]!, quantity: 1 })).rejects.toMatchObject({ code: 'out_of_stock', status: 409 });
    await expect(addItem(db, cartId, { variantId: randomUUID(), quantity: 1 })).rejects.toMatchObject({ code: 'not_found', status: 404 });
    await expect(addItem(db, cartId, { variantId: 'not-a-uuid', quantity: 1 })).rejects.toMatchObject({ code: 'not_found' });
    await expect(addItem(db, 'not-a-uuid', { variantId: f.variantIds[1]!, quantity: 1 })).rejects.toMatchObject({ code: 'not_found' });
    await expect(addItem(db, randomUUID(), { variantId: f.variantIds[1]!, quantity: 1 })).rejects.toMatchObject({ code: 'not_found' });
    for (const quantity of [0, -1, 1.5, 100, Number.NaN]) {
      await expect(addItem(db, cartId, { variantId: f.variantIds[1]!, quantity })).rejects.toMatchObject({ code: 'invalid_input', status: 400 });
    }
    for (const status of ['draft', 'archived'] as const) {
      await db.update(products).set({ status }).where(eq(products.id, f.productId));
      await expect(addItem(db, cartId, { variantId: f.variantIds[1]!, quantity: 1 })).rejects.toMatchObject({ code: 'unavailable', status: 409 });
    }
    expect(await lines(db, cartId)).toEqual([]);
  });

  it('keeps lines to their own cart', async () => {
    const { db } = t();
    const f = await stock(db, [10, 0]);
    const mine = await createCart(db);
    const theirs = await createCart(db);
    const item = await addItem(db, theirs, { variantId: f.variantIds[0]!, quantity: 2 });
    await expect(updateItem(db, mine, { itemId: item.itemId!, quantity: 1 })).rejects.toMatchObject({ code: 'not_found' });
    await expect(updateItem(db, mine, { itemId: 'x', quantity: 1 })).rejects.toMatchObject({ code: 'not_found' });
    expect(await removeItem(db, mine, { itemId: item.itemId! })).toEqual({ removed: false });
    expect(await lines(db, theirs)).toEqual([{ variantId: f.variantIds[0], quantity: 2 }]);
  });

  it('flags lines whose stock or status changed after they were added', async () => {
    const { db } = t();
    const f = await stock(db, [10, 0], [10, 0]);
    const cartId = await createCart(db);
    await addItem(db, cartId, { variantId: f.variantIds[0]!, quantity: 5 });
    await addItem(db, cartId, { variantId: f.variantIds[1]!, quantity: 1 });
    await setOnHand(db, f.variantIds[0]!, 1, 1);
    let view = (await getCartView(db, cartId))!;
    expect(view.lines.map((l) => [l.problem, l.available])).toEqual([
      ['insufficient_stock', 2],
      [null, 10],
    ]);
    expect(view.hasStockProblems).toBe(true);
    // Lowering below stock clears it; raising above stock is capped to what is there.
    expect(await updateItem(db, cartId, { itemId: view.lines[0]!.itemId, quantity: 9 })).toMatchObject({ quantity: 2, capped: true });
    view = (await getCartView(db, cartId))!;
    expect(view.hasStockProblems).toBe(false);

    await db.update(products).set({ status: 'archived' }).where(eq(products.id, f.productId));
    view = (await getCartView(db, cartId))!;
    expect(view.lines.map((l) => [l.problem, l.purchasable])).toEqual([
      ['unavailable', false],
      ['unavailable', false],
    ]);
    await expect(updateItem(db, cartId, { itemId: view.lines[0]!.itemId, quantity: 1 })).rejects.toMatchObject({ code: 'unavailable' });
    // A line the shopper can't buy can still be removed.
    expect(await updateItem(db, cartId, { itemId: view.lines[0]!.itemId, quantity: 0 })).toMatchObject({ quantity: 0 });
  });

  it('flags price changes until the shopper accepts them', async () => {
    const { db } = t();
    const f = await stock(db, [10, 0], [10, 0]);
    const cartId = await createCart(db);
    await addItem(db, cartId, { variantId: f.variantIds[0]!, quantity: 2 });
    await addItem(db, cartId, { variantId: f.variantIds[1]!, quantity: 1 });
    await db.update(variants).set({ price: 1250 }).where(eq(variants.id, f.variantIds[0]!));
    let view = (await getCartView(db, cartId))!;
    expect(view.hasPriceChanges).toBe(true);
    expect(view.lines[0]).toMatchObject({ unitPrice: 1250, unitPriceSeen: 1000, priceChanged: true });
    expect(view.lines[1]).toMatchObject({ priceChanged: false });
    expect(view.subtotal).toBe(2 * 1250 + 1000);

    expect(await acknowledgePrices(db, cartId)).toEqual({ updated: 1 });
    view = (await getCartView(db, cartId))!;
    expect(view.hasPriceChanges).toBe(false);
    expect(view.lines[0]).toMatchObject({ unitPriceSeen: 1250 });
    expect(await acknowledgePrices(db, cartId)).toEqual({ updated: 0 });

    // Changing the quantity records the price shown with it.
    await db.update(variants).set({ price: 900 }).where(eq(variants.id, f.variantIds[1]!));
    await updateItem(db, cartId, { itemId: view.lines[1]!.itemId, quantity: 2 });
    expect((await getCartView(db, cartId))!.lines[1]).toMatchObject({ unitPriceSeen: 900, priceChanged: false });
  });

  it('turns a cart into pricing lines', async () => {
    const { db } = t();
    const f = await stock(db, [10, 0]);
    await db.update(variants).set({ weightGrams: 750 }).where(eq(variants.id, f.variantIds[0]!));
    const cartId = await createCart(db);
    await addItem(db, cartId, { variantId: f.variantIds[0]!, quantity: 3 });
    const view = (await getCartView(db, cartId))!;
    expect(toPricingLines(view)).toEqual([
      {
        variantId: f.variantIds[0],
        productId: f.productId,
        storeId: f.storeId,
        storeName: view.lines[0]!.storeName,
        title: view.lines[0]!.title,
        variantTitle: 'V0',
        sku: view.lines[0]!.sku,
        imageUrl: null,
        unitPrice: 1000,
        quantity: 3,
        weightGrams: 750,
      },
    ]);
  });

  it('answers null for a missing cart', async () => {
    const { db } = t();
    expect(await getCartView(db, randomUUID())).toBeNull();
    expect(await getCartView(db, 'nope')).toBeNull();
  });

  it('closes a converted cart to further writes', async () => {
    const { db } = t();
    const f = await stock(db, [10, 0]);
    const cartId = await createCart(db);
    const item = await addItem(db, cartId, { variantId: f.variantIds[0]!, quantity: 1 });
    expect(await markConverted(db, cartId)).toBe(true);
    expect(await markConverted(db, cartId)).toBe(false);
    await expect(addItem(db, cartId, { variantId: f.variantIds[0]!, quantity: 1 })).rejects.toMatchObject({ code: 'cart_closed', status: 409 });
    await expect(updateItem(db, cartId, { itemId: item.itemId!, quantity: 2 })).rejects.toMatchObject({ code: 'cart_closed' });
    await expect(removeItem(db, cartId, { itemId: item.itemId! })).rejects.toMatchObject({ code: 'cart_closed' });
    expect((await getCartView(db, cartId))!.status).toBe('converted');
  });

  it('keeps one consistent line under 20 concurrent adds of the same variant', async () => {
    const { db } = t();
    const f = await stock(db, [50, 50], [4, 3]);
    const cartId = await createCart(db);
    const plenty = await Promise.all(Array.from({ length: 20 }, () => addItem(db, cartId, { variantId: f.variantIds[0]!, quantity: 1 })));
    expect(new Set(plenty.map((r) => r.itemId)).size).toBe(1);
    expect(plenty.map((r) => r.quantity).sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    const scarce = await Promise.all(Array.from({ length: 20 }, () => addItem(db, cartId, { variantId: f.variantIds[1]!, quantity: 2 })));
    expect(Math.max(...scarce.map((r) => r.quantity))).toBe(7);
    expect(scarce.filter((r) => r.capped).length).toBeGreaterThanOrEqual(16);
    expect(await lines(db, cartId)).toEqual(
      expect.arrayContaining([
        { variantId: f.variantIds[0], quantity: 20 },
        { variantId: f.variantIds[1], quantity: 7 },
      ]),
    );
    expect(await lines(db, cartId)).toHaveLength(2);
  });

  describe('merging a guest cart on sign-in', () => {
    it('sums quantities, caps them by stock and 99, keeps the guest’s seen price, and closes the guest cart', async () => {
      const { db } = t();
      const f = await stock(db, [6, 0], [200, 0], [10, 0], [10, 0]);
      const [plenty, lots, onlyGuest, soldOut] = f.variantIds as [string, string, string, string];
      const userId = await newUser(db);
      const userCart = await ensureUserCart(db, userId);
      await addItem(db, userCart, { variantId: plenty, quantity: 4 });
      await addItem(db, userCart, { variantId: lots, quantity: 60 });
      const guest = await createCart(db);
      await addItem(db, guest, { variantId: plenty, quantity: 5 });
      await addItem(db, guest, { variantId: lots, quantity: 60 });
      await addItem(db, guest, { variantId: onlyGuest, quantity: 2 });
      await addItem(db, guest, { variantId: soldOut, quantity: 1 });
      await setOnHand(db, soldOut, 0);
      await db.update(variants).set({ price: 1100 }).where(eq(variants.id, onlyGuest));

      expect(await mergeCarts(db, guest, { userId })).toBe(userCart);
      const view = (await getCartView(db, userCart))!;
      expect(Object.fromEntries(view.lines.map((l) => [l.variantId, l.quantity]))).toEqual({ [plenty]: 6, [lots]: 99, [onlyGuest]: 2 });
      expect(view.lines.find((l) => l.variantId === onlyGuest)).toMatchObject({ unitPriceSeen: 1000, unitPrice: 1100, priceChanged: true });
      const [g] = await db.select().from(carts).where(eq(carts.id, guest));
      expect(g!.status).toBe('merged');

      // Merging again changes nothing.
      expect(await mergeCarts(db, guest, { userId })).toBe(userCart);
      expect((await getCartView(db, userCart))!.itemCount).toBe(view.itemCount);
      await expect(addItem(db, guest, { variantId: plenty, quantity: 1 })).rejects.toMatchObject({ code: 'cart_closed' });
    });

    it('creates the user’s cart when they had none', async () => {
      const { db } = t();
      const f = await stock(db, [10, 0]);
      const userId = await newUser(db);
      const guest = await createCart(db);
      await addItem(db, guest, { variantId: f.variantIds[0]!, quantity: 3 });
      expect(await findActiveUserCart(db, userId)).toBeNull();
      const merged = await mergeCarts(db, guest, { userId });
      expect(merged).toBe(await findActiveUserCart(db, userId));
      expect(await lines(db, merged!)).toEqual([{ variantId: f.variantIds[0], quantity: 3 }]);
    });

    it('never takes another user’s cart, and ignores closed or unknown carts', async () => {
      const { db } = t();
      const f = await stock(db, [10, 0]);
      const alice = await newUser(db);
      const bob = await newUser(db);
      const aliceCart = await ensureUserCart(db, alice);
      await addItem(db, aliceCart, { variantId: f.variantIds[0]!, quantity: 2 });
      expect(await mergeCarts(db, aliceCart, { userId: bob })).toBeNull();
      expect(await lines(db, aliceCart)).toHaveLength(1);
      expect(await findActiveUserCart(db, bob)).toBeNull();

      const converted = await createCart(db);
      await addItem(db, converted, { variantId: f.variantIds[0]!, quantity: 1 });
      await markConverted(db, converted);
      expect(await mergeCarts(db, converted, { userId: bob })).toBeNull();
      expect(await mergeCarts(db, randomUUID(), { userId: bob })).toBeNull();
      expect(await mergeCarts(db, 'garbage', { userId: alice })).toBe(aliceCart);
    });

    it('merges once under concurrent sign-ins, and keeps one active cart per user', async () => {
      const { db } = t();
      const f = await stock(db, [50, 0]);
      const userId = await newUser(db);
      const guest = await createCart(db);
      await addItem(db, guest, { variantId: f.variantIds[0]!, quantity: 3 });
      const results = await Promise.all(Array.from({ length: 8 }, () => mergeCarts(db, guest, { userId })));
      expect(new Set(results).size).toBe(1);
      expect(await lines(db, results[0]!)).toEqual([{ variantId: f.variantIds[0], quantity: 3 }]);
      const active = await db.execute<{ n: number }>(sql`select count(*)::int as n from carts where user_id = ${userId} and status = 'active'`);
      expect(Number(active.rows[0]!.n)).toBe(1);
    });
  });

  describe('API cart tokens', () => {
    it('verifies the token of its own cart only', async () => {
      const { db } = t();
      const a = await createTokenCart(db);
      const b = await createTokenCart(db);
      const [row] = await db.select().from(carts).where(eq(carts.id, a.id));
      expect(row!.tokenHash).toMatch(/^[0-9a-f]{64}$/);
      expect(row!.tokenHash).not.toBe(a.token);
      expect(await verifyCartToken(db, a.id, a.token)).toBe(true);
      expect(await verifyCartToken(db, a.id, b.token)).toBe(false);
      expect(await verifyCartToken(db, b.id, a.token)).toBe(false);
      expect(await verifyCartToken(db, a.id, '')).toBe(false);
      expect(await verifyCartToken(db, randomUUID(), a.token)).toBe(false);
      expect(await verifyCartToken(db, 'not-a-uuid', a.token)).toBe(false);
      // A cookie cart has no token at all.
      expect(await verifyCartToken(db, await createCart(db), a.token)).toBe(false);
      // Still valid after checkout, so the token can read the order.
      await markConverted(db, a.id);
      expect(await verifyCartToken(db, a.id, a.token)).toBe(true);
    });
  });
});
