import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';
import sharp from 'sharp';
import { waitForHydration } from './support';

/**
 * Steps shared by the seller specs (onboarding, products, orders) and the whole seller journey:
 * signing in, the accessibility scan, a 5xx watch, sample files, and shipping a store order
 * with the shopper's view of it.
 */

export async function signIn(page: Page, email: string, password: string) {
  await page.goto('/signin');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).not.toHaveURL(/\/signin/);
}

export async function axe(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`), `axe on ${page.url()}`).toEqual([]);
}

/** Records every 5xx the page receives; the returned check fails the test if there was one. */
export function no500s(page: Page): () => void {
  const failures: string[] = [];
  page.on('response', (r) => {
    if (r.status() >= 500) failures.push(`${r.status()} ${r.url()}`);
  });
  return () => expect(failures).toEqual([]);
}

export const money = (minor: number) => new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' }).format(minor / 100);

/** A plain PNG of one colour, made here (no fixture files). */
export const samplePng = (width: number, height: number, background: string) => sharp({ create: { width, height, channels: 3, background } }).png().toBuffer();

/** The smallest file the upload checks accept as a PDF. */
export const SAMPLE_PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

/** A UPS-shaped tracking number (1Z + 16 letters or digits), different on every run. */
export const upsTrackingNumber = () => `1Z999AA1${String(Date.now()).slice(-10)}`;

/**
 * On a store order's page: ships everything still open as one UPS parcel and waits for the
 * shipment, shown as `shown` (what the seller typed, normalised; the same unless told).
 */
export async function shipWithUps(page: Page, tracking: string, shown = tracking) {
  const ship = page.getByRole('form', { name: 'Ship items' });
  await waitForHydration(ship.getByRole('button', { name: 'Mark as shipped' }));
  await ship.getByLabel('Carrier').selectOption('ups');
  await ship.getByLabel('Tracking number').fill(tracking);
  await ship.getByRole('button', { name: 'Mark as shipped' }).click();
  await expect(page.getByTestId('shipment')).toContainText(`UPS · ${shown}`);
}

/** On the shopper's order page: the shipment, by store, with a link to UPS's tracking page. */
export async function expectUpsTracking(page: Page, storeName: string, tracking: string) {
  const timeline = page.getByRole('list', { name: 'Order timeline' });
  await expect(timeline.getByTestId('timeline-event').filter({ hasText: `Shipped by ${storeName} via UPS ${tracking}` })).toBeVisible();
  await expect(timeline.getByRole('link', { name: new RegExp(tracking) })).toHaveAttribute('href', `https://www.ups.com/track?tracknum=${tracking}`);
}

/** Opens the shipping email for `orderNumber` in the mail viewer and finds the tracking number in it. */
export async function expectShippedEmail(page: Page, to: string, orderNumber: string, tracking: string) {
  await page.goto(`/mail?to=${encodeURIComponent(to)}`);
  await page.getByRole('link', { name: `Your order ${orderNumber} has shipped` }).click();
  await expect(page.frameLocator('iframe').first().getByText(tracking)).toBeVisible();
}

/**
 * On a new product's editor: options Size (8, 9) × Color (Red, Blue) through the matrix generator,
 * new variants at $95 (the first variant is kept). Returns the variants region, hydrated.
 */
export async function generateSizeColorMatrix(page: Page) {
  const options = page.getByRole('region', { name: 'Options' });
  await waitForHydration(options.getByRole('button', { name: '+ Add option' }));
  await options.getByRole('button', { name: '+ Add option' }).click();
  await options.getByLabel('Option 1 name').fill('Size');
  await options.getByLabel('Values').first().fill('8, 9');
  await options.getByRole('button', { name: '+ Add option' }).click();
  await options.getByLabel('Option 2 name').fill('Color');
  await options.getByLabel('Values').nth(1).fill('Red, Blue');
  await expect(options.getByText('4 variants: 1 kept, 3 new, 0 removed.')).toBeVisible();
  await options.getByLabel('Price for new variants (optional)').fill('95.00');
  await options.getByRole('button', { name: 'Save options and generate variants' }).click();
  await expect(options.getByRole('status')).toHaveText('Variants generated: 1 kept, 3 new, 0 removed.');

  const variants = page.getByRole('region', { name: 'Variants (4)' });
  await expect(variants.getByRole('rowheader')).toHaveText(['8 / Red', '8 / Blue', '9 / Red', '9 / Blue']);
  await waitForHydration(variants.getByRole('button', { name: 'Save variants' }));
  return variants;
}
