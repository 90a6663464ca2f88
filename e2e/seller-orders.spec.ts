import { randomUUID } from 'node:crypto';
import { expect, test, type Page } from '@playwright/test';
import pg from 'pg';
import { axe, expectShippedEmail, expectUpsTracking, money, no500s, shipWithUps, signIn as signInAs, upsTrackingNumber } from './seller-steps';
import { waitForHydration } from './support';

/**
 * The seller's order journey: a shopper's paid order for two Stride Athletics products (written
 * straight into the e2e database, as the checkout would leave it), the demo seller (owner of
 * Stride Athletics) finds it on the dashboard and in the order list, cancels one line (refunded
 * through the test payment provider), ships the rest with a UPS tracking number; the shopper's
 * tracking page shows carrier and tracking, and the mail viewer has both emails. Plus another
 * store's order and a guessed id, which the seller can't open.
 */

const SELLER = { email: 'seller@demo.shop', password: 'demo-pass-1234' };
const ADDRESS = { name: 'Grace Buyer', line1: '7 Harbor Way', city: 'Arlington', region: 'VA', postalCode: '22201', country: 'US' };

type Seeded = { number: string; email: string; storeOrderId: string; slug: string; storeName: string; lines: { title: string; quantity: number; unitPrice: number }[] };

/** A paid order for `storeName` (its first two active products), with a captured test-provider payment. */
async function insertPaidOrder(storeName: string | null, email: string): Promise<Seeded> {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  try {
    await client.query('begin');
    const store = (
      await client.query<{ id: string; slug: string; name: string }>(
        storeName ? 'select id, slug, name from stores where name = $1' : `select id, slug, name from stores where name <> 'Stride Athletics' and status = 'active' order by slug limit 1`,
        storeName ? [storeName] : [],
      )
    ).rows[0];
    if (!store) throw new Error(`e2e: no store ${storeName}`);
    const variants = (
      await client.query<{ variant_id: string; product_id: string; title: string; variant_title: string; sku: string; price: number }>(
        `select distinct on (p.id) v.id as variant_id, p.id as product_id, p.title, v.title as variant_title, v.sku, v.price
         from products p join variants v on v.product_id = p.id where p.store_id = $1 and p.status = 'active' order by p.id, v.position limit 2`,
        [store.id],
      )
    ).rows;
    if (variants.length < 2) throw new Error('e2e: the store needs two products');
    const lines = variants.map((v, i) => ({ ...v, quantity: i === 0 ? 2 : 1 }));
    const subtotal = lines.reduce((n, l) => n + l.price * l.quantity, 0);
    const shipping = 599;
    const total = subtotal + shipping;
    const [{ n }] = (await client.query<{ n: string }>(`select nextval('order_number_seq') as n`)).rows as [{ n: string }];
    const number = `MK-${n}`;
    const cartId = randomUUID();
    const checkoutId = randomUUID();
    const orderId = randomUUID();
    const storeOrderId = randomUUID();
    const intentId = `ti_e2e_${randomUUID().replace(/-/g, '')}`;
    await client.query(`insert into carts (id, status) values ($1, 'converted')`, [cartId]);
    await client.query(
      `insert into checkouts (id, idempotency_key, request_hash, cart_id, email, status, step, shipping_address, quote, total, payment_provider, payment_method, payment_method_label, completed_at)
       values ($1, $2, 'e2e', $3, $4, 'completed', 'done', $5, $6, $7, 'test', 'tok_test_success_4242', 'Test card •••• 4242', now())`,
      [checkoutId, randomUUID(), cartId, email, ADDRESS, { currency: 'USD', subtotal, shipping, tax: 0, discount: 0, total, stores: [] }, total],
    );
    await client.query(
      `insert into orders (id, number, checkout_id, email, status, subtotal, shipping_total, tax_total, total, shipping_address, paid_at)
       values ($1, $2, $3, $4, 'paid', $5, $6, 0, $7, $8, now())`,
      [orderId, number, checkoutId, email, subtotal, shipping, total, ADDRESS],
    );
    await client.query(
      `insert into store_orders (id, order_id, store_id, number, status, subtotal, shipping_total, tax_total, total, shipping_method)
       values ($1, $2, $3, $4, 'paid', $5, $6, 0, $7, $8)`,
      [storeOrderId, orderId, store.id, `${number}-1`, subtotal, shipping, total, { rateId: null, name: 'Standard shipping', minDays: 3, maxDays: 7 }],
    );
    for (const l of lines) {
      await client.query(
        `insert into order_items (order_id, store_order_id, variant_id, product_id, title, variant_title, sku, unit_price, quantity, line_total)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
        [orderId, storeOrderId, l.variant_id, l.product_id, l.title, l.variant_title, l.sku, l.price, l.quantity, l.price * l.quantity],
      );
    }
    await client.query(`insert into order_events (order_id, type, message, dedupe_key, created_at) values ($1, 'placed', 'Order placed', 'placed', now() - interval '2 seconds')`, [orderId]);
    await client.query(`insert into order_events (order_id, type, message, dedupe_key, created_at) values ($1, 'paid', 'Payment received', 'paid', now() - interval '1 second')`, [orderId]);
    await client.query(
      `insert into test_provider_intents (id, idempotency_key, amount, currency, card_last4, status, amount_captured, metadata) values ($1, $2, $3, 'USD', '4242', 'captured', $3, '{}')`,
      [intentId, `e2e:${checkoutId}`, total],
    );
    await client.query(`insert into payments (checkout_id, order_id, provider, provider_ref, status, amount, amount_captured) values ($1, $2, 'test', $3, 'captured', $4, $4)`, [
      checkoutId,
      orderId,
      intentId,
      total,
    ]);
    await client.query('commit');
    return { number, email, storeOrderId, slug: store.slug, storeName: store.name, lines: lines.map((l) => ({ title: l.title, quantity: l.quantity, unitPrice: l.price })) };
  } catch (err) {
    await client.query('rollback').catch(() => {});
    throw err;
  } finally {
    await client.end();
  }
}

const signIn = (page: Page) => signInAs(page, SELLER.email, SELLER.password);

test.describe('seller orders', () => {
  test.describe.configure({ timeout: 120_000 });

  test('dashboard → order → cancel a line (refund) → ship with tracking → the shopper sees tracking and both emails', async ({ page, browser }) => {
    const checked = no500s(page);
    const email = `orders-${randomUUID().slice(0, 8)}@example.com`;
    const o = await insertPaidOrder('Stride Athletics', email);
    const tracking = upsTrackingNumber();
    await signIn(page);

    // The dashboard lists it among the orders to ship.
    await page.goto(`/seller?store=${o.slug}`);
    await expect(page.getByRole('heading', { name: 'Seller portal', level: 1 })).toBeVisible();
    await expect(page.getByTestId('sales-card')).toHaveCount(3);
    await expect(page.getByRole('img', { name: /Daily sales, last 30 days/ })).toBeVisible();
    const pending = page.getByRole('region', { name: /^To ship \(\d+\)$/ });
    await expect(pending).toBeVisible();
    await axe(page);

    // The order list finds it by number.
    await page.goto(`/seller/orders?store=${o.slug}`);
    await expect(page.getByRole('heading', { name: 'Orders', level: 1 })).toBeVisible();
    await page.getByLabel('Find an order by number').fill(o.number);
    await page.getByRole('button', { name: 'Search' }).click();
    await expect(page).toHaveURL(new RegExp(`q=${o.number}`));
    await expect(page.getByTestId('seller-order-row')).toHaveCount(1);
    await axe(page);
    await page.getByRole('link', { name: `${o.number}-1` }).click();
    await expect(page).toHaveURL(new RegExp(`/seller/orders/${o.storeOrderId}`));
    await expect(page.getByRole('heading', { name: `${o.number}-1` })).toBeVisible();
    await expect(page.getByRole('region', { name: 'Ship to', exact: true })).toContainText('Grace Buyer');
    await axe(page);

    // Cancel the second line (1 unit): refunded through the payment provider.
    const [keep, drop] = o.lines as [Seeded['lines'][0], Seeded['lines'][0]];
    const dropLine = page.getByTestId('seller-order-line').filter({ hasText: drop.title });
    await dropLine.getByText('Cancel units…').click();
    const cancelForm = dropLine.getByRole('form', { name: `Cancel units of ${drop.title}` });
    await waitForHydration(cancelForm.getByRole('button', { name: 'Cancel and refund' }));
    await cancelForm.getByLabel('Reason').selectOption('out_of_stock');
    await cancelForm.getByRole('button', { name: 'Cancel and refund' }).click();
    await expect(page.getByTestId('cancellation')).toContainText(`1 × ${drop.title} · ${money(drop.unitPrice)}`);
    await expect(page.getByTestId('cancellation')).toContainText('Refunded');

    // Ship the rest: a bad tracking number first, then a good one.
    const ship = page.getByRole('form', { name: 'Ship items' });
    await waitForHydration(ship.getByRole('button', { name: 'Mark as shipped' }));
    await expect(ship.getByRole('group', { name: 'Units in this parcel' }).getByRole('listitem')).toHaveCount(1);
    await ship.getByLabel('Carrier').selectOption('ups');
    await ship.getByLabel('Tracking number').fill('12345');
    await ship.getByRole('button', { name: 'Mark as shipped' }).click();
    await expect(ship.getByText('That is not a UPS tracking number (1Z followed by 16 letters or digits).')).toBeVisible();
    // Typed in lower case: stored and shown as the carrier prints it.
    await shipWithUps(page, tracking.toLowerCase(), tracking);
    await expect(page.getByTestId('shipment')).toContainText(`${keep.quantity} × ${keep.title}`);
    await expect(page.getByTestId('order-status').first()).toHaveText('Shipped');
    await expect(page.getByRole('region', { name: 'Ship', exact: true })).toContainText('Everything in this order has shipped');
    await axe(page);

    // Another store's order and a guessed id are not found for this seller.
    const foreign = await insertPaidOrder(null, `other-${randomUUID().slice(0, 8)}@example.com`);
    for (const id of [foreign.storeOrderId, randomUUID()]) {
      // A soft 404 like every streamed page (the shell is on its way when the read decides).
      await page.goto(`/seller/orders/${id}?store=${o.slug}`);
      await expect(page.getByRole('heading', { name: 'Order not found' })).toBeVisible();
      await expect(page.getByText(foreign.lines[0]!.title)).toHaveCount(0);
    }
    checked();

    // The shopper (no session) looks the order up: carrier, tracking link and the refund.
    const shopper = await browser.newContext();
    const sp = await shopper.newPage();
    await sp.goto('/orders/lookup');
    const lookup = sp.locator('form').filter({ has: sp.getByRole('button', { name: 'Find my order' }) });
    await waitForHydration(lookup.getByRole('button', { name: 'Find my order' }));
    await lookup.getByLabel('Order number').fill(o.number);
    await lookup.getByLabel('Email used for the order').fill(email);
    await lookup.getByRole('button', { name: 'Find my order' }).click();
    await expect(sp.getByRole('heading', { level: 1, name: `Order ${o.number}` })).toBeVisible();
    await expectUpsTracking(sp, o.storeName, tracking);
    const timeline = sp.getByRole('list', { name: 'Order timeline' });
    await expect(timeline.getByTestId('timeline-event').filter({ hasText: `${o.storeName} cancelled 1 × ${drop.title}` })).toContainText(money(drop.unitPrice));

    // The mail viewer has the shipping email (with the tracking number) and the cancellation email.
    await sp.goto(`/mail?to=${encodeURIComponent(email)}`);
    await expect(sp.getByRole('link', { name: `Items cancelled from your order ${o.number}` })).toBeVisible();
    await expectShippedEmail(sp, email, o.number, tracking);
    await shopper.close();
  });
});
