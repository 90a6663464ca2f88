import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GET as getCart } from '@/app/api/v1/carts/[id]/route';
import { POST as addItem } from '@/app/api/v1/carts/[id]/items/route';
import { DELETE as removeItem, PATCH as updateItem } from '@/app/api/v1/carts/[id]/items/[itemId]/route';
import { POST as createCart } from '@/app/api/v1/carts/route';
import { GET as unknownRoute } from '@/app/api/v1/[...path]/route';
import { cartItems, carts } from '@/db/schema/cart';
import { insertSellable } from '@/test/checkout-fixtures';
import { BACKENDS, useTestDatabase } from '@/test/db';
import { setApiDepsForTests } from './context';
import { cartChangeSchema, cartSchema, createdCartSchema } from './schemas';
import { setApiLimitsForTests } from './limits';
import { call } from './test-client';

const expectError = (res: { status: number; json: () => unknown }, status: number, code: string) => {
  expect(res.status).toBe(status);
  expect(res.json()).toMatchObject({ error: { code, message: expect.any(String) } });
};

describe.each(BACKENDS)('API v1 carts (%s)', (backend) => {
  const t = useTestDatabase(backend);

  beforeAll(() => {
    setApiDepsForTests({ db: async () => t().db, actor: async () => null });
    setApiLimitsForTests({ read: { limit: 10_000, windowMs: 60_000 }, write: { limit: 10_000, windowMs: 60_000 } });
  });
  afterAll(() => {
    setApiDepsForTests(undefined);
    setApiLimitsForTests(undefined);
  });

  async function newCart() {
    const res = await call(createCart, 'POST', '/carts');
    expect(res.status).toBe(201);
    return createdCartSchema.parse(res.json());
  }
  const lines = async (cartId: string) => t().db.select().from(cartItems).where(eq(cartItems.cartId, cartId));

  it('creates a cart and shows its token once; the token is stored hashed', async () => {
    const cart = await newCart();
    expect(cart.token.length).toBeGreaterThanOrEqual(40);
    const [row] = await t().db.select().from(carts).where(eq(carts.id, cart.id));
    expect(row!.tokenHash).toBeTruthy();
    expect(row!.tokenHash).not.toContain(cart.token);
    const res = await call(getCart, 'GET', `/carts/${cart.id}`, { params: { id: cart.id }, token: cart.token });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(cartSchema.parse(res.json())).toMatchObject({ id: cart.id, status: 'active', lines: [], itemCount: 0 });
    expect(res.json()).not.toHaveProperty('token');
  });

  it('without a token: 401; with a wrong token, another cart’s token or an unknown cart: the same 404', async () => {
    const a = await newCart();
    const b = await newCart();
    const none = await call(getCart, 'GET', `/carts/${a.id}`, { params: { id: a.id } });
    expectError(none, 401, 'unauthorized');
    expect(none.headers.get('www-authenticate')).toMatch(/^Bearer/);
    const wrong = await call(getCart, 'GET', `/carts/${a.id}`, { params: { id: a.id }, token: 'x'.repeat(43) });
    const other = await call(getCart, 'GET', `/carts/${a.id}`, { params: { id: a.id }, token: b.token });
    const missingId = randomUUID();
    const missing = await call(getCart, 'GET', `/carts/${missingId}`, { params: { id: missingId }, token: a.token });
    for (const r of [wrong, other, missing]) expectError(r, 404, 'not_found');
    expect(wrong.text).toBe(other.text);
    expect(wrong.text).toBe(missing.text);
    // A web cart (cookie-bound, no token) is never reachable through the API.
    const [web] = await t().db.insert(carts).values({}).returning({ id: carts.id });
    expectError(await call(getCart, 'GET', `/carts/${web!.id}`, { params: { id: web!.id }, token: a.token }), 404, 'not_found');
    // Nobody else can write to it either, and nothing changes.
    const f = await insertSellable(t().db, [5]);
    expectError(await call(addItem, 'POST', `/carts/${a.id}/items`, { params: { id: a.id }, token: b.token, body: { variantId: f.variantIds[0], quantity: 1 } }), 404, 'not_found');
    expect(await lines(a.id)).toEqual([]);
  });

  it('adds, updates and removes lines, capped by stock', async () => {
    const f = await insertSellable(t().db, [5]);
    const cart = await newCart();
    const opts = { params: { id: cart.id }, token: cart.token };
    const added = await call(addItem, 'POST', `/carts/${cart.id}/items`, { ...opts, body: { variantId: f.variantIds[0], quantity: 2 } });
    expect(added.status).toBe(200);
    const change = cartChangeSchema.parse(added.json());
    expect(change.item).toMatchObject({ quantity: 2, capped: false, available: 5 });
    expect(change.cart).toMatchObject({ itemCount: 2, subtotal: 2000 });
    const itemId = change.item.itemId!;

    const capped = await call(updateItem, 'PATCH', `/carts/${cart.id}/items/${itemId}`, { params: { id: cart.id, itemId }, token: cart.token, body: { quantity: 50 } });
    expect(capped.status).toBe(200);
    expect(capped.json().item).toMatchObject({ quantity: 5, capped: true });

    const removed = await call(removeItem, 'DELETE', `/carts/${cart.id}/items/${itemId}`, { params: { id: cart.id, itemId }, token: cart.token });
    expect(removed.status).toBe(200);
    expect(removed.json()).toMatchObject({ removed: true, cart: { itemCount: 0, lines: [] } });
    const again = await call(removeItem, 'DELETE', `/carts/${cart.id}/items/${itemId}`, { params: { id: cart.id, itemId }, token: cart.token });
    expect(again.json()).toMatchObject({ removed: false });
  });

  it('refuses bad input with 4xx and per-field details, and changes nothing', async () => {
    const f = await insertSellable(t().db, [5]);
    const cart = await newCart();
    const opts = { params: { id: cart.id }, token: cart.token };
    const post = (o: Parameters<typeof call>[3]) => call(addItem, 'POST', `/carts/${cart.id}/items`, { ...opts, ...o });

    const invalid = await post({ body: { variantId: 'nope', quantity: 0 } });
    expectError(invalid, 400, 'invalid_input');
    expect(Object.keys(invalid.json().error.details.fields).sort()).toEqual(['quantity', 'variantId']);
    expectError(await post({ body: { variantId: f.variantIds[0], quantity: 100 } }), 400, 'invalid_input');
    expectError(await post({ body: { variantId: f.variantIds[0], quantity: 1.5 } }), 400, 'invalid_input');
    expectError(await post({ body: '{"variantId": ' }), 400, 'invalid_json');
    expectError(await post({ body: '' }), 400, 'invalid_json');
    expectError(await post({ body: 'variantId=x', headers: { 'content-type': 'application/x-www-form-urlencoded' } }), 415, 'unsupported_media_type');
    expectError(await post({ body: JSON.stringify({ variantId: f.variantIds[0], quantity: 1, pad: 'x'.repeat(70_000) }) }), 413, 'payload_too_large');
    expectError(await post({ body: [1, 2] }), 400, 'invalid_input');
    expectError(await post({ body: { variantId: randomUUID(), quantity: 1 } }), 404, 'not_found');
    const badParam = await call(getCart, 'GET', '/carts/not-a-uuid', { params: { id: 'not-a-uuid' }, token: cart.token });
    expectError(badParam, 400, 'invalid_input');
    expect(badParam.json().error.details.fields).toHaveProperty(['path.id']);
    expect(await lines(cart.id)).toEqual([]);
  });

  it('a sold-out variant is a 409 out_of_stock; a checked-out cart is a 409 cart_closed', async () => {
    const f = await insertSellable(t().db, [0, 3]);
    const cart = await newCart();
    const opts = { params: { id: cart.id }, token: cart.token };
    expectError(await call(addItem, 'POST', `/carts/${cart.id}/items`, { ...opts, body: { variantId: f.variantIds[0], quantity: 1 } }), 409, 'out_of_stock');
    await t().db.update(carts).set({ status: 'converted' }).where(eq(carts.id, cart.id));
    expectError(await call(addItem, 'POST', `/carts/${cart.id}/items`, { ...opts, body: { variantId: f.variantIds[1], quantity: 1 } }), 409, 'cart_closed');
    // Still readable with its token (the converted cart's lines and status).
    expect((await call(getCart, 'GET', `/carts/${cart.id}`, opts)).json()).toMatchObject({ status: 'converted' });
  });

  it('rate limits writes per IP: 429 with Retry-After and X-RateLimit headers', async () => {
    setApiLimitsForTests({ write: { limit: 3, windowMs: 60_000 } });
    try {
      const ip = '198.51.100.7';
      const results = [];
      for (let i = 0; i < 5; i++) results.push(await call(createCart, 'POST', '/carts', { ip }));
      expect(results.map((r) => r.status)).toEqual([201, 201, 201, 429, 429]);
      expect(results[0]!.headers.get('x-ratelimit-limit')).toBe('3');
      expect(results[2]!.headers.get('x-ratelimit-remaining')).toBe('0');
      const limited = results[3]!;
      expectError(limited, 429, 'rate_limited');
      expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(Number(limited.headers.get('x-ratelimit-reset'))).toBeGreaterThan(Date.now() / 1000);
      // Another client is not affected.
      expect((await call(createCart, 'POST', '/carts', { ip: '198.51.100.8' })).status).toBe(201);
    } finally {
      setApiLimitsForTests({ read: { limit: 10_000, windowMs: 60_000 }, write: { limit: 10_000, windowMs: 60_000 } });
    }
  });

  it('unknown paths answer in the error shape', async () => {
    const res = await call(unknownRoute, 'GET', '/nope');
    expectError(res, 404, 'not_found');
  });
});
