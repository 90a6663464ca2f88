import { expect, test, type Page } from '@playwright/test';
import { colourCount, productHrefs, resultCount, waitForHydration } from './support';

/** Product page checks shared by desktop and mobile: title, price and live stock. */
async function expectProductBasics(page: Page) {
  await expect(page).toHaveURL(/\/p\/[a-z0-9-]+/);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expect(page.getByTestId('price')).toContainText(/\$\d/);
  // Stock comes from /api/stock/<id> after hydration.
  await expect(page.getByTestId('stock')).toHaveText(/In stock|Only \d+ left|Out of stock|not available/);
}

test.describe('browse: home → category → filter → product', () => {
  test('filters a category, opens a product and switches its colour', async ({ page }) => {
    await page.goto('/');
    await expect(page.getByRole('heading', { name: 'Featured categories' })).toBeVisible();
    await expect(page.getByRole('heading', { name: 'New arrivals' })).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Best sellers' })).toBeVisible();

    // Featured categories link to second-level categories such as Fashion › Shoes.
    const featured = page.getByRole('region', { name: 'Featured categories' });
    await featured.getByRole('link', { name: /^Shoes\b/ }).click();
    await expect(page).toHaveURL(/\/c\/fashion\/shoes$/);
    await expect(page.getByRole('heading', { level: 1, name: 'Shoes' })).toBeVisible();

    const count = resultCount(page);
    const before = (await count.textContent())!.trim();
    const hrefsBefore = await productHrefs(page);
    expect(hrefsBefore.length).toBeGreaterThan(0);

    // Tick a colour: the form applies itself through the client router.
    const form = page.getByRole('form', { name: 'Filter and sort products' });
    await waitForHydration(form);
    const colours = form.getByRole('group', { name: 'Color' });
    const black = colours.getByRole('checkbox', { name: /^Black\b/ });
    await black.click(); // applies at once: a document load of the filtered page
    await expect(page).toHaveURL(/[?&]color=Black(&|$)/);
    await expect(count).not.toHaveText(before);
    const n = (s: string) => Number(s.replace(/\D/g, ''));
    expect(n((await count.textContent())!)).toBeLessThan(n(before));
    await expect(black).toBeChecked();

    // Open a filtered product that comes in more than one colour.
    const hrefs = await productHrefs(page);
    expect(hrefs.length).toBeGreaterThan(0);
    let target: string | undefined;
    for (const href of hrefs) {
      if ((await colourCount(page.request, href)) >= 2) {
        target = href;
        break;
      }
    }
    expect(target, 'a filtered product with at least two colours').toBeDefined();
    await page.locator(`article a[href="${target}"]`).click();
    await expect(page).toHaveURL(new RegExp(`${target}(\\?|$)`));
    await expectProductBasics(page);

    // The URL names a variant only once the shopper picks one (the cached page stays variant-neutral).
    expect(new URL(page.url()).searchParams.get('variant')).toBeNull();

    const mainImage = page.getByRole('region', { name: 'Product images' }).locator('img').first();
    const srcBefore = await mainImage.getAttribute('src');

    const colourGroup = page.getByRole('group', { name: /^Color:/ });
    const radios = colourGroup.getByRole('radio');
    await waitForHydration(radios);
    expect(await radios.count()).toBeGreaterThanOrEqual(2);
    const values = await radios.evaluateAll((els) => els.map((el) => ({ value: (el as HTMLInputElement).value, checked: (el as HTMLInputElement).checked })));
    const other = values.find((v) => !v.checked)!.value;

    await colourGroup.locator('label').filter({ hasText: new RegExp(`^${other}`) }).click();
    await expect(colourGroup.getByRole('radio', { name: other, exact: true })).toBeChecked();
    await expect(page.getByRole('group', { name: `Color: ${other}` })).toBeVisible();
    await expect(page).toHaveURL(/[?&]variant=[0-9a-f-]{36}/);
    const chosen = new URL(page.url()).searchParams.get('variant');

    // A shared link with ?variant= opens on that variant.
    await page.reload();
    await expect(page.getByRole('group', { name: `Color: ${other}` })).toBeVisible();
    expect(new URL(page.url()).searchParams.get('variant')).toBe(chosen);
    await expect(mainImage).not.toHaveAttribute('src', srcBefore!);
    await expect(page.getByTestId('price')).toContainText(/\$\d/);
    await expect(page.getByTestId('stock')).toHaveText(/In stock|Only \d+ left|Out of stock/);

    // The thumbnail of the chosen colour is the pressed one.
    await expect(page.getByRole('button', { name: new RegExp(`^Show image \\d+: .* in ${other}$`) })).toHaveAttribute('aria-pressed', 'true');
  });

  test('keyset "Next page" shows different products', async ({ page }) => {
    await page.goto('/c/fashion');
    const first = await productHrefs(page);
    expect(first.length).toBeGreaterThan(0);

    await page.getByRole('navigation', { name: 'Pagination' }).getByRole('link', { name: /Next page/ }).click();
    await expect(page).toHaveURL(/[?&]cursor=/);
    await expect(page.getByRole('link', { name: /First page/ })).toBeVisible();
    const second = await productHrefs(page);
    expect(second.length).toBeGreaterThan(0);
    expect(second.filter((h) => first.includes(h)), 'products repeated on page 2').toEqual([]);
  });
});

test.describe('mobile', () => {
  test.use({ viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });

  test('home → product at 375×812', async ({ page }) => {
    await page.goto('/');
    await expect(page.getByRole('combobox', { name: 'Search products' })).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Featured categories' })).toBeVisible();

    const shelf = page.getByRole('region', { name: 'New arrivals' });
    const link = shelf.locator('article h3 a').first();
    const href = await link.getAttribute('href');
    await link.scrollIntoViewIfNeeded();
    await link.tap();
    await expect(page).toHaveURL(new RegExp(`${href}(\\?|$)`));
    await expectProductBasics(page);
    await expect(page.getByRole('region', { name: 'Product images' }).locator('img').first()).toBeVisible();

    // Nothing pushes the layout wider than the phone.
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
  });
  test('filters fold behind a button on a phone and still apply', async ({ page }) => {
    await page.goto('/c/fashion/shoes');
    const toggle = page.getByRole('button', { name: /Show filters/ });
    await expect(toggle).toHaveAttribute('aria-expanded', 'false');
    const black = page.getByRole('checkbox', { name: /^Black/ });
    await expect(black).toBeHidden();
    await toggle.tap();
    await expect(page.getByRole('button', { name: /Hide filters/ })).toHaveAttribute('aria-expanded', 'true');
    await black.click(); // applies at once: a document load of the filtered page
    await expect(page).toHaveURL(/color=Black/);
    await expect(page.getByRole('button', { name: /Show filters \(1 active\)/ })).toBeVisible();
  });
});
