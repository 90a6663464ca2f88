import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import { cartItems, carts, MAX_LINE_QUANTITY } from '@/db/schema/cart';
import { products, variants } from '@/db/schema/catalog';
import { stores } from '@/db/schema/sellers';
import { isSellable } from '@/lib/catalog/sellable';
import { getAvailability } from '@/lib/inventory/availability';
import type { DbOrTx, Tx } from '@/lib/platform/db';
import { DomainError, NotFoundError } from '@/lib/platform/errors';
import { cartTokenMatches, newCartToken } from './signing';

export type CartLineChange = {
  itemId: string | null;
  variantId: string;
  /** The line's quantity after the change (0 = no line). */
  quantity: number;
  /** True when less than asked for was kept because of stock or the per-line maximum. */
  capped: boolean;
  available: number;
};

export class CartClosedError extends DomainError {
  constructor() {
    super('cart_closed', 'This cart has already been checked out. Refresh to start a new one.', 409);
  }
}

/** A new guest cart (web: bound to the signed cookie by the caller) or a user's cart. */
export async function createCart(db: DbOrTx, input: { userId?: string | null; tokenHash?: string | null } = {}): Promise<string> {
  const [row] = await db
    .insert(carts)
    .values({ userId: input.userId ?? null, tokenHash: input.tokenHash ?? null })
    .returning({ id: carts.id });
  return row!.id;
}

/** A cart for the public API: returns its id and the secret token (only its hash is stored). */
export async function createTokenCart(db: DbOrTx): Promise<{ id: string; token: string }> {
  const { token, hash } = newCartToken();
  return { id: await createCart(db, { tokenHash: hash }), token };
}

/**
 * True when `token` is the cart's API secret (constant-time). Holds for any status, so a
 * converted cart's token still reads the order it became.
 */
export async function verifyCartToken(db: DbOrTx, cartId: string, token: string): Promise<boolean> {
  if (!isUuid(cartId)) return false;
  const [row] = await db.select({ tokenHash: carts.tokenHash }).from(carts).where(eq(carts.id, cartId)).limit(1);
  return cartTokenMatches(token, row?.tokenHash);
}

export async function findActiveUserCart(db: DbOrTx, userId: string): Promise<string | null> {
  const [row] = await db
    .select({ id: carts.id })
    .from(carts)
    .where(and(eq(carts.userId, userId), eq(carts.status, 'active')))
    .limit(1);
  return row?.id ?? null;
}

/** The user's one active cart, created when missing (the partial unique index settles races). */
export async function ensureUserCart(db: DbOrTx, userId: string): Promise<string> {
  const found = await findActiveUserCart(db, userId);
  if (found) return found;
  await db.insert(carts).values({ userId }).onConflictDoNothing();
  const id = await findActiveUserCart(db, userId);
  if (!id) throw new Error('ensureUserCart: no active cart after insert');
  return id;
}

/** True for an active cart that belongs to no user: what a guest cookie may point at. */
export async function isActiveGuestCart(db: DbOrTx, cartId: string): Promise<boolean> {
  if (!isUuid(cartId)) return false;
  const [row] = await db
    .select({ id: carts.id })
    .from(carts)
    .where(and(eq(carts.id, cartId), eq(carts.status, 'active'), isNull(carts.userId)))
    .limit(1);
  return Boolean(row);
}

/** Locks an active cart for the rest of the transaction: every write to one cart goes through here, one at a time. */
async function lockActiveCart(tx: Tx, cartId: string) {
  if (!isUuid(cartId)) throw new NotFoundError('That cart');
  const rows = await tx.execute<{ id: string; status: string; currency: string }>(sql`select id, status, currency from carts where id = ${cartId} for update`);
  const cart = rows.rows[0];
  if (!cart) throw new NotFoundError('That cart');
  if (cart.status !== 'active') throw new CartClosedError();
  return cart;
}

async function touch(tx: Tx, cartId: string) {
  await tx.update(carts).set({ updatedAt: new Date() }).where(eq(carts.id, cartId));
}

type Sellable = { variantId: string; price: number; currency: string; title: string; purchasable: boolean };

async function sellable(tx: Tx, variantId: string): Promise<Sellable | null> {
  if (!isUuid(variantId)) return null;
  const [row] = await tx
    .select({ variantId: variants.id, price: variants.price, currency: variants.currency, title: products.title, productStatus: products.status, storeStatus: stores.status })
    .from(variants)
    .innerJoin(products, eq(products.id, variants.productId))
    .innerJoin(stores, eq(stores.id, products.storeId))
    .where(eq(variants.id, variantId))
    .limit(1);
  if (!row) return null;
  return { variantId: row.variantId, price: row.price, currency: row.currency, title: row.title, purchasable: isSellable(row.productStatus, row.storeStatus) };
}

