import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { users } from '@/db/schema/accounts';
import { carts } from '@/db/schema/cart';
import { checkouts, type AddressSnapshot } from '@/db/schema/checkout';
import { orderEvents, orderItems, orders, storeOrders, type OrderStatus } from '@/db/schema/orders';
import { payments, refunds } from '@/db/schema/payments';
import { stores } from '@/db/schema/sellers';
import type { DbOrTx } from '@/lib/platform/db';
import { BACKENDS, useTestDatabase } from '@/test/db';
import { isValidOrderAccessToken } from './access';
import { loadOrderEmailData, orderConfirmationEmail } from './emails';
import { decodeOrderCursor, encodeOrderCursor, findOrderForLookup, getOrderById, getOrderByNumber, listOrdersForUser } from './queries';

// The write side (lib/orders/service.ts) is tested on its own; these reads get their orders
// straight from inserts, so every column is under the test's control.

const ADDRESS: AddressSnapshot = { name: 'Ada Lovelace', line1: '1 Main St', city: 'Springfield', region: 'IL', postalCode: '62701', country: 'US' };
let seq = 500000 + Math.floor(Math.random() * 100000);

type LineSpec = { title: string; variantTitle?: string; unitPrice: number; quantity: number; imageUrl?: string | null };
type OrderSpec = {
  userId?: string | null;
  email?: string;
  status?: OrderStatus;
  placedAt?: Date;
  stores?: { storeId: string; status?: OrderStatus; shipping?: number; lines: LineSpec[] }[];
  events?: { type: string; message: string; at?: Date; store?: number; data?: Record<string, unknown> }[];
  payment?: { status: 'authorized' | 'captured' | 'refunded' | 'partially_refunded'; captured?: number; refunded?: number; label?: string };
  refunds?: { amount: number; reason: string; store?: number }[];
};

async function newStore(db: DbOrTx, name: string) {
  const id = randomUUID();
  await db.insert(stores).values({ id, slug: `s-${id.slice(0, 8)}`, name, status: 'active' });
  return id;
}

async function newUser(db: DbOrTx) {
  const id = randomUUID();
  await db.insert(users).values({ id, email: `u-${id.slice(0, 8)}@example.com`, name: 'Buyer' });
  return id;
}

