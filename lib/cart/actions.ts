'use server';

import { refresh } from 'next/cache';
import { publicAction, type ActionResult } from '@/lib/accounts/action';
import { requestInfo } from '@/lib/accounts/request-info';
import { getDb } from '@/lib/platform/db';
import { NotFoundError, RateLimitedError } from '@/lib/platform/errors';
import { createRateLimiter } from '@/lib/platform/ratelimit';
import { ensureCurrentCart, getCurrentCartId } from './identity';
import { acknowledgePricesInput, addToCartInput, removeCartItemInput, updateCartItemInput } from './inputs';
import { getCartView, type CartView } from './queries';
import { acknowledgePrices, addItem, CartClosedError, removeItem, updateItem, type CartLineChange } from './service';

// Carts are open to guests: no permission, but the cart is always the session's or the signed
// cookie's, never one named in the input. Writes per client IP are rate limited.
const cartWrites = createRateLimiter('cart-writes', { limit: 120, windowMs: 60_000 });

export type CartActionData = { cart: CartView | null; line?: CartLineChange };

async function limit(): Promise<void> {
  const { ip } = await requestInfo();
  if (!ip) return;
  const r = await cartWrites.limit(ip);
  if (!r.success) throw new RateLimitedError(r.retryAfter);
}

async function currentCart(): Promise<string> {
  const cartId = await getCurrentCartId();
  if (!cartId) throw new NotFoundError('Your cart');
  return cartId;
}

const addHandler = publicAction('addToCart', addToCartInput, async (input): Promise<CartActionData> => {
  await limit();
  const db = await getDb();
  let cartId = await ensureCurrentCart();
  let line: CartLineChange;
  try {
    line = await addItem(db, cartId, input);
  } catch (err) {
    // The cart was checked out in another tab a moment ago: start a fresh one.
    if (!(err instanceof CartClosedError)) throw err;
    cartId = await ensureCurrentCart();
    line = await addItem(db, cartId, input);
  }
  return { cart: await getCartView(db, cartId), line };
});

const updateHandler = publicAction('updateCartItem', updateCartItemInput, async (input): Promise<CartActionData> => {
  await limit();
  const db = await getDb();
  const cartId = await currentCart();
  const line = await updateItem(db, cartId, input);
  return { cart: await getCartView(db, cartId), line };
});

const removeHandler = publicAction('removeCartItem', removeCartItemInput, async (input): Promise<CartActionData> => {
  await limit();
  const db = await getDb();
  const cartId = await currentCart();
  await removeItem(db, cartId, input);
  return { cart: await getCartView(db, cartId) };
});

const acknowledgeHandler = publicAction('acknowledgeCartPrices', acknowledgePricesInput, async (): Promise<CartActionData> => {
  await limit();
  const db = await getDb();
  const cartId = await currentCart();
  await acknowledgePrices(db, cartId);
  return { cart: await getCartView(db, cartId) };
});

/** The cart page is dynamic: after a change the client re-renders it with the server's view. */
function refreshed<T>(result: ActionResult<T>): ActionResult<T> {
  if (result.ok) refresh();
  return result;
}

/** Product pages stay static: the mini-cart takes the returned view instead of a refresh. */
export async function addToCartAction(input: { variantId: string; quantity: number } | FormData): Promise<ActionResult<CartActionData>> {
  return addHandler(input);
}

export async function updateCartItemAction(input: { itemId: string; quantity: number } | FormData): Promise<ActionResult<CartActionData>> {
  return refreshed(await updateHandler(input));
}

export async function removeCartItemAction(input: { itemId: string } | FormData): Promise<ActionResult<CartActionData>> {
  return refreshed(await removeHandler(input));
}

export async function acknowledgePricesAction(input?: unknown): Promise<ActionResult<CartActionData>> {
  return refreshed(await acknowledgeHandler(input));
}
