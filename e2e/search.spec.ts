import { expect, test } from '@playwright/test';
import { waitForHydration } from './support';

const RUNNING_TITLE = /Running Shoe|Trail Runner|Road Runner|Racing Flat/;

test.describe('search', () => {
  test('corrects a typo and shows running shoes with facet counts', async ({ page }) => {
    await page.goto('/');
    const box = page.getByRole('combobox', { name: 'Search products' });
    await waitForHydration(box);
    await box.fill('runing shoes');
    await box.press('Enter');

    await expect(page).toHaveURL(/\/search\?q=runing(\+|%20)shoes/);
    await expect(page.getByRole('status').filter({ hasText: /products?/ })).toContainText(/showing results for\s+running shoes/);

    const results = page.getByRole('region', { name: 'Search results' });
    const titles = results.locator('article h3 a');
    await expect(titles.first()).toBeVisible();
    const running = titles.filter({ hasText: RUNNING_TITLE });
    expect(await running.count()).toBeGreaterThan(0);

    // Facet counts: every brand is listed with its number of matches.
    const brands = page.getByRole('group', { name: 'Brand' }).locator('label');
    expect(await brands.count()).toBeGreaterThan(0);
    for (const text of await brands.allTextContents()) expect(text.trim()).toMatch(/\D\s*\d+$/);

    // The matched product really is a running shoe: its breadcrumb names the category.
    await running.first().click();
    await expect(page).toHaveURL(/\/p\//);
    await expect(page.getByRole('navigation', { name: 'Breadcrumb' }).getByRole('link', { name: 'Running Shoes' })).toBeVisible();
  });

  test('autosuggest lists terms and works from the keyboard', async ({ page }) => {
    await page.goto('/');
    const box = page.getByRole('combobox', { name: 'Search products' });
    await waitForHydration(box);
    await box.click();
    await box.pressSequentially('runn', { delay: 40 });

    const listbox = page.getByRole('listbox', { name: 'Suggestions' });
    await expect(listbox).toBeVisible();
    await expect(box).toHaveAttribute('aria-expanded', 'true');
    const running = listbox.getByRole('option', { name: 'running', exact: true });
    await expect(running).toBeVisible();

    // Arrow down to "running" (the active option is announced through aria-activedescendant).
    const options = listbox.getByRole('option');
    const index = (await options.allTextContents()).indexOf('running');
    for (let i = 0; i <= index; i++) await box.press('ArrowDown');
    await expect(running).toHaveAttribute('aria-selected', 'true');
    await expect(box).toHaveAttribute('aria-activedescendant', (await running.getAttribute('id'))!);

    await box.press('Enter');
    await expect(page).toHaveURL(/\/search\?q=running$/);
    await expect(page.getByRole('heading', { level: 1 })).toContainText('running');
    await expect(page.getByRole('region', { name: 'Search results' }).locator('article').first()).toBeVisible();
  });
});
