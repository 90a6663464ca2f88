import { randomUUID } from 'node:crypto';
import { asc, eq, sql } from 'drizzle-orm';
import { users } from '@/db/schema/accounts';
import { carts } from '@/db/schema/cart';
import { checkouts, type QuoteSnapshot } from '@/db/schema/checkout';
import { orderItems, orders, storeOrders } from '@/db/schema/orders';
import { storeMembers } from '@/db/schema/sellers';
import { events } from '@/inngest/events';
import { definitions } from '@/inngest/functions/definitions';
import type { StoreRole } from '@/lib/accounts/permissions';
import { setSagaDepsForTests } from '@/lib/checkout/saga-steps';
import type { PaymentProvider } from '@/lib/payments/provider';
import { tokenizeTestCard } from '@/lib/payments/test-cards';
import type { Db, DbOrTx } from '@/lib/platform/db';
import { WorkflowDriver } from '@/lib/platform/workflow-driver';
import { storeScope } from '@/lib/seller-catalog/scope';

/**
 * Many orders for one store in a few statements (set-based SQL), for the list and dashboard
 * performance tests and the bench: `count` store orders spread evenly over the last `days`
 * days, each with 1–3 lines of `products` products (ids and titles invented unless given).
 * Every 20th is still to fulfil, a few are cancelled or refunded, the rest shipped or
 * delivered. Each order has only this store's part; the numbers are unique per call.
 */
export async function insertBulkStoreOrders(
  db: DbOrTx,
  opts: { storeId: string; count: number; days?: number; products?: number; tag?: string },
): Promise<{ tag: string }> {
  const tag = (opts.tag ?? randomUUID().slice(0, 8)).replace(/[^a-z0-9]/gi, '');
  const days = opts.days ?? 365;
  const products = Math.max(1, opts.products ?? 200);
  const step = (days * 86_400) / Math.max(opts.count, 1);
  await db.execute(sql`insert into carts (id, status) values (${randomUUID()}::uuid, 'converted')`);
  // Real order numbers (MK-<n>), a block reserved from the sequence.
  const first = Number((await db.execute<{ n: string }>(sql`select nextval('order_number_seq') as n`)).rows[0]!.n);
  await db.execute(sql`select setval('order_number_seq', ${first + opts.count})`);
  await db.execute(sql`
    with cart as (select id from carts where status = 'converted' order by created_at desc limit 1),
    s as (
      select i, 'MK-' || (${first} + i) as num, now() - make_interval(secs => ${step}::float8 * i) as at,
        case when i % 20 = 0 then 'paid' when i % 97 = 0 then 'cancelled' when i % 89 = 0 then 'partially_refunded'
             when i < ${Math.floor(opts.count / 10)} then 'fulfilled' else 'delivered' end::order_status as status,
        1000 + (i % 37) * 250 as unit, 1 + i % 3 as lines
      from generate_series(1, ${opts.count}) i
    ),
    c as (
      insert into checkouts (idempotency_key, request_hash, cart_id, email, status, step, shipping_address, quote, total, payment_provider, payment_method, completed_at)
      select 'bulk-' || ${tag} || '-' || i, 'bulk', (select id from cart), 'bulk-' || i || '@example.com', 'completed', 'done',
        '{"name":"Bulk Buyer","line1":"1 Main St","city":"Springfield","region":"CA","postalCode":"94000","country":"US"}'::jsonb,
        '{}'::jsonb, unit * lines + 500, 'test', 'pm_bulk', at
      from s returning id, idempotency_key
    ),
    o as (
      insert into orders (number, checkout_id, email, status, subtotal, shipping_total, tax_total, total, shipping_address, placed_at, paid_at, created_at)
      select s.num, c.id, 'bulk-' || s.i || '@example.com', s.status, s.unit * s.lines, 500, 0, s.unit * s.lines + 500,
        '{"name":"Bulk Buyer","line1":"1 Main St","city":"Springfield","region":"CA","postalCode":"94000","country":"US"}'::jsonb, s.at, s.at, s.at
      from s join c on c.idempotency_key = 'bulk-' || ${tag} || '-' || s.i
      returning id, number
    ),
    so as (
      insert into store_orders (order_id, store_id, number, status, subtotal, shipping_total, tax_total, total, refunded_total, shipping_method, created_at)
      select o.id, ${opts.storeId}::uuid, o.number || '-1', s.status, s.unit * s.lines, 500, 0, s.unit * s.lines + 500,
        case s.status when 'cancelled' then s.unit * s.lines + 500 when 'partially_refunded' then s.unit else 0 end,
        '{"rateId":null,"name":"Standard","minDays":3,"maxDays":5}'::jsonb, s.at
      from s join o on o.number = s.num
      returning id, order_id, number, status
    )
    insert into order_items (order_id, store_order_id, product_id, title, variant_title, sku, unit_price, quantity, quantity_fulfilled, quantity_cancelled, line_total)
    select so.order_id, so.id, md5(${tag} || ((s.i + l) % ${products}))::uuid, 'Bulk product ' || ((s.i + l) % ${products}), 'Default', 'BULK-' || ((s.i + l) % ${products}),
      s.unit, 1,
      case when s.status in ('fulfilled', 'delivered') then 1 else 0 end,
      case when s.status = 'cancelled' or (s.status = 'partially_refunded' and l = 0) then 1 else 0 end,
      s.unit
    from so join s on so.number = s.num || '-1'
    cross join lateral generate_series(0, s.lines - 1) l
  `);
  return { tag };
}

