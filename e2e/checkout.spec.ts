import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { sql, productInStock as productInStockFrom, type StockedProduct } from './db';
import { waitForHydration } from './support';
import { createVerifiedUser } from './users';

const PASSWORD = 'checkout-e2e-pass-1234';
const CARDS = { ok: '4242 4242 4242 4242', declined: '4000000000000002', threeDS: '4000002500003155' };

type Product = StockedProduct;
const productInStock = (nth: number) => productInStockFrom(nth, 'best-selling');

async function addToCart(page: Page, product: Product) {
  await page.goto(`/p/${product.slug}`);
  const add = page.getByRole('button', { name: 'Add to cart' });
  await waitForHydration(add);
  await expect(page.getByTestId('stock')).toHaveText(/In stock|Only \d+ left/);
  await add.click();
  await expect(page.getByTestId('add-to-cart-status')).toHaveText(`Added ${product.title} to your cart.`);
}

async function signIn(page: Page, email: string) {
  await page.goto('/signin');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/\/account$/);
}

const step = (page: Page, id: 'contact' | 'shipping' | 'payment' | 'review') => page.getByTestId(`step-${id}`);

async function openCheckout(page: Page) {
  await page.goto('/cart');
  await page.getByRole('link', { name: 'Checkout', exact: true }).click();
  await expect(page).toHaveURL(/\/checkout$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Checkout' })).toBeVisible();
  await waitForHydration(step(page, 'contact').getByRole('button', { name: 'Continue to shipping' }));
}

async function fillGuestAddress(page: Page, email: string) {
  const s = step(page, 'contact');
  await s.getByLabel('Email').fill(email);
  await s.getByLabel('Full name').fill('Grace Guest');
  await s.getByLabel('Street address').fill('12 Harbor Road');
  await s.getByLabel('City').fill('San Francisco');
  await s.getByLabel('State / region (optional)').fill('CA');
  await s.getByLabel('Postal code').fill('94107');
  await s.getByLabel('Country').selectOption('US');
}

/** Contact → shipping → payment with `card`; ends on the review step. */
async function throughToReview(page: Page, card: string) {
  await step(page, 'contact').getByRole('button', { name: 'Continue to shipping' }).click();
  // The next step's heading takes the focus (keyboard and screen-reader users land there).
  await expect(page.getByRole('heading', { name: 'Shipping method' })).toBeFocused();
  await step(page, 'shipping').getByRole('button', { name: 'Continue to payment' }).click();
  await enterCard(page, card);
  await expect(page.getByRole('heading', { name: 'Review and place order' })).toBeFocused();
}

async function enterCard(page: Page, card: string) {
  const field = step(page, 'payment').getByLabel('Card number');
  await field.fill(card);
  // Enter submits the step, as a keyboard user would.
  await field.press('Enter');
}

const placeOrder = (page: Page) => step(page, 'review').getByRole('button', { name: /^Place order/ }).click();

async function expectConfirmation(page: Page): Promise<{ number: string; url: URL }> {
  await expect(page).toHaveURL(/\/orders\/[^/]+\/confirmation\?t=/, { timeout: 20_000 });
  await expect(page.getByRole('heading', { name: 'Thank you for your order' })).toBeVisible();
  const number = (await page.getByTestId('order-number').textContent())!.trim();
  expect(number).toMatch(/^MK-\d+$/);
  return { number, url: new URL(page.url()) };
}

async function axe(page: Page) {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  expect(result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

test.describe('checkout', () => {
  // Each test walks four steps and waits for the saga (and axe): more than the default 30 s on a busy 2-core machine.
  test.describe.configure({ timeout: 90_000 });

  test('a guest buys with a good card: per-seller shipping, live totals, confirmation and tracking page', async ({ page }) => {
    const product = await productInStock(0);
    await addToCart(page, product);
    await openCheckout(page);
    await axe(page);

    // The browser checks the form with the server's rules before going on.
    await step(page, 'contact').getByRole('button', { name: 'Continue to shipping' }).click();
    await expect(step(page, 'contact').getByLabel('Email')).toBeFocused();
    await expect(step(page, 'contact').getByText('Enter a valid email address')).toBeVisible();

    const email = `guest-${Date.now()}@example.com`;
    await fillGuestAddress(page, email);
    await step(page, 'contact').getByRole('button', { name: 'Continue to shipping' }).click();
    const shipping = step(page, 'shipping');
    await expect(page.getByRole('heading', { name: 'Shipping method' })).toBeFocused();
    // One group per seller with each option's price and delivery time.
    await expect(shipping.getByTestId('shipping-group')).toHaveCount(1);
    await expect(shipping.getByText('Express')).toBeVisible();
    await expect(shipping.getByText('1–2 business days')).toBeVisible();
    const summary = page.getByRole('complementary', { name: 'Order summary' });
    const total = async () => (await summary.locator('dl > div').last().locator('dd').textContent())!.trim();
    const before = await total();
    await shipping.getByRole('radio', { name: /Express/ }).check();
    await expect.poll(total).not.toBe(before);
    await shipping.getByRole('button', { name: 'Continue to payment' }).click();

    // The test cards are listed under the card field.
    await expect(step(page, 'payment').getByText('4242 4242 4242 4242')).toBeVisible();
    await enterCard(page, CARDS.ok);
    const review = step(page, 'review');
    await expect(review.getByTestId('review-store')).toContainText(product.title);
    await expect(review.getByTestId('review-store')).toContainText('Express');
    await expect(review.getByRole('button', { name: /^Place order/ })).toContainText(await total());
    await axe(page);

    // A double click submits once: one checkout, one order.
    await step(page, 'review').getByRole('button', { name: /^Place order/ }).dblclick();
    const { number, url } = await expectConfirmation(page);
    await expect(page.getByTestId('order-email')).toHaveText(email);
    expect(await sql('select id from checkouts where email = $1', [email])).toHaveLength(1);
    expect(await sql('select id from orders where email = $1', [email])).toHaveLength(1);

    // The tracking page opens with the same guest token.
    await page.goto(`/orders/${number}?t=${url.searchParams.get('t')}`);
    await expect(page.getByRole('heading', { level: 1, name: `Order ${number}` })).toBeVisible();

    // The cart was closed by the order.
    await page.goto('/checkout');
    await expect(page.getByRole('heading', { name: 'Your cart is empty' })).toBeVisible();
  });

  test('a different billing address is checked like the shipping one and kept on the order', async ({ page }) => {
    const product = await productInStock(7);
    await addToCart(page, product);
    await openCheckout(page);
    const email = `billing-${Date.now()}@example.com`;
    await fillGuestAddress(page, email);
    await step(page, 'contact').getByRole('button', { name: 'Continue to shipping' }).click();
    await step(page, 'shipping').getByRole('button', { name: 'Continue to payment' }).click();

    const payment = step(page, 'payment');
    await payment.getByLabel('Billing address is the same as the shipping address').uncheck();
    await payment.getByLabel('Card number').fill(CARDS.ok);
    // An empty billing address is refused beside its fields, and the first one takes the focus.
    await payment.getByRole('button', { name: 'Continue to review' }).click();
    await expect(payment.getByLabel('Full name')).toBeFocused();
    await expect(payment.getByText('Enter the street address')).toBeVisible();
    await axe(page);
    await payment.getByLabel('Full name').fill('Ada Accounts');
    await payment.getByLabel('Street address').fill('1 Ledger Lane');
    await payment.getByLabel('City').fill('Boston');
    await payment.getByLabel('State / region (optional)').fill('MA');
    await payment.getByLabel('Postal code').fill('02110');
    await payment.getByLabel('Country').selectOption('US');
    await payment.getByRole('button', { name: 'Continue to review' }).click();
    await expect(page.getByRole('heading', { name: 'Review and place order' })).toBeFocused();
    await expect(payment).toContainText('1 Ledger Lane');

    await placeOrder(page);
    await expectConfirmation(page);
    const [order] = await sql<{ billing: { name: string; line1: string; city: string }; shipping: { line1: string } }>(
      'select billing_address as billing, shipping_address as shipping from orders where email = $1',
      [email],
    );
    expect(order).toMatchObject({ billing: { name: 'Ada Accounts', line1: '1 Ledger Lane', city: 'Boston' }, shipping: { line1: '12 Harbor Road' } });
  });

  test('a signed-in shopper checks out with the saved default address; the order shows in the account and on the tracking page', async ({ page }) => {
    const user = await createVerifiedUser(PASSWORD);
    await sql(
      `insert into addresses (user_id, full_name, line1, city, region, postal_code, country, is_default_shipping, is_default_billing)
       values ($1, 'Sam Saved', '5 Elm Street', 'Austin', 'TX', '73301', 'US', true, true)`,
      [user.id],
    );
    const product = await productInStock(1);
    await signIn(page, user.email);
    await addToCart(page, product);
    await openCheckout(page);

    const contact = step(page, 'contact');
    await expect(contact).toContainText(`Signed in as ${user.email}`);
    await expect(contact.getByRole('radio', { name: /Sam Saved, 5 Elm Street/ })).toBeChecked();
    await expect(contact.getByLabel('Email')).toHaveCount(0);
    await throughToReview(page, CARDS.ok);
    await expect(step(page, 'contact')).toContainText('5 Elm Street');
    await placeOrder(page);
    const { number } = await expectConfirmation(page);

    await page.goto('/account/orders');
    await expect(page.getByTestId('order-row').filter({ hasText: number })).toBeVisible();
    await page.goto(`/orders/${number}`);
    await expect(page.getByRole('heading', { level: 1, name: `Order ${number}` })).toBeVisible();
  });

  test('a declined card keeps the form; a retry with another card succeeds (on a phone)', async ({ page }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    const product = await productInStock(2);
    await addToCart(page, product);
    await openCheckout(page);
    const email = `declined-${Date.now()}@example.com`;
    await fillGuestAddress(page, email);
    await throughToReview(page, CARDS.declined);
    await placeOrder(page);

    const alert = page.getByTestId('checkout-alert');
    await expect(alert).toContainText('Your card was declined');
    await expect(alert).toContainText('Try another card.');
    await expect(alert).toBeFocused();
    // Back on the payment step with everything else kept.
    await expect(page.getByRole('heading', { name: 'Payment' })).toBeVisible();
    await expect(step(page, 'payment').getByLabel('Card number')).toBeVisible();
    await expect(step(page, 'contact')).toContainText(email);
    await expect(step(page, 'contact')).toContainText('12 Harbor Road');

    await enterCard(page, CARDS.ok);
    await placeOrder(page);
    await expectConfirmation(page);
  });

  test('a card that asks for 3-D Secure goes through the challenge page and on to the confirmation', async ({ page }) => {
    const product = await productInStock(3);
    await addToCart(page, product);
    await openCheckout(page);
    await fillGuestAddress(page, `threeds-${Date.now()}@example.com`);
    await throughToReview(page, CARDS.threeDS);
    const total = (await step(page, 'review').getByRole('button', { name: /^Place order/ }).textContent())!.split('·')[1]!.trim();
    await placeOrder(page);

    await expect(page).toHaveURL(/\/pay\/test\/ti_[0-9a-f]{24}$/, { timeout: 20_000 });
    await expect(page.getByRole('heading', { name: 'Confirm your payment' })).toBeVisible();
    await expect(page.getByTestId('challenge-amount')).toHaveText(total);
    await axe(page);
    await page.getByRole('button', { name: 'Complete authentication' }).click();
    await expectConfirmation(page);
  });

  test('a failed 3-D Secure check comes back to the payment step with the address kept; another card then succeeds', async ({ page }) => {
    const product = await productInStock(5);
    await addToCart(page, product);
    await openCheckout(page);
    const email = `threeds-fail-${Date.now()}@example.com`;
    await fillGuestAddress(page, email);
    await throughToReview(page, CARDS.threeDS);
    await placeOrder(page);
    await expect(page).toHaveURL(/\/pay\/test\/ti_/, { timeout: 20_000 });
    await page.getByRole('button', { name: 'Fail authentication' }).click();

    await expect(page).toHaveURL(/\/checkout\?failed=[0-9a-f-]{36}$/, { timeout: 20_000 });
    await expect(page.getByTestId('checkout-alert')).toContainText('The card check did not go through');
    await expect(step(page, 'contact')).toContainText(email);
    await expect(step(page, 'contact')).toContainText('12 Harbor Road');
    const card = step(page, 'payment').getByLabel('Card number');
    await waitForHydration(card);
    await enterCard(page, CARDS.ok);
    await placeOrder(page);
    await expectConfirmation(page);
    expect(await sql('select status from checkouts where email = $1 order by created_at', [email])).toEqual([{ status: 'failed' }, { status: 'completed' }]);
  });

  test('a price change since the item went into the cart must be accepted before paying', async ({ page }) => {
    const product = await productInStock(6);
    await addToCart(page, product);
    await sql('update variants set price = price + 100 where id = $1', [product.variant_id]);
    try {
      await page.goto('/checkout');
      const banner = page.getByTestId('price-change');
      await expect(banner).toContainText(product.title);
      await fillGuestAddress(page, `price-${Date.now()}@example.com`);
      await throughToReview(page, CARDS.ok);
      await expect(step(page, 'review').getByRole('button', { name: /^Place order/ })).toBeDisabled();
      await banner.getByRole('button', { name: 'Accept new prices' }).click();
      await expect(banner).toBeHidden();
      await expect(step(page, 'review').getByRole('button', { name: /^Place order/ })).toBeEnabled();
      await placeOrder(page);
      await expectConfirmation(page);
    } finally {
      await sql('update variants set price = price - 100 where id = $1', [product.variant_id]);
    }
  });

  test('a line sold out since it went into the cart is named, with a way back to the cart', async ({ page }) => {
    const product = await productInStock(4);
    await addToCart(page, product);
    const levels = await sql<{ location_id: string; on_hand: number }>('select location_id, on_hand from inventory_levels where variant_id = $1', [product.variant_id]);
    await sql('update inventory_levels set on_hand = reserved where variant_id = $1', [product.variant_id]);
    try {
      await page.goto('/checkout');
      const alert = page.getByTestId('checkout-alert');
      await expect(alert.getByTestId('stock-line')).toContainText(`${product.title}`);
      await expect(alert.getByTestId('stock-line')).toContainText('sold out (you asked for 1)');
      await alert.getByRole('link', { name: 'Update your cart' }).click();
      await expect(page).toHaveURL(/\/cart$/);
    } finally {
      for (const l of levels) await sql('update inventory_levels set on_hand = $3 where variant_id = $1 and location_id = $2', [product.variant_id, l.location_id, l.on_hand]);
    }
  });

  test('an empty cart gets an empty state, and the status route answers only its owner', async ({ page, request }) => {
    await page.goto('/checkout');
    await expect(page.getByRole('heading', { name: 'Your cart is empty' })).toBeVisible();
    await expect(page.getByRole('link', { name: 'Continue shopping' })).toBeVisible();

    const [c] = await sql<{ id: string }>('select id from checkouts order by created_at desc limit 1');
    const res = await request.get(`/api/checkout/${c?.id ?? '00000000-0000-4000-8000-000000000000'}`);
    expect(res.status()).toBe(404);
    expect(res.headers()['cache-control']).toContain('no-store');
    expect((await request.get('/api/checkout/not-a-uuid')).status()).toBe(404);
  });
});
