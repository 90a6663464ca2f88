import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { sql } from './db';
import { waitForHydration } from './support';

/**
 * The flash-sale consoles: the demo seller (Stride Athletics) proposes a sale through the form
 * (variant search, location, price checked inline, times in the browser's zone), the admin
 * approves it, starts it, and reconciles it (drift 0); a second proposal is rejected with a
 * reason the seller then reads. Non-admins get 403 on /admin/flash-sales.
 */

const PASSWORD = 'demo-pass-1234';
const SELLER = 'seller@demo.shop';
const ADMIN = 'admin@demo.shop';
const ZONE = 'America/New_York';

async function axe(page: Page) {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  expect(result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`), `axe on ${page.url()}`).toEqual([]);
}

async function signIn(browser: Browser, email: string): Promise<Page> {
  const context = await browser.newContext({ timezoneId: ZONE });
  const page = await context.newPage();
  await page.goto('/signin');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).not.toHaveURL(/\/signin/);
  return page;
}

type Stocked = { product_title: string; variant_id: string; sku: string; price: number; location_id: string; store_id: string; store_slug: string; store_name: string };

/** A published variant of Stride Athletics (or of another active store) with free stock that no flash sale uses yet. */
async function stockedVariant(store: 'stride' | 'other' = 'stride'): Promise<Stocked> {
  const rows = await sql<Stocked>(
    `select p.title as product_title, v.id as variant_id, v.sku, v.price, l.location_id, s.id as store_id, s.slug as store_slug, s.name as store_name
     from products p
     join stores s on s.id = p.store_id and s.status = 'active' and (s.name = 'Stride Athletics') = $1
     join lateral (select id, sku, price from variants where product_id = p.id order by position, id limit 1) v on true
     join lateral (select location_id, on_hand - reserved as free from inventory_levels where variant_id = v.id order by on_hand - reserved desc, location_id limit 1) l on true
     where p.status = 'active' and l.free >= 10 and v.price >= 400
       and not exists (select 1 from flash_sales f where f.variant_id = v.id)
     order by p.id desc
     limit 1`,
    [store === 'stride'],
  );
  if (!rows[0]) throw new Error(`no stocked ${store} variant in the e2e catalog`);
  return rows[0];
}

/** `datetime-local` text for now + `offsetMs`, in the page's (browser's) time zone. */
const localTime = (page: Page, offsetMs: number) =>
  page.evaluate((ms) => {
    const d = new Date(Date.now() + ms);
    const p = (n: number) => String(n).padStart(2, '0');
    return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}`;
  }, offsetMs);

const isForbidden = async (page: Page, path: string) => {
  const res = await page.request.get(path, { maxRedirects: 0 });
  return res.status() === 403 || (await res.text()).includes('NEXT_HTTP_ERROR_FALLBACK;403');
};

