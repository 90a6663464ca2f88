import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { sql } from './db';
import { waitForHydration } from './support';

async function axe(page: Page) {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  expect(result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

type Stocked = { product_title: string; store_id: string; variant_id: string; price: number; currency: string; location_id: string };

/**
 * A variant with plenty of free stock at one location, from the middle of the catalog (the cart
 * and checkout specs take theirs from either end), so parallel specs never share it.
 */
async function stockedVariant(nth: number): Promise<Stocked> {
  const rows = await sql<Stocked>(
    `select p.title as product_title, p.store_id, v.id as variant_id, v.price, v.currency, l.location_id
     from products p
     join stores s on s.id = p.store_id and s.status = 'active'
     join lateral (select id, price, currency from variants where product_id = p.id order by position, id limit 1) v on true
     join lateral (select location_id, on_hand - reserved as free from inventory_levels where variant_id = v.id order by on_hand - reserved desc, location_id limit 1) l on true
     where p.status = 'active' and l.free >= 10 and v.price >= 500
       and not exists (select 1 from flash_sales f where f.variant_id = v.id)
     order by p.sales_count desc, p.id
     offset $1 limit 1`,
    [120 + nth],
  );
  if (!rows[0]) throw new Error('no stocked variant in the e2e catalog');
  return rows[0];
}

const onHand = async (v: Stocked) =>
  (await sql<{ on_hand: number }>('select on_hand from inventory_levels where variant_id = $1 and location_id = $2', [v.variant_id, v.location_id]))[0]!.on_hand;

const step = (page: Page, id: 'contact' | 'shipping' | 'payment' | 'review') => page.getByTestId(`step-${id}`);

test.describe('flash sale', () => {
  // A countdown to wait out, four checkout steps and the saga, on a busy 2-core machine.
  test.describe.configure({ timeout: 120_000 });

  test('the countdown turns into Buy now at the start, the hold goes to the express checkout, the order completes and the remaining count drops', async ({ page, browser }) => {
    const v = await stockedVariant(0);
    const salePrice = Math.floor(v.price / 2);
    const startsAt = new Date(Date.now() + 15_000);
    // Announced like an admin's createFlashSale leaves it (scheduled, not started): the start is the app's.
    const [sale] = await sql<{ id: string }>(
      `insert into flash_sales (store_id, variant_id, location_id, allocation, sale_price, currency, per_customer_limit, starts_at, ends_at, status, remaining, approved_at)
       values ($1, $2, $3, 5, $4, $5, 1, $6, $7, 'scheduled', 5, now()) returning id`,
      [v.store_id, v.variant_id, v.location_id, salePrice, v.currency, startsAt, new Date(startsAt.getTime() + 3600_000)],
    );
    const id = sale!.id;
    const stockBefore = await onHand(v);

    await page.goto(`/flash/${id}`);
    await expect(page.getByRole('heading', { level: 1, name: v.product_title })).toBeVisible();
    const panel = page.getByTestId('flash-panel');
    await expect(panel).toHaveAttribute('data-phase', 'upcoming');
    const countdown = page.getByTestId('flash-countdown');
    await expect(countdown).toHaveText(/^0:(0\d|1[0-5])$/);
    await expect(panel).toContainText('Limit 1 per customer.');
    const buy = page.getByRole('button', { name: /^Buy now/ });
    await expect(buy).toHaveCount(0);
    await axe(page);
    // Not started: the allocation is still in general stock.
    expect(await onHand(v)).toBe(stockBefore);

    // No reload: the countdown becomes the button when the sale starts.
    await expect(buy).toBeVisible({ timeout: 30_000 });
    expect(Date.now()).toBeGreaterThanOrEqual(startsAt.getTime() - 1500);
    await expect(countdown).toHaveCount(0);
    await waitForHydration(buy);
    await expect(page.getByTestId('flash-remaining')).toHaveText('5 of 5 left', { timeout: 10_000 });
    // Started for real (by the first poll): the allocation left general stock.
    await expect.poll(() => sql('select status, moved_out from flash_sales where id = $1', [id])).toEqual([{ status: 'live', moved_out: 5 }]);
    expect(await onHand(v)).toBe(stockBefore - 5);
    await axe(page);

    await buy.click();
    await expect(page).toHaveURL(/\/checkout\/flash\/[0-9a-f-]{36}$/, { timeout: 15_000 });
    await expect(page.getByRole('heading', { level: 1, name: 'Express checkout' })).toBeVisible();
    await expect(page.getByTestId('hold-banner')).toContainText(`${v.product_title} is held for you for`);
    await expect(page.getByTestId('hold-countdown')).toHaveText(/^(10:00|9:[0-5]\d)$/);
    const [hold] = await sql<{ status: string; customer_key: string }>('select status, customer_key from flash_holds where sale_id = $1', [id]);
    expect(hold).toMatchObject({ status: 'active', customer_key: expect.stringMatching(/^guest:/) });
    // Only the buyer who holds it can open it.
    const stranger = await browser.newPage();
    await stranger.goto(page.url());
    await expect(stranger.getByRole('heading', { level: 1, name: 'We could not find that hold' })).toBeVisible();
    await stranger.close();

    const contact = step(page, 'contact');
    await waitForHydration(contact.getByRole('button', { name: 'Continue to shipping' }));
    await axe(page);
    const email = `flash-${Date.now()}@example.com`;
    await contact.getByLabel('Email').fill(email);
    await contact.getByLabel('Full name').fill('Frieda Flash');
    await contact.getByLabel('Street address').fill('7 Quick Lane');
    await contact.getByLabel('City').fill('Portland');
    await contact.getByLabel('State / region (optional)').fill('OR');
    await contact.getByLabel('Postal code').fill('97201');
    await contact.getByLabel('Country').selectOption('US');
    await contact.getByRole('button', { name: 'Continue to shipping' }).click();
    await expect(page.getByRole('heading', { name: 'Shipping method' })).toBeFocused();
    await step(page, 'shipping').getByRole('button', { name: 'Continue to payment' }).click();
    const card = step(page, 'payment').getByLabel('Card number');
    await card.fill('4242 4242 4242 4242');
    await card.press('Enter');
    const review = step(page, 'review');
    await expect(review.getByTestId('review-store')).toContainText(v.product_title);
    await expect(review.getByTestId('review-store')).toContainText(`1 ×`);
    await review.getByRole('button', { name: /^Place order/ }).click();

    await expect(page).toHaveURL(/\/orders\/[^/]+\/confirmation\?t=/, { timeout: 30_000 });
    await expect(page.getByRole('heading', { name: 'Thank you for your order' })).toBeVisible();
    const [bought] = await sql<{ status: string; order_id: string | null; unit_price: number }>(
      `select h.status, h.order_id, i.unit_price from flash_holds h left join order_items i on i.order_id = h.order_id where h.sale_id = $1`,
      [id],
    );
    expect(bought).toMatchObject({ status: 'confirmed', order_id: expect.any(String), unit_price: salePrice });
    // The flash units came out of the allocation, not out of general stock again.
    expect(await onHand(v)).toBe(stockBefore - 5);

    // Back on the sale: one fewer left, and this buyer is at the limit.
    await page.goto(`/flash/${id}`);
    await expect(page.getByTestId('flash-remaining')).toHaveText('4 of 5 left', { timeout: 10_000 });
    await waitForHydration(buy);
    await buy.click();
    await expect(page.getByTestId('flash-notice')).toHaveText('You have reached the limit of 1 per customer for this sale.');
    await expect(buy).toHaveCount(0);
  });

  test('an expired hold says so on the express checkout and leads back to the sale, where the unit is free again', async ({ page }) => {
    const v = await stockedVariant(1);
    // Due already: the first visitor's poll starts it.
    const [sale] = await sql<{ id: string }>(
      `insert into flash_sales (store_id, variant_id, location_id, allocation, sale_price, currency, per_customer_limit, starts_at, ends_at, status, remaining, approved_at)
       values ($1, $2, $3, 3, $4, $5, 1, now() - interval '2 seconds', now() + interval '1 hour', 'scheduled', 3, now()) returning id`,
      [v.store_id, v.variant_id, v.location_id, Math.floor(v.price / 2), v.currency],
    );
    const id = sale!.id;
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`/flash/${id}`);
    const buy = page.getByRole('button', { name: /^Buy now/ });
    await waitForHydration(buy);
    await expect(page.getByTestId('flash-remaining')).toHaveText('3 of 3 left', { timeout: 10_000 });
    await buy.click();
    await expect(page).toHaveURL(/\/checkout\/flash\/[0-9a-f-]{36}$/, { timeout: 15_000 });
    const checkoutUrl = page.url();

    // The hold runs out while the buyer is on the page.
    await sql(`update flash_holds set expires_at = now() + interval '8 seconds' where sale_id = $1`, [id]);
    await page.reload();
    await expect(page.getByTestId('hold-banner')).toBeVisible();
    const expired = page.getByTestId('hold-expired');
    await expect(expired).toBeVisible({ timeout: 20_000 });
    await expect(expired).toContainText('has expired');
    await axe(page);
    await expired.getByRole('link', { name: 'Back to the sale' }).click();
    await expect(page).toHaveURL(new RegExp(`/flash/${id}$`));
    // Swept back into the sale (by the page's poll, between the scheduler's minutes).
    await expect(page.getByTestId('flash-remaining')).toHaveText('3 of 3 left', { timeout: 20_000 });
    await expect.poll(async () => (await sql<{ status: string }>('select status from flash_holds where sale_id = $1', [id]))[0]?.status).toBe('expired');

    // The old checkout link now says the hold is gone.
    await page.goto(checkoutUrl);
    await expect(page.getByRole('heading', { level: 1, name: 'Your hold has expired' })).toBeVisible();
    await expect(page.getByRole('link', { name: 'Back to the sale' })).toHaveAttribute('href', `/flash/${id}`);
  });
});
