import { randomUUID } from 'node:crypto';
import { expect, test, type APIRequestContext, type APIResponse } from '@playwright/test';

// The public API v1 on the production build, through Playwright's request fixture (no browser).

const address = { fullName: 'Api Buyer', line1: '1 Main St', city: 'Springfield', region: 'CA', postalCode: '94000', country: 'US' };

async function expectError(res: APIResponse, status: number, code: string) {
  expect(res.status(), await res.text()).toBe(status);
  expect(res.headers()['content-type']).toContain('application/json');
  expect(await res.json()).toEqual({ error: expect.objectContaining({ code, message: expect.any(String) }) });
}

/** An in-stock variant from the listing. */
async function stockedVariant(request: APIRequestContext): Promise<string> {
  const list = await request.get('/api/v1/products?inStock=true&limit=10');
  expect(list.status()).toBe(200);
  for (const p of (await list.json()).data as { id: string }[]) {
    const product = await (await request.get(`/api/v1/products/${p.id}`)).json();
    const v = (product.variants as { id: string; available: number }[]).find((x) => x.available >= 2);
    if (v) return v.id;
  }
  throw new Error('no stocked variant');
}

test('OpenAPI 3.1 document', async ({ request }) => {
  const res = await request.get('/api/v1/openapi.json');
  expect(res.status()).toBe(200);
  const doc = await res.json();
  expect(doc.openapi).toBe('3.1.0');
  expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/products', '/products/{id}', '/search', '/carts', '/carts/{id}', '/checkout', '/orders/{id}']));
});

test('catalog reads: listing with a cursor, product, search; bad input is a 400', async ({ request }) => {
  const first = await request.get('/api/v1/products?limit=3&sort=newest');
  expect(first.status()).toBe(200);
  const page = await first.json();
  expect(page.data).toHaveLength(3);
  const next = await (await request.get(`/api/v1/products?limit=3&sort=newest&cursor=${page.nextCursor}`)).json();
  expect(next.data.map((p: { id: string }) => p.id)).not.toContain(page.data[0].id);
  expect((await request.get('/api/v1/search?q=shirt')).status()).toBe(200);
  await expectError(await request.get('/api/v1/products?limit=0'), 400, 'invalid_input');
  await expectError(await request.get(`/api/v1/products/${randomUUID()}`), 404, 'not_found');
  await expectError(await request.get('/api/v1/nope'), 404, 'not_found');
});

test('cart → checkout with the test card → order; the replay is byte for byte', async ({ request }) => {
  const variantId = await stockedVariant(request);
  const created = await request.post('/api/v1/carts');
  expect(created.status()).toBe(201);
  const cart = await created.json();
  const auth = { authorization: `Bearer ${cart.token}` };

  await expectError(await request.get(`/api/v1/carts/${cart.id}`), 401, 'unauthorized');
  await expectError(await request.post(`/api/v1/carts/${cart.id}/items`, { headers: { ...auth, 'content-type': 'text/plain' }, data: 'x' }), 415, 'unsupported_media_type');
  await expectError(await request.post(`/api/v1/carts/${cart.id}/items`, { headers: { ...auth, 'content-type': 'application/json' }, data: Buffer.from('{') }), 400, 'invalid_json');
  const added = await request.post(`/api/v1/carts/${cart.id}/items`, { headers: auth, data: { variantId, quantity: 1 } });
  expect(added.status(), await added.text()).toBe(200);

  const key = randomUUID();
  const body = { cartId: cart.id, email: 'api-buyer@example.com', shippingAddress: address, payment: { provider: 'test', card: '4242424242424242' } };
  const res = await request.post('/api/v1/checkout', { headers: { ...auth, 'idempotency-key': key }, data: body });
  expect(res.status(), await res.text()).toBe(201);
  const checkout = await res.json();
  expect(checkout).toMatchObject({ status: 'completed', order: { number: expect.stringMatching(/^MK-/) } });

  const replay = await request.post('/api/v1/checkout', { headers: { ...auth, 'idempotency-key': key }, data: body });
  expect(replay.status()).toBe(201);
  expect(await replay.text()).toBe(await res.text());
  expect(replay.headers()['idempotent-replayed']).toBe('true');
  await expectError(await request.post('/api/v1/checkout', { headers: { ...auth, 'idempotency-key': key }, data: { ...body, email: 'other@example.com' } }), 422, 'idempotency_key_reused');

  const order = await request.get(checkout.order.href, { headers: auth });
  expect(order.status()).toBe(200);
  expect(await order.json()).toMatchObject({ id: checkout.order.id, number: checkout.order.number, email: 'api-buyer@example.com' });
  await expectError(await request.get(checkout.order.href), 401, 'unauthorized');
});

test('a declined card is a 402', async ({ request }) => {
  const variantId = await stockedVariant(request);
  const cart = await (await request.post('/api/v1/carts')).json();
  const auth = { authorization: `Bearer ${cart.token}` };
  await request.post(`/api/v1/carts/${cart.id}/items`, { headers: auth, data: { variantId, quantity: 1 } });
  const res = await request.post('/api/v1/checkout', {
    headers: { ...auth, 'idempotency-key': randomUUID() },
    data: { cartId: cart.id, email: 'api-buyer@example.com', shippingAddress: address, payment: { provider: 'test', card: '4000000000000002' } },
  });
  await expectError(res, 402, 'payment_declined');
});
