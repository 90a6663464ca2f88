import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { insertOrder } from './orders';
import { waitForHydration } from './support';
import { createVerifiedUser } from './users';

// The order pages read orders inserted straight into the e2e database (e2e/orders.ts); buying
// through the checkout has its own spec.

const PASSWORD = 'orders-e2e-pass-1234';
const NOT_FOUND = 'We couldn’t find an order with that number and email.';

async function signIn(page: Page, email: string) {
  await page.goto('/signin');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/\/account$/);
}

async function expectNoViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

/** Fails the test on any 5xx the page receives. */
function no500s(page: Page) {
  const failures: string[] = [];
  page.on('response', (r) => {
    if (r.status() >= 500) failures.push(`${r.status()} ${r.url()}`);
  });
  return () => expect(failures).toEqual([]);
}

async function lookUp(page: Page, number: string, email: string) {
  const form = page.locator('form').filter({ has: page.getByRole('button', { name: 'Find my order' }) });
  await waitForHydration(form.getByRole('button', { name: 'Find my order' }));
  await form.getByLabel('Order number').fill(number);
  await form.getByLabel('Email used for the order').fill(email);
  await form.getByRole('button', { name: 'Find my order' }).click();
}

test.describe('order pages', () => {
  test('guest lookup: a wrong email or number is one error; the right pair opens the tracking page', async ({ page }) => {
    const checked = no500s(page);
    const order = await insertOrder({
      email: 'Guest.Buyer@Example.com',
      stores: [[{ title: 'E2E Trail Runner', variantTitle: 'Black / 42', unitPrice: 4999, quantity: 2 }], [{ title: 'E2E Bike Bell', unitPrice: 1500, quantity: 1 }]],
      shipped: { carrier: 'UPS', trackingNumber: '1Z999AA10123456784', trackingUrl: 'https://carrier.example/track?n=1Z999AA10123456784' },
    });

    await page.goto('/orders/lookup');
    await expect(page.getByRole('heading', { level: 1, name: 'Find your order' })).toBeVisible();
    await expectNoViolations(page);

    await lookUp(page, order.number, 'someone.else@example.com');
    await expect(page.getByRole('alert').filter({ hasText: NOT_FOUND })).toBeVisible();
    // What was typed survives the failed attempt.
    await expect(page.getByLabel('Email used for the order')).toHaveValue('someone.else@example.com');

    await lookUp(page, 'MK-999999999', 'guest.buyer@example.com');
    await expect(page.getByRole('alert').filter({ hasText: NOT_FOUND })).toBeVisible();

    await lookUp(page, 'nonsense', 'not-an-email');
    await expect(page.getByText('Order numbers look like MK-100001.')).toBeVisible();
    await expect(page.getByText('Enter a valid email address.')).toBeVisible();

    // Typed loosely: lower case, no dash, email in another case.
    await lookUp(page, order.number.toLowerCase().replace('-', ' '), 'GUEST.BUYER@example.com');
    await expect(page).toHaveURL(new RegExp(`/orders/${order.number}\\?t=[A-Za-z0-9_-]{43}$`));
    await expect(page.getByRole('heading', { level: 1, name: `Order ${order.number}` })).toBeVisible();
    await expect(page.getByTestId('order-status').first()).toHaveText('Shipped');

    const timeline = page.getByRole('list', { name: 'Order timeline' });
    await expect(timeline.getByTestId('timeline-event')).toHaveText([/Order placed/, /Payment received/, /Shipped by/]);
    await expect(timeline.getByText('UPS')).toBeVisible();
    const tracking = timeline.getByRole('link', { name: /1Z999AA10123456784/ });
    await expect(tracking).toHaveAttribute('href', 'https://carrier.example/track?n=1Z999AA10123456784');
    await expect(tracking).toHaveAttribute('rel', 'noopener noreferrer');
    await expect(timeline.getByText('Upcoming: Delivered')).toBeAttached();

    const sellers = page.getByTestId('store-order');
    await expect(sellers).toHaveCount(2);
    await expect(sellers.nth(0)).toContainText(`Sold by ${order.storeNames[0]}`);
    await expect(sellers.nth(0)).toContainText('E2E Trail Runner');
    await expect(sellers.nth(0)).toContainText('2 × $49.99');
    await expect(sellers.nth(1)).toContainText('E2E Bike Bell');
    await expect(page.getByTestId('order-total')).toHaveText('$126.96');
    await expect(page.getByText('1 Harbor Way')).toBeVisible();
    await expect(page.getByText('Visa •••• 4242 · Paid')).toBeVisible();
    await expectNoViolations(page);

    // The confirmation page opens with the same token.
    const token = new URL(page.url()).searchParams.get('t')!;
    await page.getByRole('link', { name: 'Order confirmation' }).click();
    await expect(page).toHaveURL(`/orders/${order.number}/confirmation?t=${token}`);
    await expect(page.getByRole('heading', { level: 1, name: 'Thank you for your order' })).toBeVisible();
    await expect(page.getByTestId('order-number')).toHaveText(order.number);
    await expect(page.getByTestId('order-email')).toHaveText('Guest.Buyer@Example.com');
    await expectNoViolations(page);
    await page.getByRole('link', { name: 'Track your order' }).click();
    await expect(page).toHaveURL(`/orders/${order.number}?t=${token}`);
    checked();
  });

  test('without a valid token a guest order shows the lookup form, the same as a number that does not exist', async ({ page, request }) => {
    const order = await insertOrder();
    const visible = async (url: string) => {
      await page.goto(url);
      await expect(page.getByRole('heading', { level: 1, name: 'Find your order' })).toBeVisible();
      await expect(page.getByText(order.email)).toHaveCount(0);
      await expect(page.getByText('E2E Trail Runner')).toHaveCount(0);
    };
    await visible(`/orders/${order.number}`);
    await expect(page.getByLabel('Order number')).toHaveValue(order.number);
    await visible(`/orders/${order.number}?t=${'A'.repeat(43)}`);
    await visible(`/orders/${order.number}?t=%3Cscript%3E`);
    await visible(`/orders/${order.number}/confirmation`);
    await visible('/orders/MK-999999999');
    await visible(`/orders/${'x'.repeat(300)}`);

    // Private, dynamic and not indexed, whoever asks.
    for (const url of [`/orders/${order.number}`, '/orders/MK-999999999']) {
      const res = await request.get(url);
      expect(res.status()).toBe(200);
      test.info().annotations.push({ type: 'cache-control', description: `${url}: ${res.headers()['cache-control']}` });
      expect(res.headers()['cache-control']).toMatch(/\bprivate\b.*\bno-store\b/);
      expect(res.headers()['cache-control']).not.toMatch(/s-maxage|public/);
      const html = await res.text();
      expect(html).toMatch(/<meta name="robots" content="noindex, nofollow"/);
      expect(html).not.toContain(order.email);
    }
  });

  test('a signed-in user sees their orders in the account, newest first, and opens one without a token', async ({ page }) => {
    const checked = no500s(page);
    const user = await createVerifiedUser(PASSWORD);
    const base = Date.now() - 30 * 86_400_000;
    // Twelve orders: the first page shows ten, "Load more" the rest.
    const mine = [];
    for (let i = 0; i < 12; i++) {
      mine.push(
        await insertOrder({
          userId: user.id,
          email: user.email,
          placedAt: new Date(base + i * 86_400_000),
          status: i === 11 ? 'delivered' : 'paid',
          stores: [[{ title: `E2E Item ${i}`, unitPrice: 1000 + i, quantity: 1 }]],
        }),
      );
    }
    const someoneElses = await insertOrder();

    await signIn(page, user.email);
    await page.goto('/account/orders');
    const rows = page.getByTestId('order-row');
    await expect(rows).toHaveCount(10);
    await expect(rows.first()).toContainText(`Order ${mine[11]!.number}`);
    await expect(rows.first().getByTestId('order-status')).toHaveText('Delivered');
    await expect(rows.first()).toContainText('$16.10');
    await expect(rows.first()).toContainText('E2E Item 11');
    await expect(rows.nth(1).getByTestId('order-status')).toHaveText('Paid');
    await expectNoViolations(page);

    const more = page.getByRole('link', { name: 'Load more' });
    await waitForHydration(more);
    await more.click();
    await expect(rows).toHaveCount(12);
    await expect(rows.last()).toContainText(`Order ${mine[0]!.number}`);
    await expect(page.getByRole('link', { name: 'Load more' })).toHaveCount(0);
    await expect(page.getByRole('status').filter({ hasText: 'Showing 12 orders, all you have.' })).toBeVisible();
    await expect(page).toHaveURL(/\/account\/orders$/);

    await rows.first().getByRole('link', { name: `Order ${mine[11]!.number}` }).click();
    await expect(page).toHaveURL(`/orders/${mine[11]!.number}`);
    await expect(page.getByRole('heading', { level: 1, name: `Order ${mine[11]!.number}` })).toBeVisible();
    await expect(page.getByTestId('store-order').getByText('E2E Item 11')).toBeVisible();

    // Someone else's order stays closed to a signed-in shopper without its token.
    await page.goto(`/orders/${someoneElses.number}`);
    await expect(page.getByRole('heading', { level: 1, name: 'Find your order' })).toBeVisible();
    await expect(page.getByText(someoneElses.email)).toHaveCount(0);
    checked();
  });

  test('a new account has an empty order history', async ({ page }) => {
    const user = await createVerifiedUser(PASSWORD);
    await signIn(page, user.email);
    await page.goto('/account/orders');
    await expect(page.getByRole('heading', { name: 'No orders yet' })).toBeVisible();
    await expect(page.getByTestId('order-row')).toHaveCount(0);
  });

  test('phone layout: the tracking page fits the screen', async ({ page }) => {
    await page.setViewportSize({ width: 375, height: 740 });
    const order = await insertOrder({ email: 'phone.buyer@example.com' });
    await page.goto('/orders/lookup');
    await lookUp(page, order.number, 'phone.buyer@example.com');
    await expect(page.getByRole('heading', { level: 1, name: `Order ${order.number}` })).toBeVisible();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
  });
});