function assertSellable(v: Sellable | null, cartCurrency: string): asserts v is Sellable {
  if (!v) throw new NotFoundError('That product');
  if (!v.purchasable) throw new DomainError('unavailable', `${v.title} is no longer available.`, 409);
  if (v.currency !== cartCurrency) throw new DomainError('currency_mismatch', `${v.title} is sold in ${v.currency}; this cart is in ${cartCurrency}.`, 409);
}

const cap = (wanted: number, available: number) => Math.max(0, Math.min(wanted, available, MAX_LINE_QUANTITY));

/**
 * Adds units of a variant (one line per variant: adding again raises the quantity). The line is
 * capped by live availability and by MAX_LINE_QUANTITY; nothing available → `out_of_stock`.
 */
export async function addItem(db: DbOrTx, cartId: string, input: { variantId: string; quantity: number }): Promise<CartLineChange> {
  assertQuantity(input.quantity, 1);
  return db.transaction(async (tx) => {
    const cart = await lockActiveCart(tx, cartId);
    const v = await sellable(tx, input.variantId);
    assertSellable(v, cart.currency);
    const available = (await getAvailability(tx, [v.variantId])).get(v.variantId) ?? 0;
    const [existing] = await tx
      .select({ id: cartItems.id, quantity: cartItems.quantity })
      .from(cartItems)
      .where(and(eq(cartItems.cartId, cartId), eq(cartItems.variantId, v.variantId)))
      .limit(1);
    if (available <= 0) throw new DomainError('out_of_stock', `${v.title} is out of stock.`, 409);
    const wanted = (existing?.quantity ?? 0) + input.quantity;
    const quantity = cap(wanted, available);
    const capped = quantity < wanted;
    if (existing) {
      await tx.update(cartItems).set({ quantity, unitPriceSeen: v.price }).where(eq(cartItems.id, existing.id));
    } else {
      const [row] = await tx.insert(cartItems).values({ cartId, variantId: v.variantId, quantity, unitPriceSeen: v.price }).returning({ id: cartItems.id });
      await touch(tx, cartId);
      return { itemId: row!.id, variantId: v.variantId, quantity, capped, available };
    }
    await touch(tx, cartId);
    return { itemId: existing.id, variantId: v.variantId, quantity, capped, available };
  });
}

/** Sets a line's quantity (0 removes it), capped by live availability. */
export async function updateItem(db: DbOrTx, cartId: string, input: { itemId: string; quantity: number }): Promise<CartLineChange> {
  assertQuantity(input.quantity, 0);
  return db.transaction(async (tx) => {
    const cart = await lockActiveCart(tx, cartId);
    if (!isUuid(input.itemId)) throw new NotFoundError('That cart line');
    const [item] = await tx
      .select({ id: cartItems.id, variantId: cartItems.variantId, quantity: cartItems.quantity })
      .from(cartItems)
      .where(and(eq(cartItems.id, input.itemId), eq(cartItems.cartId, cartId)))
      .limit(1);
    if (!item) throw new NotFoundError('That cart line');
    if (input.quantity === 0) {
      await tx.delete(cartItems).where(eq(cartItems.id, item.id));
      await touch(tx, cartId);
      return { itemId: null, variantId: item.variantId, quantity: 0, capped: false, available: 0 };
    }
    const v = await sellable(tx, item.variantId);
    assertSellable(v, cart.currency);
    const available = (await getAvailability(tx, [v.variantId])).get(v.variantId) ?? 0;
    if (available <= 0) throw new DomainError('out_of_stock', `${v.title} is out of stock.`, 409);
    const quantity = cap(input.quantity, available);
    await tx.update(cartItems).set({ quantity, unitPriceSeen: v.price }).where(eq(cartItems.id, item.id));
    await touch(tx, cartId);
    return { itemId: item.id, variantId: v.variantId, quantity, capped: quantity < input.quantity, available };
  });
}

/** Removes a line; removing a line that is already gone is not an error (double clicks, retries). */
export async function removeItem(db: DbOrTx, cartId: string, input: { itemId: string }): Promise<{ removed: boolean }> {
  return db.transaction(async (tx) => {
    await lockActiveCart(tx, cartId);
    if (!isUuid(input.itemId)) return { removed: false };
    const gone = await tx
      .delete(cartItems)
      .where(and(eq(cartItems.id, input.itemId), eq(cartItems.cartId, cartId)))
      .returning({ id: cartItems.id });
    if (gone.length) await touch(tx, cartId);
    return { removed: gone.length > 0 };
  });
}

