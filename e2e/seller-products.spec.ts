import { expect, test, type Page } from '@playwright/test';
import pg from 'pg';
import { axe, generateSizeColorMatrix, samplePng, signIn as signInAs } from './seller-steps';
import { waitForHydration } from './support';

/**
 * The seller's catalog journey: the demo seller (owner of Stride Athletics) creates a product,
 * generates variants from two options, prices them, uploads an image (a PNG made here), adds
 * stock, publishes, and the product is in storefront search at once. Plus a CSV import with a
 * bad row (progress and the report by row and column), and the pages at phone width.
 */

const SELLER = { email: 'seller@demo.shop', password: 'demo-pass-1234' };

const signIn = (page: Page) => signInAs(page, SELLER.email, SELLER.password);

// A word no seeded product uses, so the search can only find this product.
const word = () => `Quorvex${Math.random().toString(36).slice(2, 7)}`;

test.describe('seller products', () => {
  test.describe.configure({ timeout: 120_000 });

  test('create → matrix variants → prices → image → stock → publish → found in storefront search', async ({ page }) => {
    const name = word();
    const title = `${name} Trail Runner`;
    await signIn(page);

    await page.goto('/seller/products');
    await expect(page.getByRole('heading', { name: 'Products', level: 1 })).toBeVisible();
    await axe(page);
    await page.getByRole('link', { name: 'New product' }).click();
    await expect(page.getByRole('heading', { name: 'New product', level: 1 })).toBeVisible();
    const form = page.locator('form').filter({ has: page.getByRole('button', { name: 'Create product' }) });
    await waitForHydration(form.getByRole('button', { name: 'Create product' }));
    // Validation: nothing filled → field errors, nothing created.
    await form.getByRole('button', { name: 'Create product' }).click();
    await expect(form.getByText('Enter a title')).toBeVisible();
    await form.getByLabel('Title', { exact: true }).fill(title);
    await form.getByLabel('Category').selectOption({ label: 'Fashion › Shoes › Running Shoes' });
    await form.getByLabel('Brand (optional)').fill('Stride');
    await form.getByLabel('Price', { exact: true }).fill('89.00');
    await form.getByLabel('Compare-at price (optional)').fill('80.00');
    await form.getByRole('button', { name: 'Create product' }).click();
    await expect(form.getByText('The compare-at price must be higher than the price')).toBeVisible();
    await form.getByLabel('Compare-at price (optional)').fill('');
    await form.getByRole('button', { name: 'Create product' }).click();

    await expect(page).toHaveURL(/\/seller\/products\/[0-9a-f-]{36}\?.*created=1/);
    await expect(page.getByRole('status').filter({ hasText: 'Product created as a draft' })).toBeVisible();
    await expect(page.getByRole('heading', { name: title, level: 2 })).toBeVisible();
    await axe(page);

    // Two options → 2 × 2 variants through the matrix; the existing variant is kept.
    const variants = await generateSizeColorMatrix(page);
    // A compare-at below the price is caught beside its cell.
    await variants.getByLabel('Compare-at for 9 / Blue').fill('10.00');
    await variants.getByRole('button', { name: 'Save variants' }).click();
    await expect(variants.getByText('The compare-at price must be higher than the price')).toBeVisible();
    await expect(variants.getByLabel('Compare-at for 9 / Blue')).toBeFocused();
    await variants.getByLabel('Compare-at for 9 / Blue').fill('120.00');
    await variants.getByLabel('Price for 9 / Blue').fill('99.00');
    await variants.getByRole('button', { name: 'Save variants' }).click();
    await expect(variants.getByRole('status')).toHaveText(/Saved 4 variant\(s\)/);

    // An image: a PNG made here; a file that is not an image is refused with a clear message.
    const images = page.getByRole('region', { name: /^Images/ });
    await waitForHydration(images.getByRole('button', { name: 'Upload' }));
    await images.getByLabel('Add images').setInputFiles({ name: 'notes.png', mimeType: 'image/png', buffer: Buffer.from('just text, not a picture') });
    await images.getByRole('button', { name: 'Upload' }).click();
    await expect(images.getByText('notes.png: The file is not a JPEG, PNG, WebP or GIF image.')).toBeVisible();
    const png = await samplePng(320, 240, '#d13f3f');
    await images.getByLabel('Add images').setInputFiles({ name: 'runner.png', mimeType: 'image/png', buffer: png });
    await images.getByRole('button', { name: 'Upload' }).click();
    await expect(images.getByText('runner.png: uploaded.')).toBeVisible();
    await expect(page.getByRole('region', { name: 'Images (1)' }).getByText('Image 1 of 1 · 320×240')).toBeVisible();
    // A second image, moved first with the keyboard; focus stays on the moved image.
    const side = await samplePng(200, 100, '#3273d6');
    await images.getByLabel('Add images').setInputFiles({ name: 'side.png', mimeType: 'image/png', buffer: side });
    await images.getByRole('button', { name: 'Upload' }).click();
    await expect(page.getByRole('region', { name: 'Images (2)' })).toBeVisible();
    await page.getByRole('button', { name: 'Move image 2 up' }).focus();
    await page.keyboard.press('Enter');
    await expect(images.getByText('Image moved to position 1.')).toBeVisible();
    await expect(images.getByText('Image 1 of 2 · 200×100')).toBeVisible();
    await expect(page.getByRole('button', { name: 'Move image 1 down' })).toBeFocused();

    // Stock at the main warehouse, through the ledger.
    const editorUrl = page.url();
    await page.getByRole('link', { name: 'Inventory', exact: true }).last().click();
    await expect(page.getByRole('heading', { name: 'Inventory', level: 1 })).toBeVisible();
    const row = page.getByRole('rowheader').filter({ hasText: `${title} — 8 / Red` });
    await expect(row).toBeVisible();
    await page.getByText(`Adjust stock of ${title} — 8 / Red`).click();
    const adjust = page.getByRole('form', { name: `Adjust stock of ${title} — 8 / Red` });
    await waitForHydration(adjust.getByRole('button', { name: 'Save adjustment' }));
    await adjust.getByLabel('Quantity').fill('12');
    await adjust.getByRole('button', { name: 'Save adjustment' }).click();
    await expect(adjust.getByRole('status')).toHaveText('Saved: 12 on hand.');
    await axe(page);

    // Publish, then the storefront finds it at once.
    await page.goto(editorUrl);
    await waitForHydration(page.getByRole('button', { name: 'Publish' }));
    await page.getByRole('button', { name: 'Publish' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Published: shoppers can find it now.' })).toBeVisible();
    await expect(page.getByRole('link', { name: 'View in store' })).toBeVisible();

    await page.goto(`/search?q=${name.toLowerCase()}`);
    const hit = page.getByRole('link', { name: title });
    await expect(hit.first()).toBeVisible();
    await hit.first().click();
    await expect(page.getByRole('heading', { name: title, level: 1 })).toBeVisible();
    await expect(page.getByText('$89.00').first()).toBeVisible();

    // A change shows on the storefront at once too.
    await page.goto(editorUrl);
    const details = page.getByRole('region', { name: 'Details' });
    await waitForHydration(details.getByRole('button', { name: 'Save details' }));
    await details.getByLabel('Title', { exact: true }).fill(`${title} V2`);
    await details.getByRole('button', { name: 'Save details' }).click();
    await expect(details.getByRole('status')).toHaveText('Saved. The storefront shows the change now.');
    await page.goto(`/search?q=${name.toLowerCase()}`);
    await expect(page.getByRole('link', { name: `${title} V2` }).first()).toBeVisible();
  });

  test('CSV import shows progress and reports a bad row by row and column; products list works at phone width', async ({ page }) => {
    const name = word().toLowerCase();
    await signIn(page);
    await page.goto('/seller/products/import');
    await expect(page.getByRole('heading', { name: 'Import products', level: 1 })).toBeVisible();
    await expect(page.getByText('A product with any bad row is skipped as a whole')).toBeVisible();
    await axe(page);
    const csv = [
      'handle,title,status,category,option1_name,option1_value,sku,price,stock:MAIN',
      `${name}-tee,${name} Tee,active,fashion/clothing/t-shirts,Size,S,${name.toUpperCase()}-S,19.99,5`,
      `${name}-tee,,,,Size,M,${name.toUpperCase()}-M,19.99,5`,
      `${name}-bad,${name} Bad,draft,fashion/clothing/t-shirts,,,${name.toUpperCase()}-B,not-a-price,1`,
    ].join('\n');
    const panel = page.getByRole('region', { name: 'Upload a CSV file' });
    await waitForHydration(panel.getByRole('button', { name: 'Import' }));
    await panel.getByLabel('CSV file (UTF-8, up to 20 MB)').setInputFiles({ name: 'products.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await panel.getByRole('button', { name: 'Import' }).click();
    await expect(panel.getByRole('heading', { name: 'Import finished with errors' })).toBeVisible({ timeout: 30_000 });
    const report = panel.getByRole('table', { name: 'Errors by row and column' });
    await expect(report.getByRole('row').nth(1)).toContainText('4');
    await expect(report.getByRole('row').nth(1)).toContainText('price');
    await expect(panel.getByText('Products created').locator('..')).toContainText('1');
    await expect(panel.getByText('Products skipped').locator('..')).toContainText('1');
    // The imported (active) product is in storefront search right away; the skipped one is not.
    await page.goto(`/search?q=${name}`);
    await expect(page.getByRole('link', { name: `${name} Tee` }).first()).toBeVisible();
    await expect(page.getByRole('link', { name: `${name} Bad` })).toHaveCount(0);

    // The imported product is listed; the list fits a phone (the table scrolls inside its box).
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`/seller/products?q=${name}`);
    await expect(page.getByRole('link', { name: `${name} Tee` })).toBeVisible();
    const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(await overflow()).toBeLessThanOrEqual(0);
    await axe(page);
    await page.getByRole('link', { name: `${name} Tee` }).click();
    await expect(page.getByRole('heading', { name: `${name} Tee`, level: 2 })).toBeVisible();
    expect(await overflow()).toBeLessThanOrEqual(0);
    await page.goto(`/seller/inventory?q=${name}`);
    await expect(page.getByRole('rowheader').first()).toBeVisible();
    expect(await overflow()).toBeLessThanOrEqual(0);
    await axe(page);
  });

  test('a seller cannot open or change another store’s product, and the export is the store’s own', async ({ page, request }) => {
    const db = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await db.connect();
    const ids = await db
      .query<{ own: string; other: string; other_slug: string; product: string; product_slug: string }>(
        `select (select id from stores where slug = 'stride-athletics') as own, o.id as other, o.slug as other_slug,
           (select p.id from products p where p.store_id = o.id order by p.id limit 1) as product,
           (select p.slug from products p where p.store_id = o.id order by p.id limit 1) as product_slug
         from stores o where o.slug <> 'stride-athletics' order by o.slug limit 1`,
      )
      .finally(() => db.end());
    const { own, other, other_slug: otherSlug, product, product_slug: productSlug } = ids.rows[0]!;
    await signIn(page);
    // Guessed and foreign ids read as "not found", never another store's data.
    for (const id of ['00000000-0000-4000-8000-000000000000', product]) {
      await page.goto(`/seller/products/${id}`);
      await expect(page.getByRole('heading', { name: 'Product not found' })).toBeVisible();
    }
    // Naming another store in the URL is refused (the slug only selects among one's own stores).
    // (The page streams, so its status line is sent before the guard runs: check what it shows.)
    await page.goto(`/seller/products?store=${otherSlug}`);
    await expect(page.getByRole('heading', { name: 'This area isn’t open to your account' })).toBeVisible();
    await expect(page.getByRole('table')).toHaveCount(0);
    expect((await page.request.get(`/seller/products/export?store=${otherSlug}`)).status()).toBe(403);
    const png = { name: 'x.png', mimeType: 'image/png', buffer: Buffer.from('89504e470d0a1a0a', 'hex') };
    const headers = { origin: new URL(page.url()).origin };
    // Another store's product through my store: not found. Another store's id: forbidden.
    expect((await page.request.post(`/seller/products/${product}/images`, { headers, multipart: { storeId: own, file: png } })).status()).toBe(404);
    expect((await page.request.post(`/seller/products/${product}/images`, { headers, multipart: { storeId: other, file: png } })).status()).toBe(403);
    const csv = { name: 'x.csv', mimeType: 'text/csv', buffer: Buffer.from('handle,sku,price\nx,X-1,1.00\n') };
    expect((await page.request.post('/seller/products/import/upload', { headers, multipart: { storeId: other, file: csv } })).status()).toBe(403);
    // A cross-site form post is refused even with the session cookie.
    const crossSite = await page.request.post('/seller/products/import/upload', { headers: { origin: 'https://evil.example' }, multipart: { storeId: own, file: csv } });
    expect(crossSite.status()).toBe(403);
    expect((await crossSite.json()).error.code).toBe('cross_site');

    const res = await page.request.get('/seller/products/export');
    expect(res.status()).toBe(200);
    expect(res.headers()['content-type']).toContain('text/csv');
    const body = await res.text();
    expect(body.split('\n')[0]).toContain('handle,title,description,status,category');
    expect(body).not.toContain(`\n${productSlug},`);
    // Without a session: no export, no upload.
    expect((await request.get('/seller/products/export')).status()).toBe(401);
    const upload = await request.post('/seller/products/import/upload', { multipart: { storeId: own, file: csv } });
    expect([401, 403]).toContain(upload.status());
  });
});