// ---- Paid orders through the real checkout saga (integration tests) ----

type Sellable = { storeId: string; productId: string; variantIds: string[] };
export type PartSpec = {
  f: Sellable;
  lines: { variant?: number; quantity: number; unitPrice?: number; tax?: number }[];
  shipping?: number;
  shippingTax?: number;
  discount?: number;
};

/**
 * A submitted checkout over one or more stores with the amounts given (unit prices, per-line tax,
 * shipping and its tax, a store discount), as the checkout service would freeze them.
 */
export async function insertPricedCheckout(db: Db, parts: PartSpec[], opts: { email?: string; card?: string } = {}) {
  const stores = parts.map((p, i) => {
    const lines = p.lines.map((l, j) => {
      const unitPrice = l.unitPrice ?? 1000;
      return {
        variantId: p.f.variantIds[l.variant ?? 0]!,
        productId: p.f.productId,
        title: `Product ${i}.${j}`,
        variantTitle: `V${l.variant ?? 0}`,
        sku: `SKU-${i}-${j}`,
        imageUrl: null,
        unitPrice,
        quantity: l.quantity,
        lineTotal: unitPrice * l.quantity,
        tax: l.tax ?? 0,
      };
    });
    const subtotal = lines.reduce((n, l) => n + l.lineTotal, 0);
    const shipping = p.shipping ?? 500;
    const tax = lines.reduce((n, l) => n + l.tax, 0) + (p.shippingTax ?? 0);
    const discount = p.discount ?? 0;
    return { storeId: p.f.storeId, storeName: `Store ${i}`, shippingRateId: null, shippingName: 'Standard shipping', subtotal, shipping, tax, discount, total: subtotal + shipping + tax - discount, lines };
  });
  const sum = (k: 'subtotal' | 'shipping' | 'tax' | 'discount' | 'total') => stores.reduce((n, s) => n + s[k], 0);
  const quote: QuoteSnapshot = { currency: 'USD', subtotal: sum('subtotal'), shipping: sum('shipping'), tax: sum('tax'), discount: sum('discount'), total: sum('total'), stores };
  const [cart] = await db.insert(carts).values({}).returning({ id: carts.id });
  const card = tokenizeTestCard(opts.card ?? '4242424242424242')!;
  const [c] = await db
    .insert(checkouts)
    .values({
      idempotencyKey: randomUUID(),
      requestHash: 'fixture',
      cartId: cart!.id,
      email: opts.email ?? 'buyer@example.com',
      shippingAddress: { name: 'Ada Buyer', line1: '1 Main St', city: 'Springfield', region: 'CA', postalCode: '94000', country: 'US' },
      quote,
      total: quote.total,
      paymentProvider: 'test',
      paymentMethod: card.token,
      paymentMethodLabel: card.label,
    })
    .returning();
  return c!;
}

/** Drives checkouts through the saga (reserve, authorize, place, capture, confirm) with the test provider. */
export function sagaBuyer(db: Db, provider: PaymentProvider) {
  setSagaDepsForTests({ db, provider });
  const driver = new WorkflowDriver(db, definitions, { leaseMs: 150, retryDelaysMs: [1, 5, 10] });
  return {
    /** Buys `parts` and returns the paid order with its store orders (in the parts' order) and lines. */
    async buy(parts: PartSpec[], opts: { email?: string } = {}) {
      const c = await insertPricedCheckout(db, parts, opts);
      await driver.driveAll(await driver.dispatch([{ name: events.checkoutSubmitted, data: { checkoutId: c.id }, id: `checkout-${c.id}` }]));
      const [order] = await db.select().from(orders).where(eq(orders.checkoutId, c.id));
      if (!order || order.status !== 'paid') throw new Error(`fixture: checkout ${c.id} did not end paid (${order?.status ?? 'no order'})`);
      const parts_ = await db.select().from(storeOrders).where(eq(storeOrders.orderId, order.id));
      const lines = await db.select().from(orderItems).where(eq(orderItems.orderId, order.id)).orderBy(asc(orderItems.sku));
      return {
        order,
        storeOrders: parts.map((p) => parts_.find((s) => s.storeId === p.f.storeId)!),
        lines: (storeOrderId: string) => lines.filter((l) => l.storeOrderId === storeOrderId),
      };
    },
    done: () => setSagaDepsForTests(undefined),
  };
}

/** A user who owns (or staffs) `storeId`, as an actor and the scope the services take. */
export async function insertStoreMember(db: DbOrTx, storeId: string, role: StoreRole = 'owner') {
  const userId = randomUUID();
  await db.insert(users).values({ id: userId, email: `member-${userId.slice(0, 8)}@example.com`, name: 'Member', emailVerified: new Date() });
  await db.insert(storeMembers).values({ storeId, userId, role });
  const actor = { userId, role: 'shopper' as const, stores: { [storeId]: role } };
  return { userId, actor, scope: storeScope(actor, storeId) };
}