/** The shopper accepted the current prices: every line's seen price becomes the live one. */
export async function acknowledgePrices(db: DbOrTx, cartId: string): Promise<{ updated: number }> {
  return db.transaction(async (tx) => {
    await lockActiveCart(tx, cartId);
    const rows = await tx.execute<{ id: string }>(sql`
      update cart_items ci set unit_price_seen = v.price, updated_at = now()
      from variants v
      where v.id = ci.variant_id and ci.cart_id = ${cartId} and ci.unit_price_seen <> v.price
      returning ci.id`);
    return { updated: rows.rows.length };
  });
}

/**
 * Folds a guest cart into the user's active cart on sign-in: quantities summed and capped by
 * live stock and MAX_LINE_QUANTITY, a line with nothing available is dropped (an existing user
 * line is never lowered below what stock allows it), and the guest cart becomes `merged`.
 * Idempotent: a guest cart that is not active, or already the user's, merges nothing. Returns
 * the user's active cart, or null when there was nothing to merge and the user has no cart.
 */
export async function mergeCarts(db: DbOrTx, guestCartId: string, input: { userId: string }): Promise<string | null> {
  if (!isUuid(guestCartId) || !(await isActiveGuestCart(db, guestCartId))) return findActiveUserCart(db, input.userId);
  const userCartId = await ensureUserCart(db, input.userId);
  return db.transaction(async (tx) => {
    // Both carts locked in id order, so two merges (or a merge and an add) never deadlock.
    const locked = await tx.execute<{ id: string; status: string; user_id: string | null; currency: string }>(sql`
      select id, status, user_id, currency from carts where id in (${guestCartId}, ${userCartId}) order by id for update`);
    const guest = locked.rows.find((r) => r.id === guestCartId);
    const target = locked.rows.find((r) => r.id === userCartId);
    if (!guest || guest.status !== 'active' || guest.user_id !== null) return userCartId;
    if (!target || target.status !== 'active') throw new CartClosedError();

    const incoming = await tx
      .select({ variantId: cartItems.variantId, quantity: cartItems.quantity, unitPriceSeen: cartItems.unitPriceSeen, currency: variants.currency })
      .from(cartItems)
      .innerJoin(variants, eq(variants.id, cartItems.variantId))
      .where(eq(cartItems.cartId, guestCartId));
    const ids = incoming.map((i) => i.variantId);
    const existing = ids.length
      ? await tx
          .select({ id: cartItems.id, variantId: cartItems.variantId, quantity: cartItems.quantity })
          .from(cartItems)
          .where(and(eq(cartItems.cartId, userCartId), inArray(cartItems.variantId, ids)))
      : [];
    const mine = new Map(existing.map((e) => [e.variantId, e]));
    const available = await getAvailability(tx, ids);

    for (const line of incoming) {
      if (line.currency !== target.currency) continue;
      const current = mine.get(line.variantId);
      const quantity = cap((current?.quantity ?? 0) + line.quantity, available.get(line.variantId) ?? 0);
      if (current) {
        if (quantity > current.quantity) await tx.update(cartItems).set({ quantity }).where(eq(cartItems.id, current.id));
      } else if (quantity > 0) {
        // The guest's seen price travels with the line, so a change since then is still flagged.
        await tx.insert(cartItems).values({ cartId: userCartId, variantId: line.variantId, quantity, unitPriceSeen: line.unitPriceSeen });
      }
    }
    await tx.update(carts).set({ status: 'merged' }).where(eq(carts.id, guestCartId));
    await touch(tx, userCartId);
    return userCartId;
  });
}

/** Closes a cart when its order is placed (inside the order transaction). True if it was active. */
export async function markConverted(tx: DbOrTx, cartId: string): Promise<boolean> {
  const rows = await tx
    .update(carts)
    .set({ status: 'converted' })
    .where(and(eq(carts.id, cartId), eq(carts.status, 'active')))
    .returning({ id: carts.id });
  return rows.length > 0;
}

function assertQuantity(q: number, min: number) {
  if (!Number.isInteger(q) || q < min || q > MAX_LINE_QUANTITY) {
    throw new DomainError('invalid_input', `Quantity must be a whole number from ${min} to ${MAX_LINE_QUANTITY}.`, 400);
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (s: string) => UUID.test(s);
