import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { carts } from '@/db/schema/cart';
import { checkouts, type QuoteSnapshot } from '@/db/schema/checkout';
import { inventoryLevels } from '@/db/schema/inventory';
import { orders } from '@/db/schema/orders';
import { payments, testProviderIntents } from '@/db/schema/payments';
import { reservations } from '@/db/schema/inventory';
import type { CheckoutRequest } from '@/lib/checkout/inputs';
import { tokenizeTestCard } from '@/lib/payments/test-cards';
import type { Db } from '@/lib/platform/db';
import { insertStockFixture } from './fixtures';

export const CARDS = {
  ok: '4242424242424242',
  declined: '4000000000000002',
  threeDS: '4000002500003155',
  timeout: '4000000000000408',
} as const;

/** A checkout request paying with a test card, to a US address (what service-level tests submit). */
export function testCheckoutRequest(card: string = CARDS.ok, email = 'buyer@example.com'): CheckoutRequest {
  return {
    email,
    shippingAddress: { fullName: 'Ada Buyer', line1: '1 Main St', line2: null, city: 'Springfield', region: 'CA', postalCode: '94000', country: 'US', phone: null },
    billingAddress: null,
    shippingSelections: {},
    payment: { provider: 'test', card },
  };
}

/** A stocked product (one variant per entry of `onHand`, split over two locations) to buy from. */
export async function insertSellable(db: Db, onHand: number[] = [10]) {
  return insertStockFixture(db, onHand.map((n) => [{ onHand: Math.ceil(n / 2), reserved: 0 }, { onHand: Math.floor(n / 2), reserved: 0 }]));
}

/**
 * A submitted checkout as the checkout service would store it (a cart, a frozen quote at
 * 10.00 a unit, a tokenised test card), without going through the cart and pricing modules.
 */
export async function insertCheckout(
  db: Db,
  f: Awaited<ReturnType<typeof insertSellable>>,
  opts: { lines?: { variant?: number; quantity: number }[]; card?: string; key?: string; email?: string } = {},
) {
  const lines = (opts.lines ?? [{ quantity: 1 }]).map((l) => ({ variantId: f.variantIds[l.variant ?? 0]!, quantity: l.quantity }));
  const [cart] = await db.insert(carts).values({}).returning({ id: carts.id });
  const subtotal = lines.reduce((s, l) => s + l.quantity * 1000, 0);
  const quote: QuoteSnapshot = {
    currency: 'USD',
    subtotal,
    shipping: 500,
    tax: 0,
    discount: 0,
    total: subtotal + 500,
    stores: [
      {
        storeId: f.storeId,
        storeName: 'Store',
        shippingRateId: null,
        shippingName: 'Standard shipping',
        subtotal,
        shipping: 500,
        tax: 0,
        discount: 0,
        total: subtotal + 500,
        lines: lines.map((l) => ({ variantId: l.variantId, productId: f.productId, title: 'Product', variantTitle: 'V', sku: 'SKU', imageUrl: null, unitPrice: 1000, quantity: l.quantity, lineTotal: 1000 * l.quantity, tax: 0 })),
      },
    ],
  };
  const card = tokenizeTestCard(opts.card ?? CARDS.ok)!;
  const address = { name: 'Ada Buyer', line1: '1 Main St', city: 'Springfield', region: 'CA', postalCode: '94000', country: 'US' };
  const [c] = await db
    .insert(checkouts)
    .values({
      idempotencyKey: opts.key ?? randomUUID(),
      requestHash: 'fixture',
      cartId: cart!.id,
      email: opts.email ?? 'buyer@example.com',
      shippingAddress: address,
      quote,
      total: quote.total,
      paymentProvider: 'test',
      paymentMethod: card.token,
      paymentMethodLabel: card.label,
    })
    .returning();
  return c!;
}

/**
 * The money-path invariants (DESIGN §5) over the whole database, once every checkout settled:
 * no live order without a captured payment, no money held or taken without a live order,
 * nothing reserved, stock never negative and equal to what was there minus what was sold.
 */
export async function assertMoneyInvariants(db: Db, expect: (v: unknown, msg?: string) => { toBe(v: unknown): void; toEqual(v: unknown): void }) {
  const liveOrders = await db.select().from(orders).where(sql`${orders.status} <> 'cancelled'`);
  for (const o of liveOrders) {
    const [p] = await db.select().from(payments).where(eq(payments.orderId, o.id));
    expect(p?.status, `order ${o.number} payment`).toBe('captured');
    expect(p?.amountCaptured, `order ${o.number} captured amount`).toBe(o.total);
    const [intent] = await db.select().from(testProviderIntents).where(eq(testProviderIntents.id, p!.providerRef!));
    expect(intent?.status, `order ${o.number} provider intent`).toBe('captured');
  }
  // Every provider intent that holds or took money belongs to a live order (or was refunded in full).
  const intents = await db.select().from(testProviderIntents);
  for (const i of intents) {
    if (i.status === 'authorized' || i.status === 'requires_action') expect(`${i.id} ${i.status}`, 'uncaptured authorization left open').toBe(`${i.id} voided`);
    if (i.status === 'captured' && i.amountRefunded < i.amountCaptured) {
      const [p] = await db.select().from(payments).where(eq(payments.providerRef, i.id));
      const [o] = p?.orderId ? await db.select().from(orders).where(eq(orders.id, p.orderId)) : [];
      expect(o?.status === 'paid' || o?.status === 'placed' ? 'live' : (o?.status ?? 'no order'), `captured intent ${i.id}`).toBe('live');
    }
  }
  const active = await db.select().from(reservations).where(eq(reservations.status, 'active'));
  expect(active.length, 'active reservations').toBe(0);
  const [levels] = await db.select({ reserved: sql<number>`coalesce(sum(${inventoryLevels.reserved}), 0)::int`, negative: sql<number>`count(*) filter (where ${inventoryLevels.onHand} < 0)::int` }).from(inventoryLevels);
  expect(levels!.reserved, 'units still reserved').toBe(0);
  expect(levels!.negative, 'negative stock rows').toBe(0);
  const open = await db.select({ id: checkouts.id, status: checkouts.status }).from(checkouts).where(sql`${checkouts.status} in ('processing', 'requires_action')`);
  expect(open, 'unsettled checkouts').toEqual([]);
}