/** One order with its sub-orders, lines, timeline, payment and refunds, consistent with the CHECKs. */
async function insertOrder(db: DbOrTx, spec: OrderSpec & { stores: NonNullable<OrderSpec['stores']> }) {
  const number = `MK-${seq++}`;
  const email = spec.email ?? `guest-${randomUUID().slice(0, 8)}@example.com`;
  const cartId = randomUUID();
  await db.insert(carts).values({ id: cartId, userId: null, status: 'converted' });
  const parts = spec.stores.map((s) => {
    const subtotal = s.lines.reduce((n, l) => n + l.unitPrice * l.quantity, 0);
    const shipping = s.shipping ?? 500;
    return { ...s, subtotal, shipping, tax: 0, total: subtotal + shipping };
  });
  const total = parts.reduce((n, p) => n + p.total, 0);
  const [checkout] = await db
    .insert(checkouts)
    .values({
      idempotencyKey: randomUUID(),
      requestHash: 'h',
      cartId,
      userId: spec.userId ?? null,
      email,
      status: 'completed',
      shippingAddress: ADDRESS,
      quote: { currency: 'USD', subtotal: total, shipping: 0, tax: 0, discount: 0, total, stores: [] },
      total,
      paymentProvider: 'test',
      paymentMethod: 'pm_test',
      paymentMethodLabel: spec.payment?.label ?? 'Visa •••• 4242',
    })
    .returning({ id: checkouts.id });
  const [order] = await db
    .insert(orders)
    .values({
      number,
      checkoutId: checkout!.id,
      userId: spec.userId ?? null,
      email,
      status: spec.status ?? 'paid',
      subtotal: parts.reduce((n, p) => n + p.subtotal, 0),
      shippingTotal: parts.reduce((n, p) => n + p.shipping, 0),
      taxTotal: 0,
      total,
      shippingAddress: ADDRESS,
      placedAt: spec.placedAt ?? new Date(),
    })
    .returning({ id: orders.id, placedAt: orders.placedAt });
  const storeOrderIds: string[] = [];
  for (const [i, p] of parts.entries()) {
    const [so] = await db
      .insert(storeOrders)
      .values({
        orderId: order!.id,
        storeId: p.storeId,
        number: `${number}-${i + 1}`,
        status: p.status ?? spec.status ?? 'paid',
        subtotal: p.subtotal,
        shippingTotal: p.shipping,
        taxTotal: 0,
        total: p.total,
        shippingMethod: { rateId: null, name: `Standard ${i + 1}`, minDays: 3, maxDays: 5 },
      })
      .returning({ id: storeOrders.id });
    storeOrderIds.push(so!.id);
    await db.insert(orderItems).values(
      p.lines.map((l, j) => ({
        orderId: order!.id,
        storeOrderId: so!.id,
        title: l.title,
        variantTitle: l.variantTitle ?? '',
        sku: `SKU-${i}-${j}`,
        imageUrl: l.imageUrl === undefined ? `/media/products/${j}.webp` : l.imageUrl,
        unitPrice: l.unitPrice,
        quantity: l.quantity,
        lineTotal: l.unitPrice * l.quantity,
      })),
    );
  }
  for (const e of spec.events ?? []) {
    await db.insert(orderEvents).values({
      orderId: order!.id,
      storeOrderId: e.store === undefined ? null : storeOrderIds[e.store]!,
      type: e.type,
      message: e.message,
      data: e.data ?? null,
      createdAt: e.at ?? new Date(),
    });
  }
  if (spec.payment) {
    const captured = spec.payment.captured ?? (spec.payment.status === 'authorized' ? 0 : total);
    const [pay] = await db
      .insert(payments)
      .values({ checkoutId: checkout!.id, orderId: order!.id, provider: 'test', providerRef: `ti_${randomUUID()}`, status: spec.payment.status, amount: total, amountCaptured: captured, amountRefunded: spec.payment.refunded ?? 0 })
      .returning({ id: payments.id });
    for (const r of spec.refunds ?? []) {
      await db.insert(refunds).values({
        paymentId: pay!.id,
        orderId: order!.id,
        storeOrderId: r.store === undefined ? null : storeOrderIds[r.store]!,
        amount: r.amount,
        reason: r.reason,
        status: 'succeeded',
        idempotencyKey: randomUUID(),
        settledAt: new Date(),
      });
    }
  }
  return { id: order!.id, number, email, total, storeOrderIds, placedAt: order!.placedAt };
}

