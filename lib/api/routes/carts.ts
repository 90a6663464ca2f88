import { z } from 'zod';
import { addToCartInput, updateCartItemInput } from '@/lib/cart/inputs';
import { getCartView, type CartView } from '@/lib/cart/queries';
import { addItem, createTokenCart, removeItem, updateItem } from '@/lib/cart/service';
import type { DbOrTx } from '@/lib/platform/db';
import { absoluteUrl } from '@/lib/platform/urls';
import { requireCartToken } from '../auth';
import { notFound } from '../errors';
import { defineRoute } from '../handler';
import { cartChangeSchema, cartRemovalSchema, cartSchema, createdCartSchema } from '../schemas';

// API carts: a guest cart per client, proved by the secret token returned once on creation.

const cartParams = z.object({ id: z.uuid('Not a cart id') });
const itemParams = z.object({ id: z.uuid('Not a cart id'), itemId: z.uuid('Not a cart line id') });
const CART_ERRORS = [400, 401, 404, 429];

const image = (u: string | null) => (u && u.startsWith('/') ? absoluteUrl(u) : u);

async function cartBody(db: DbOrTx, cartId: string): Promise<CartView> {
  const cart = await getCartView(db, cartId);
  if (!cart) throw notFound('That cart');
  return { ...cart, lines: cart.lines.map((l) => ({ ...l, imageUrl: image(l.imageUrl) })) };
}

export const createCartRoute = defineRoute({
  id: 'createCart',
  method: 'POST',
  path: '/carts',
  tag: 'Carts',
  summary: 'Create a cart',
  description: 'Returns the cart id and its secret token. The token is shown only here; every other cart call needs it as `Authorization: Bearer <token>`. Takes no body.',
  auth: 'none',
  limit: 'write',
  responses: { 201: { description: 'The new cart and its token.', schema: createdCartSchema } },
  errors: [429],
  async handle({ db }) {
    return { status: 201, body: await createTokenCart(db) };
  },
});

export const getCartRoute = defineRoute({
  id: 'getCart',
  method: 'GET',
  path: '/carts/{id}',
  tag: 'Carts',
  summary: 'Get a cart',
  description: 'The cart with every line checked against live stock and price.',
  auth: 'cart',
  limit: 'read',
  params: cartParams,
  responses: { 200: { description: 'The cart.', schema: cartSchema } },
  errors: CART_ERRORS,
  async handle({ db, req, params }) {
    await requireCartToken(db, req, params.id);
    return { status: 200, body: await cartBody(db, params.id) };
  },
});

export const addCartItemRoute = defineRoute({
  id: 'addCartItem',
  method: 'POST',
  path: '/carts/{id}/items',
  tag: 'Carts',
  summary: 'Add an item',
  description: 'Adds units of a variant (adding the same variant again raises its line). Capped by live stock and 99 per line; `item.capped` says so. 409 `out_of_stock` when none are available, 409 `cart_closed` after checkout.',
  auth: 'cart',
  limit: 'write',
  params: cartParams,
  body: addToCartInput,
  responses: { 200: { description: 'The line after the change and the cart.', schema: cartChangeSchema } },
  errors: [...CART_ERRORS, 409, 413, 415],
  async handle({ db, req, params, body }) {
    await requireCartToken(db, req, params.id);
    const item = await addItem(db, params.id, body);
    return { status: 200, body: { item, cart: await cartBody(db, params.id) } };
  },
});

export const updateCartItemRoute = defineRoute({
  id: 'updateCartItem',
  method: 'PATCH',
  path: '/carts/{id}/items/{itemId}',
  tag: 'Carts',
  summary: 'Change a line quantity',
  description: 'Sets the quantity (0 removes the line), capped by live stock.',
  auth: 'cart',
  limit: 'write',
  params: itemParams,
  body: updateCartItemInput.pick({ quantity: true }),
  responses: { 200: { description: 'The line after the change and the cart.', schema: cartChangeSchema } },
  errors: [...CART_ERRORS, 409, 413, 415],
  async handle({ db, req, params, body }) {
    await requireCartToken(db, req, params.id);
    const item = await updateItem(db, params.id, { itemId: params.itemId, quantity: body.quantity });
    return { status: 200, body: { item, cart: await cartBody(db, params.id) } };
  },
});

export const removeCartItemRoute = defineRoute({
  id: 'removeCartItem',
  method: 'DELETE',
  path: '/carts/{id}/items/{itemId}',
  tag: 'Carts',
  summary: 'Remove a line',
  description: 'Removing a line that is already gone is not an error (`removed: false`).',
  auth: 'cart',
  limit: 'write',
  params: itemParams,
  responses: { 200: { description: 'Whether a line was removed, and the cart.', schema: cartRemovalSchema } },
  errors: [...CART_ERRORS, 409],
  async handle({ db, req, params }) {
    await requireCartToken(db, req, params.id);
    const { removed } = await removeItem(db, params.id, { itemId: params.itemId });
    return { status: 200, body: { removed, cart: await cartBody(db, params.id) } };
  },
});
