import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';

type Violation = Awaited<ReturnType<AxeBuilder['analyze']>>['violations'][number];

/** One readable block per rule: what failed, where, and how to fix it. */
function describe(violations: Violation[]): string {
  return violations
    .map((v) => {
      const nodes = v.nodes
        .slice(0, 5)
        .map((n) => `    - ${n.target.join(' ')}\n      ${(n.failureSummary ?? '').replace(/\n/g, '\n      ')}`)
        .join('\n');
      const more = v.nodes.length > 5 ? `\n    … and ${v.nodes.length - 5} more` : '';
      return `  [${v.impact}] ${v.id}: ${v.help} (${v.helpUrl})\n${nodes}${more}`;
    })
    .join('\n');
}

async function expectNoViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  await test.info().attach('axe-violations.json', { body: JSON.stringify(results.violations, null, 2), contentType: 'application/json' });
  expect(results.violations.length, `axe found ${results.violations.length} violation(s) on ${page.url()}:\n${describe(results.violations)}`).toBe(0);
}

/** Loading skeletons and transitions settle before axe looks at the page. */
async function settle(page: Page) {
  await page.waitForLoadState('networkidle');
  await expect(page.getByRole('status', { name: 'Loading products' })).toHaveCount(0);
}

test.describe('accessibility (axe, WCAG 2.1 A/AA)', () => {
  test('home', async ({ page }) => {
    await page.goto('/');
    await settle(page);
    await expectNoViolations(page);
  });

  test('category', async ({ page }) => {
    await page.goto('/c/fashion');
    await settle(page);
    await expectNoViolations(page);
  });

  test('filtered category', async ({ page }) => {
    await page.goto('/c/fashion/shoes?color=Black&stock=1&sort=price-asc');
    await settle(page);
    await expect(page.getByRole('checkbox', { name: /^Black\b/ })).toBeChecked();
    await expectNoViolations(page);
  });

  test('product', async ({ page }) => {
    await page.goto('/c/fashion/shoes/running-shoes');
    const href = await page.locator('article h3 a').first().getAttribute('href');
    await page.goto(href!);
    await settle(page);
    await expect(page.getByTestId('stock')).not.toHaveText(/Checking stock/);
    await expectNoViolations(page);
  });

  test('search results', async ({ page }) => {
    await page.goto('/search?q=running+shoes');
    await settle(page);
    await expect(page.getByRole('region', { name: 'Search results' }).locator('article').first()).toBeVisible();
    await expectNoViolations(page);
  });

  test('404 page', async ({ page }) => {
    const res = await page.goto('/p/no-such-product-e2e');
    expect(res?.status()).toBe(404);
    await settle(page);
    await expect(page.getByRole('heading', { level: 1 })).toContainText('couldn’t find');
    await expectNoViolations(page);
  });
});
