import { expect, type APIRequestContext, type Locator, type Page } from '@playwright/test';

/**
 * Waits until React has hydrated the element (React stores its props on hydrated DOM nodes).
 * Interacting earlier hits plain HTML: a checkbox toggles without the client-side submit.
 */
export async function waitForHydration(locator: Locator): Promise<void> {
  await expect
    .poll(() => locator.first().evaluate((el) => Object.keys(el).some((k) => k.startsWith('__reactProps$'))), {
      message: 'element was never hydrated by React',
    })
    .toBe(true);
}

/** The "N products" line of a listing page. */
export const resultCount = (page: Page) => page.getByRole('status').filter({ hasText: /^[\d,]+ products?\b/ });

/** The product links of the grid on a listing page, in order. */
export async function productHrefs(page: Page): Promise<string[]> {
  const links = page.getByRole('region', { name: /^(Products|Search results)$/ }).locator('article h3 a');
  return links.evaluateAll((els) => els.map((a) => a.getAttribute('href') ?? ''));
}

/** How many colours the product page at `href` offers (from its server HTML). */
export async function colourCount(request: APIRequestContext, href: string): Promise<number> {
  const html = await (await request.get(href)).text();
  return (html.match(/name="option-Color"/g) ?? []).length;
}