test.describe('flash sale consoles', () => {
  test.describe.configure({ timeout: 150_000 });

  test('the seller proposes, the admin approves, starts and reconciles it (drift 0); a rejection reaches the seller with its reason', async ({ browser }) => {
    const v = await stockedVariant('stride');
    const seller = await signIn(browser, SELLER);

    // Non-admins are refused the admin console.
    expect(await isForbidden(seller, '/admin/flash-sales')).toBe(true);

    await seller.goto(`/seller/flash-sales?store=${v.store_slug}`);
    await expect(seller.getByRole('heading', { level: 1, name: 'Flash sales' })).toBeVisible();
    await expect(seller.getByRole('navigation', { name: 'Seller portal' }).getByRole('link', { name: 'Flash sales' })).toHaveAttribute('aria-current', 'page');
    await axe(seller);
    await seller.getByRole('link', { name: 'Propose a flash sale' }).first().click();
    await expect(seller.getByRole('heading', { level: 1, name: 'Propose a flash sale' })).toBeVisible();

    const form = seller.getByRole('form', { name: 'Propose a flash sale' });
    const search = form.getByLabel('Find a variant');
    await waitForHydration(search);
    // The store's own variants are listed before anything is typed.
    await expect(form.getByRole('radio').first()).toBeVisible();
    await expect(form.getByText(`Times are in ${ZONE}`)).toBeVisible();
    await search.fill(v.sku);
    const radio = form.getByRole('radio', { name: new RegExp(v.sku.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')) });
    await expect(radio).toBeVisible();
    await radio.check();
    await form.getByLabel('Take the units from').selectOption(v.location_id);
    await form.getByLabel('Allocation (units)').fill('3');
    // Not a discount: the service's refusal shows beside the price.
    await form.getByLabel(/^Sale price/).fill(((v.price + 100) / 100).toFixed(2));
    await form.getByLabel('Limit per customer').fill('1');
    // Due at once (a minute ago), so the admin can start it right after approving.
    await form.getByLabel('Starts', { exact: true }).fill(await localTime(seller, -60_000));
    await form.getByLabel('Ends', { exact: true }).fill(await localTime(seller, 2 * 3600_000));
    await axe(seller);
    await form.getByRole('button', { name: 'Send proposal' }).click();
    await expect(form.getByRole('alert')).toHaveText('Check the highlighted fields.');
    await expect(form.getByText('The sale price must be lower than the regular price.')).toBeVisible();
    await expect(form.getByLabel(/^Sale price/)).toHaveAttribute('aria-invalid', 'true');
    await expect(form.getByLabel(/^Sale price/)).toBeFocused();
    const salePrice = Math.floor(v.price / 2);
    await form.getByLabel(/^Sale price/).fill((salePrice / 100).toFixed(2));
    await form.getByRole('button', { name: 'Send proposal' }).click();

    await expect(seller).toHaveURL(/\/seller\/flash-sales\?.*proposed=1/);
    await expect(seller.getByRole('status').filter({ hasText: 'Proposal sent' })).toBeVisible();
    const [proposed] = await sql<{ id: string; status: string; sale_price: number; allocation: number; created_by: string }>(
      'select id, status, sale_price, allocation, created_by from flash_sales where variant_id = $1',
      [v.variant_id],
    );
    expect(proposed).toMatchObject({ status: 'proposed', sale_price: salePrice, allocation: 3 });
    const row = seller.getByRole('row').filter({ hasText: v.product_title });
    await expect(row).toContainText('Proposed');
    await waitForHydration(row.getByRole('button', { name: 'Withdraw' }));
    await axe(seller);

    // A second proposal (straight in the database) for the admin to reject.
    const [other] = await sql<{ id: string }>(
      `insert into flash_sales (store_id, variant_id, location_id, allocation, sale_price, currency, per_customer_limit, starts_at, ends_at, status, remaining, created_by)
       select $1, $2, $3, 2, $4, 'USD', 1, now() + interval '1 day', now() + interval '1 day 2 hours', 'proposed', 2, created_by from flash_sales where id = $5 returning id`,
      [v.store_id, v.variant_id, v.location_id, salePrice, proposed!.id],
    );

    // The admin reviews.
    const admin = await signIn(browser, ADMIN);
    await admin.goto('/admin');
    await admin.getByRole('link', { name: /^Flash sales/ }).click();
    await expect(admin.getByRole('heading', { level: 1, name: 'Flash sales' })).toBeVisible();
    await admin.getByRole('navigation', { name: 'Filter by status' }).getByRole('link', { name: /^Proposed/ }).click();
    await expect(admin).toHaveURL(/status=proposed/);
    await axe(admin);
    await admin.goto(`/admin/flash-sales/${proposed!.id}`);
    await expect(admin.getByRole('heading', { level: 2, name: v.product_title, exact: false }).first()).toBeVisible();
    const review = admin.getByRole('region', { name: 'Review the proposal' });
    await waitForHydration(review.getByRole('button', { name: 'Approve' }));
    await axe(admin);
    await review.getByRole('button', { name: 'Approve' }).click();
    await expect(admin).toHaveURL(/done=approved/);
    await expect(admin.getByRole('status').filter({ hasText: 'Proposal approved.' })).toBeVisible();
    await expect(admin.getByText('Scheduled', { exact: true }).first()).toBeVisible();
    await expect(admin.getByRole('link', { name: 'Public sale page' })).toHaveAttribute('href', `/flash/${proposed!.id}`);

    // Due already: start it now rather than wait for the scheduler.
    const controls = admin.getByRole('region', { name: 'Controls' });
    await waitForHydration(controls.getByRole('button', { name: 'Start now' }));
    await controls.getByRole('button', { name: 'Start now' }).click();
    await expect(admin).toHaveURL(/done=started/);
    await expect(admin.getByText('Live', { exact: true }).first()).toBeVisible();
    const counters = admin.getByRole('region', { name: 'Live counters' });
    await expect(counters).toContainText('Remaining3');

    // Reconciliation: nothing yet, then a report with drift 0.
    const rec = admin.getByRole('region', { name: 'Reconciliation' });
    await expect(rec).toContainText('No report yet');
    await waitForHydration(rec.getByRole('button', { name: 'Reconcile now' }));
    await rec.getByRole('button', { name: 'Reconcile now' }).click();
    await expect(rec.getByRole('status').filter({ hasText: 'Reconciled: no drift.' })).toBeVisible();
    const report = rec.getByTestId('latest-report');
    await expect(report).toContainText('Allocation3');
    await expect(report).toContainText('Drift0');
    await expect(report).toContainText('Counters match holds and orders');
    await axe(admin);
    // A second run keeps the first in the history.
    await rec.getByRole('button', { name: 'Reconcile now' }).click();
    await expect(rec.getByRole('heading', { name: 'Earlier reports' })).toBeVisible();
    const [stored] = await sql<{ n: number; drift: number }>('select count(*)::int as n, max(drift) as drift from flash_sale_reconciliations where sale_id = $1', [proposed!.id]);
    expect(stored).toEqual({ n: 2, drift: 0 });

    // The other proposal: a reason is required, then the seller reads it.
    await admin.goto(`/admin/flash-sales/${other!.id}`);
    const review2 = admin.getByRole('region', { name: 'Review the proposal' });
    await waitForHydration(review2.getByRole('button', { name: 'Reject' }));
    await review2.getByRole('button', { name: 'Reject' }).click();
    await expect(review2.getByText('Say why the proposal is rejected.')).toBeVisible();
    await expect(review2.getByLabel('Reason (shown to the seller)')).toBeFocused();
    await review2.getByLabel('Reason (shown to the seller)').fill('Two flash sales of one variant in a week is too many.');
    await review2.getByRole('button', { name: 'Reject' }).click();
    await expect(admin).toHaveURL(/done=rejected/);

    await seller.goto(`/seller/flash-sales?store=${v.store_slug}&status=rejected`);
    await expect(seller.getByRole('row').filter({ hasText: v.product_title })).toContainText('Review note: Two flash sales of one variant in a week is too many.');
    await seller.goto(`/seller/flash-sales?store=${v.store_slug}&status=live`);
    await expect(seller.getByRole('row').filter({ hasText: v.product_title })).toContainText('3 left');

    // Phone width: the list and the form fit without sideways scrolling of the page.
    for (const p of [seller, admin]) await p.setViewportSize({ width: 390, height: 844 });
    for (const [p, path] of [
      [seller, `/seller/flash-sales?store=${v.store_slug}`],
      [seller, `/seller/flash-sales/new?store=${v.store_slug}`],
      [admin, '/admin/flash-sales'],
      [admin, `/admin/flash-sales/${proposed!.id}`],
    ] as const) {
      await p.goto(path);
      await expect(p.getByRole('heading', { level: 1 })).toBeVisible();
      expect(await p.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth), `${path} scrolls sideways`).toBeLessThanOrEqual(0);
    }

    // Leave no live sale behind for other specs: cancel it (its units return to stock).
    await admin.setViewportSize({ width: 1280, height: 900 });
    await admin.goto(`/admin/flash-sales/${proposed!.id}`);
    const cancel = admin.getByRole('region', { name: 'Controls' }).getByRole('button', { name: 'Cancel the sale' });
    await waitForHydration(cancel);
    await cancel.click();
    await admin.getByRole('button', { name: 'Yes, cancel it' }).click();
    await expect(admin).toHaveURL(/done=cancelled/);
    await expect(admin.getByText('Cancelled', { exact: true }).first()).toBeVisible();
  });

  test('the admin creates a sale for any store’s variant through the form (errors inline), then cancels it before it starts; others are refused', async ({ browser, playwright, baseURL }) => {
    // Anonymous → sign-in; a shopper → 403 on the admin pages and the seller portal's.
    const anonymous = await playwright.request.newContext({ baseURL });
    const res = await anonymous.get('/admin/flash-sales', { maxRedirects: 0 });
    const body = res.status() === 200 ? await res.text() : '';
    expect(([302, 303, 307].includes(res.status()) && /\/signin/.test(res.headers()['location'] ?? '')) || /NEXT_REDIRECT;[a-z]+;\/signin/.test(body)).toBe(true);
    await anonymous.dispose();
    const shopper = await signIn(browser, 'shopper@demo.shop');
    for (const path of ['/admin/flash-sales', '/admin/flash-sales/new', '/seller/flash-sales', '/seller/flash-sales/new']) expect(await isForbidden(shopper, path), path).toBe(true);

    const v = await stockedVariant('other');
    const admin = await signIn(browser, ADMIN);
    await admin.goto('/admin/flash-sales/new');
    await expect(admin.getByRole('heading', { level: 1, name: 'New flash sale' })).toBeVisible();
    const form = admin.getByRole('form', { name: 'New flash sale' });
    const search = form.getByLabel('Find a variant');
    await waitForHydration(search);
    await expect(form.getByText('Type at least 2 characters')).toBeVisible();
    await search.fill(v.sku);
    const radio = form.getByRole('radio', { name: new RegExp(v.sku.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')) });
    await expect(radio).toBeVisible();
    // Across stores: each choice names its store.
    await expect(radio).toHaveAccessibleName(new RegExp(v.store_name));
    await radio.check();
    await form.getByLabel('Allocation (units)').fill('2');
    await form.getByLabel(/^Sale price/).fill((Math.floor(v.price / 2) / 100).toFixed(2));
    await form.getByLabel('Starts', { exact: true }).fill(await localTime(admin, 3 * 3600_000));
    await form.getByLabel('Ends', { exact: true }).fill(await localTime(admin, 2 * 3600_000));
    await axe(admin);
    await form.getByRole('button', { name: 'Create flash sale' }).click();
    await expect(form.getByRole('alert')).toHaveText('Check the highlighted fields.');
    await expect(form.getByText('The sale must end after it starts.')).toBeVisible();
    await expect(form.getByLabel('Ends', { exact: true })).toBeFocused();
    await form.getByLabel('Ends', { exact: true }).fill(await localTime(admin, 5 * 3600_000));
    await expect(form.getByText('Runs for 2 h.')).toBeVisible();
    await form.getByRole('button', { name: 'Create flash sale' }).click();

    await expect(admin).toHaveURL(/\/admin\/flash-sales\/[0-9a-f-]{36}\?created=1$/);
    const id = admin.url().match(/flash-sales\/([0-9a-f-]{36})/)![1]!;
    await expect(admin.getByRole('status').filter({ hasText: 'Flash sale created.' })).toBeVisible();
    await expect(admin.getByText('Scheduled', { exact: true }).first()).toBeVisible();
    const [row] = await sql<{ status: string; store_id: string; allocation: number; location_id: string }>('select status, store_id, allocation, location_id from flash_sales where id = $1', [id]);
    expect(row).toEqual({ status: 'scheduled', store_id: v.store_id, allocation: 2, location_id: v.location_id });
    // Not started: nothing to reconcile yet, and no "start now" before its time.
    const rec = admin.getByRole('region', { name: 'Reconciliation' });
    await expect(rec.getByRole('button', { name: 'Reconcile now' })).toBeDisabled();
    await expect(rec).toContainText('Available once the sale has started');
    const controls = admin.getByRole('region', { name: 'Controls' });
    await expect(controls.getByRole('button', { name: 'Start now' })).toHaveCount(0);
    await axe(admin);

    const cancel = controls.getByRole('button', { name: 'Cancel the sale' });
    await waitForHydration(cancel);
    await cancel.click();
    await expect(controls.getByText('Cancel this sale? It will not start.')).toBeVisible();
    await expect(controls.getByRole('button', { name: 'Yes, cancel it' })).toBeFocused();
    await controls.getByRole('button', { name: 'Keep it' }).click();
    await expect(cancel).toBeFocused();
    await cancel.click();
    await controls.getByRole('button', { name: 'Yes, cancel it' }).click();
    await expect(admin).toHaveURL(/done=cancelled/);
    await expect(admin.getByText('Cancelled', { exact: true }).first()).toBeVisible();
    expect((await sql<{ status: string }>('select status from flash_sales where id = $1', [id]))[0]!.status).toBe('cancelled');
  });
});