describe.each(BACKENDS)('order reads (%s)', (backend) => {
  const t = useTestDatabase(backend);

  it('getOrderByNumber returns the order with its sellers, lines, ordered timeline, payment and refunds', async () => {
    const { db } = t();
    const [a, b] = [await newStore(db, 'Acme Outdoor'), await newStore(db, 'Bolt Bikes')];
    const base = Date.now() - 3_600_000;
    const at = (min: number) => new Date(base + min * 60_000);
    const o = await insertOrder(db, {
      status: 'partially_refunded',
      stores: [
        { storeId: a, status: 'fulfilled', lines: [{ title: 'Trail Runner', variantTitle: 'Black / 42', unitPrice: 4999, quantity: 2 }, { title: 'Socks', unitPrice: 900, quantity: 1, imageUrl: null }] },
        { storeId: b, status: 'refunded', shipping: 0, lines: [{ title: 'Bell', unitPrice: 1500, quantity: 1 }] },
      ],
      // Inserted out of order, and two at the same instant in the "wrong" order.
      events: [
        { type: 'shipped', message: 'Shipped by Acme Outdoor', at: at(30), store: 0, data: { carrier: 'UPS', trackingNumber: '1Z999', trackingUrl: 'https://ups.example/1Z999' } },
        { type: 'paid', message: 'Payment received', at: at(0) },
        { type: 'placed', message: 'Order placed', at: at(0) },
        { type: 'refunded', message: 'Refunded Bolt Bikes', at: at(40), store: 1, data: { amount: 1500 } },
      ],
      payment: { status: 'partially_refunded', refunded: 1500 },
      refunds: [{ amount: 1500, reason: 'Out of stock', store: 1 }],
    });

    const d = await getOrderByNumber(db, o.number);
    expect(d).not.toBeNull();
    expect(d).toMatchObject({ id: o.id, number: o.number, email: o.email, status: 'partially_refunded', currency: 'USD', subtotal: 4999 * 2 + 900 + 1500, shippingTotal: 500, total: o.total, shippingAddress: ADDRESS, userId: null });
    expect(d!.stores.map((s) => [s.number, s.storeName, s.status, s.total])).toEqual([
      [`${o.number}-1`, 'Acme Outdoor', 'fulfilled', 4999 * 2 + 900 + 500],
      [`${o.number}-2`, 'Bolt Bikes', 'refunded', 1500],
    ]);
    expect(d!.stores[0]!.shippingMethod).toEqual({ name: 'Standard 1', minDays: 3, maxDays: 5 });
    expect(d!.stores[0]!.items.map((i) => [i.title, i.variantTitle, i.quantity, i.unitPrice, i.lineTotal])).toEqual([
      ['Socks', '', 1, 900, 900],
      ['Trail Runner', 'Black / 42', 2, 4999, 9998],
    ]);
    expect(d!.stores[1]!.items.map((i) => i.title)).toEqual(['Bell']);
    expect(d!.events.map((e) => e.type)).toEqual(['placed', 'paid', 'shipped', 'refunded']);
    expect(d!.events[2]).toMatchObject({ storeOrderId: o.storeOrderIds[0], data: { carrier: 'UPS', trackingNumber: '1Z999' } });
    expect(d!.payment).toMatchObject({ status: 'partially_refunded', provider: 'test', methodLabel: 'Visa •••• 4242', amountCaptured: o.total, amountRefunded: 1500 });
    expect(d!.refunds).toEqual([expect.objectContaining({ amount: 1500, reason: 'Out of stock', status: 'succeeded', storeOrderId: o.storeOrderIds[1] })]);

    expect(await getOrderById(db, o.id)).toEqual(d);
  });

  it('finds an order by number however it is typed, and nothing for numbers that are not one', async () => {
    const { db } = t();
    const s = await newStore(db, 'S');
    const o = await insertOrder(db, { stores: [{ storeId: s, lines: [{ title: 'X', unitPrice: 100, quantity: 1 }] }] });
    const digits = o.number.slice(3);
    for (const typed of [o.number, o.number.toLowerCase(), ` #${o.number} `, digits, `MK ${digits}`, `mk${digits}`]) {
      expect((await getOrderByNumber(db, typed))?.id, typed).toBe(o.id);
    }
    for (const typed of ['', 'MK-', 'MK-1', "MK-1' or '1'='1", `${o.number}-1`, 'x'.repeat(10_000), 'MK-٣٤٥', '\u0000']) {
      expect(await getOrderByNumber(db, typed), typed).toBeNull();
    }
    expect(await getOrderById(db, 'not-a-uuid')).toBeNull();
    expect(await getOrderById(db, randomUUID())).toBeNull();
  });

  it('an order without payment rows or events reads with nulls and empty lists', async () => {
    const { db } = t();
    const s = await newStore(db, 'S');
    const o = await insertOrder(db, { status: 'placed', stores: [{ storeId: s, lines: [{ title: 'X', unitPrice: 100, quantity: 1 }] }] });
    const d = await getOrderByNumber(db, o.number);
    expect(d).toMatchObject({ status: 'placed', payment: null, refunds: [], events: [] });
  });

  it('findOrderForLookup matches number and email (any case) and answers the same null for either mismatch', async () => {
    const { db } = t();
    const s = await newStore(db, 'S');
    const o = await insertOrder(db, { email: 'Mixed.Case@Example.com', stores: [{ storeId: s, lines: [{ title: 'X', unitPrice: 100, quantity: 1 }] }] });
    const other = await insertOrder(db, { email: 'someone@example.com', stores: [{ storeId: s, lines: [{ title: 'Y', unitPrice: 100, quantity: 1 }] }] });

    for (const email of ['mixed.case@example.com', 'MIXED.CASE@EXAMPLE.COM', '  Mixed.Case@Example.com ']) {
      expect(await findOrderForLookup(db, o.number, email)).toEqual({ id: o.id, number: o.number, email: 'Mixed.Case@Example.com' });
    }
    expect(await findOrderForLookup(db, o.number.toLowerCase(), 'mixed.case@example.com')).toMatchObject({ id: o.id });
    const misses = [
      await findOrderForLookup(db, o.number, 'someone@example.com'), // right number, another order's email
      await findOrderForLookup(db, other.number, 'mixed.case@example.com'), // another order's number
      await findOrderForLookup(db, 'MK-1', 'mixed.case@example.com'), // no such number
      await findOrderForLookup(db, o.number, 'mixed.case@example.co'), // near-miss email
      await findOrderForLookup(db, o.number, '%'), // LIKE metacharacters are not patterns
      await findOrderForLookup(db, o.number, ''),
      await findOrderForLookup(db, 'garbage', 'mixed.case@example.com'),
    ];
    expect(misses).toEqual(misses.map(() => null));
  });

  it('listOrdersForUser pages newest first by (placed_at, id) without gaps or repeats, including same-instant orders', async () => {
    const { db } = t();
    const s = await newStore(db, 'S');
    const [me, someoneElse] = [await newUser(db), await newUser(db)];
    const same = new Date(Date.now() - 86_400_000);
    const made = [];
    for (let i = 0; i < 7; i++) {
      // Three share one instant: only the id orders them.
      const placedAt = i < 3 ? same : new Date(same.getTime() + i * 1000);
      made.push(await insertOrder(db, { userId: me, placedAt, stores: [{ storeId: s, lines: [{ title: `Item ${i}`, unitPrice: 100 * (i + 1), quantity: i + 1 }] }] }));
    }
    await insertOrder(db, { userId: someoneElse, stores: [{ storeId: s, lines: [{ title: 'Not mine', unitPrice: 100, quantity: 1 }] }] });
    await insertOrder(db, { userId: null, email: 'guest@example.com', stores: [{ storeId: s, lines: [{ title: 'Guest', unitPrice: 100, quantity: 1 }] }] });

    const expected = [...made].sort((x, y) => y.placedAt.getTime() - x.placedAt.getTime() || (y.id > x.id ? 1 : -1)).map((o) => o.number);
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: Awaited<ReturnType<typeof listOrdersForUser>> = await listOrdersForUser(db, me, { cursor, limit: 3 });
      seen.push(...page.items.map((o) => o.number));
      cursor = page.nextCursor;
      pages++;
    } while (cursor && pages < 10);
    expect(seen).toEqual(expected);
    expect(pages).toBe(3);

    const first = await listOrdersForUser(db, me, { limit: 50 });
    expect(first.nextCursor).toBeNull();
    const newest = first.items[0]!;
    expect(newest).toMatchObject({ number: made[6]!.number, status: 'paid', currency: 'USD', total: 700 * 7 + 500, itemCount: 7, moreLines: 0 });
    expect(newest.previews).toEqual([{ title: 'Item 6', imageUrl: '/media/products/0.webp' }]);
  });

  it('summarises many lines as four previews and a count of the rest', async () => {
    const { db } = t();
    const s = await newStore(db, 'S');
    const me = await newUser(db);
    await insertOrder(db, { userId: me, stores: [{ storeId: s, lines: 'ABCDEF'.split('').map((c) => ({ title: `Line ${c}`, unitPrice: 100, quantity: 2 })) }] });
    const { items } = await listOrdersForUser(db, me);
    expect(items[0]).toMatchObject({ itemCount: 12, moreLines: 2 });
    expect(items[0]!.previews.map((p) => p.title)).toEqual(['Line A', 'Line B', 'Line C', 'Line D']);
  });

  it('a forged, malformed or impossible cursor reads as the first page, never an error', async () => {
    const { db } = t();
    const s = await newStore(db, 'S');
    const me = await newUser(db);
    const o = await insertOrder(db, { userId: me, stores: [{ storeId: s, lines: [{ title: 'X', unitPrice: 100, quantity: 1 }] }] });
    const b64 = (x: unknown) => Buffer.from(JSON.stringify(x)).toString('base64url');
    for (const cursor of ['!!!', 'a'.repeat(500), b64({ t: '2024-02-31T00:00:00.000000Z', id: randomUUID() }), b64({ t: 'yesterday', id: 'x' }), b64({ t: "2024-01-01T00:00:00.000000Z'); drop table orders; --", id: randomUUID() }), b64([1, 2])]) {
      expect(decodeOrderCursor(cursor)).toBeUndefined();
      expect((await listOrdersForUser(db, me, { cursor })).items.map((i) => i.id)).toEqual([o.id]);
    }
    const future = encodeOrderCursor({ t: '2999-01-01T00:00:00.000000Z', id: randomUUID() });
    expect((await listOrdersForUser(db, me, { cursor: future })).items.map((i) => i.id)).toEqual([o.id]);
    const past = encodeOrderCursor({ t: '2000-01-01T00:00:00.000000Z', id: randomUUID() });
    expect((await listOrdersForUser(db, me, { cursor: past })).items).toEqual([]);
    expect((await listOrdersForUser(db, me, { limit: -5 })).items).toHaveLength(1);
    expect((await listOrdersForUser(db, me, { limit: Number.NaN })).items).toHaveLength(1);
  });

  it('loadOrderEmailData reads what the confirmation email shows, with a working tracking link', async () => {
    const { db } = t();
    const [a, b] = [await newStore(db, 'Zeta Store'), await newStore(db, 'Alpha Store')];
    const o = await insertOrder(db, {
      email: 'Buyer@Example.com',
      stores: [
        { storeId: a, lines: [{ title: 'Zed', unitPrice: 1000, quantity: 1 }] },
        { storeId: b, lines: [{ title: 'Ay', variantTitle: 'Red', unitPrice: 250, quantity: 4, imageUrl: null }] },
      ],
    });
    const d = await loadOrderEmailData(db, o.id);
    expect(d).toMatchObject({ orderId: o.id, number: o.number, email: 'Buyer@Example.com', currency: 'USD', subtotal: 2000, shippingTotal: 1000, total: 3000, shippingAddress: ADDRESS });
    // Sub-orders in number order (the order they were placed in), not by name.
    expect(d.stores).toEqual([
      { storeName: 'Zeta Store', shippingName: 'Standard 1', lines: [{ title: 'Zed', variantTitle: '', quantity: 1, unitPrice: 1000, lineTotal: 1000, imageUrl: '/media/products/0.webp' }] },
      { storeName: 'Alpha Store', shippingName: 'Standard 2', lines: [{ title: 'Ay', variantTitle: 'Red', quantity: 4, unitPrice: 250, lineTotal: 1000, imageUrl: null }] },
    ]);
    const url = new URL(d.trackUrl);
    expect(url.pathname).toBe(`/orders/${o.number}`);
    expect(isValidOrderAccessToken({ id: o.id, email: 'buyer@example.com' }, url.searchParams.get('t'))).toBe(true);

    const m = await orderConfirmationEmail(d);
    expect(m.to).toBe('Buyer@Example.com');
    expect(m.text).toContain('$30.00');
    await expect(loadOrderEmailData(db, randomUUID())).rejects.toThrow(/not found/);
  });

  it('reads inside a transaction (the email is built in the transaction that writes the order)', async () => {
    const { db } = t();
    const s = await newStore(db, 'S');
    await db.transaction(async (tx) => {
      const o = await insertOrder(tx, { stores: [{ storeId: s, lines: [{ title: 'In tx', unitPrice: 100, quantity: 1 }] }] });
      expect((await loadOrderEmailData(tx, o.id)).stores[0]!.lines[0]!.title).toBe('In tx');
      expect((await getOrderByNumber(tx, o.number))?.id).toBe(o.id);
      await tx.execute(sql`select 1`);
    });
  });
});
