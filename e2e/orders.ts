import { randomUUID } from 'node:crypto';
import pg from 'pg';

/**
 * Orders straight into the e2e database, for the order pages' specs (the checkout has its own
 * specs). Numbers come from the real sequence, so they never collide with checkout's orders.
 */

export type E2eOrder = { id: string; number: string; email: string; total: number; storeNames: string[] };

type Line = { title: string; variantTitle?: string; unitPrice: number; quantity: number };
type Spec = {
  email?: string;
  userId?: string | null;
  status?: 'placed' | 'paid' | 'partially_fulfilled' | 'fulfilled' | 'delivered' | 'cancelled';
  placedAt?: Date;
  /** One entry per seller (taken from the seeded stores, in order). */
  stores?: Line[][];
  shipped?: { carrier: string; trackingNumber: string; trackingUrl: string | null };
};

const ADDRESS = { name: 'Grace Hopper', line1: '1 Harbor Way', city: 'Arlington', region: 'VA', postalCode: '22201', country: 'US' };

export async function insertOrder(spec: Spec = {}): Promise<E2eOrder> {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  try {
    await client.query('begin');
    const parts = spec.stores ?? [[{ title: 'E2E Trail Runner', variantTitle: 'Black / 42', unitPrice: 4999, quantity: 2 }]];
    const storeRows = (await client.query<{ id: string; name: string; slug: string }>('select id, name, slug from stores order by slug limit $1', [parts.length])).rows;
    if (storeRows.length < parts.length) throw new Error('e2e: not enough seeded stores');
    const email = spec.email ?? `guest-${randomUUID().slice(0, 8)}@example.com`;
    const status = spec.status ?? (spec.shipped ? 'fulfilled' : 'paid');
    const priced = parts.map((lines) => {
      const subtotal = lines.reduce((n, l) => n + l.unitPrice * l.quantity, 0);
      return { lines, subtotal, shipping: 599, total: subtotal + 599 };
    });
    const total = priced.reduce((n, p) => n + p.total, 0);
    const [{ n }] = (await client.query<{ n: string }>(`select nextval('order_number_seq') as n`)).rows as [{ n: string }];
    const number = `MK-${n}`;
    const cartId = randomUUID();
    await client.query(`insert into carts (id, status) values ($1, 'converted')`, [cartId]);
    const checkoutId = randomUUID();
    await client.query(
      `insert into checkouts (id, idempotency_key, request_hash, cart_id, user_id, email, status, step, shipping_address, quote, total, payment_provider, payment_method, payment_method_label, completed_at)
       values ($1, $2, 'e2e', $3, $4, $5, 'completed', 'done', $6, $7, $8, 'test', 'pm_e2e', 'Visa •••• 4242', now())`,
      [checkoutId, randomUUID(), cartId, spec.userId ?? null, email, ADDRESS, { currency: 'USD', subtotal: total, shipping: 0, tax: 0, discount: 0, total, stores: [] }, total],
    );
    const orderId = randomUUID();
    const placedAt = spec.placedAt ?? new Date();
    await client.query(
      `insert into orders (id, number, checkout_id, user_id, email, status, subtotal, shipping_total, tax_total, total, shipping_address, placed_at, paid_at)
       values ($1, $2, $3, $4, $5, $6, $7, $8, 0, $9, $10, $11, $12)`,
      [orderId, number, checkoutId, spec.userId ?? null, email, status, total - 599 * priced.length, 599 * priced.length, total, ADDRESS, placedAt, status === 'placed' ? null : placedAt],
    );
    const storeOrderIds: string[] = [];
    for (const [i, p] of priced.entries()) {
      const storeOrderId = randomUUID();
      storeOrderIds.push(storeOrderId);
      await client.query(
        `insert into store_orders (id, order_id, store_id, number, status, subtotal, shipping_total, tax_total, total, shipping_method)
         values ($1, $2, $3, $4, $5, $6, $7, 0, $8, $9)`,
        [storeOrderId, orderId, storeRows[i]!.id, `${number}-${i + 1}`, status, p.subtotal, p.shipping, p.total, { rateId: null, name: 'Standard', minDays: 3, maxDays: 5 }],
      );
      for (const [j, l] of p.lines.entries()) {
        await client.query(
          `insert into order_items (order_id, store_order_id, title, variant_title, sku, unit_price, quantity, quantity_fulfilled, line_total)
           values ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
          [orderId, storeOrderId, l.title, l.variantTitle ?? '', `E2E-${i}-${j}`, l.unitPrice, l.quantity, spec.shipped ? l.quantity : 0, l.unitPrice * l.quantity],
        );
      }
    }
    const event = (type: string, message: string, at: Date, storeOrderId: string | null = null, data: unknown = null) =>
      client.query(`insert into order_events (order_id, store_order_id, type, message, data, dedupe_key, created_at) values ($1, $2, $3, $4, $5, $6, $7)`, [
        orderId,
        storeOrderId,
        type,
        message,
        data,
        `${type}:${storeOrderId ?? ''}`,
        at,
      ]);
    await event('placed', 'Order placed', placedAt);
    if (status !== 'placed' && status !== 'cancelled') await event('paid', 'Payment received', new Date(placedAt.getTime() + 1000));
    if (spec.shipped) await event('shipped', `Shipped by ${storeRows[0]!.name}`, new Date(placedAt.getTime() + 60_000), storeOrderIds[0]!, spec.shipped);
    await client.query(
      `insert into payments (checkout_id, order_id, provider, provider_ref, status, amount, amount_captured) values ($1, $2, 'test', $3, $4, $5, $6)`,
      [checkoutId, orderId, `ti_e2e_${randomUUID()}`, status === 'placed' ? 'authorized' : 'captured', total, status === 'placed' ? 0 : total],
    );
    await client.query('commit');
    return { id: orderId, number, email, total, storeNames: storeRows.map((s) => s.name) };
  } catch (err) {
    await client.query('rollback').catch(() => {});
    throw err;
  } finally {
    await client.end();
  }
}
