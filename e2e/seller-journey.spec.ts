import { expect, test, type Browser, type Page } from '@playwright/test';
import { expectShippedEmail, expectUpsTracking, generateSizeColorMatrix, no500s, SAMPLE_PDF, samplePng, shipWithUps, signIn, upsTrackingNumber } from './seller-steps';
import { waitForHydration } from './support';

/**
 * The whole seller journey in one browser run, every step through the UI: a brand-new user signs
 * up (confirming the address from the mail viewer) and applies to sell; an admin approves; the
 * new seller lists a product with generated variants, an image and stock, and publishes it;
 * storefront search finds it; a guest buys one variant with the test card; the seller ships it
 * with a UPS tracking number; the shopper sees the tracking on the order page and in the email.
 * The other seller specs check each part's edge cases; this one checks that the parts connect.
 */

const PASSWORD = 'journey-e2e-pass-1234';
const ADMIN = { email: 'admin@demo.shop', password: 'demo-pass-1234' };
const CARD = '4242424242424242';

// Letters only (search tokenises on them), different on every run so reruns never collide.
const stamp = Date.now()
  .toString()
  .replace(/\d/g, (d) => 'abcdefghij'[Number(d)]!);
const sellerEmail = `journey-${stamp}@example.com`;
const shopperEmail = `journey-shopper-${stamp}@example.com`;
const storeName = `Journey Goods ${stamp}`;
const slug = `journey-goods-${stamp}`;
const word = `Zephyrine${stamp}`;
const productTitle = `${word} Trail Runner`;

async function newPage(browser: Browser) {
  const context = await browser.newContext();
  const page = await context.newPage();
  return { page, context, checkNo500s: no500s(page) };
}

/** Sign-up through the form, then the confirmation link from the mail viewer. */
async function signUpAndConfirm(page: Page, name: string, email: string) {
  await page.goto('/signup');
  await page.getByLabel('Name').fill(name);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password (at least 10 characters)').fill(PASSWORD);
  await page.getByLabel('Repeat the password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByText('Check your inbox')).toBeVisible();
  await page.goto(`/mail?to=${encodeURIComponent(email)}`);
  await page.getByRole('link', { name: 'Confirm your email address' }).first().click();
  const verify = await page.getByRole('link', { name: /\/verify\?/ }).first().getAttribute('href');
  await page.goto(verify!);
  await expect(page).toHaveURL(/notice=verified/);
}

test('seller journey: sign up → apply → approved → product with variants → found → bought → shipped → tracked', async ({ browser }) => {
  test.setTimeout(180_000);
  const seller = await newPage(browser);
  const admin = await newPage(browser);
  const shopper = await newPage(browser);
  const page = seller.page;
  const tracking = upsTrackingNumber();
  let orderNumber = '';
  let orderUrl = '';

  await test.step('a new user signs up, confirms the email and signs in', async () => {
    await signUpAndConfirm(page, 'Jo Journey', sellerEmail);
    await signIn(page, sellerEmail, PASSWORD);
    await expect(page).toHaveURL(/\/account$/);
  });

  await test.step('the user applies to sell: store profile with logo, KYC with a document, payout, agreement', async () => {
    await page.goto('/seller/onboarding');
    await expect(page.getByRole('heading', { name: 'Sell on Marketplace' })).toBeVisible();
    const start = page.locator('form').filter({ has: page.getByRole('button', { name: 'Start my application' }) });
    await waitForHydration(start.getByRole('button', { name: 'Start my application' }));
    await start.getByLabel('Store name').fill(storeName);
    await expect(start.getByLabel('Store address')).toHaveValue(slug);
    await expect(start.getByText(`“${slug}” is available`)).toBeVisible();
    await start.getByRole('button', { name: 'Start my application' }).click();
    await expect(page).toHaveURL(/\/seller\/onboarding\/store$/);

    const logoInput = page.getByLabel('Upload a logo (optional)');
    await waitForHydration(logoInput);
    await logoInput.setInputFiles({ name: 'logo.png', mimeType: 'image/png', buffer: await samplePng(300, 200, '#7a4a1d') });
    await expect(page.getByText('Logo updated from “logo.png”.')).toBeVisible();
    await expect(page.getByRole('img', { name: `${storeName} logo` })).toBeVisible();
    const profile = page.locator('form').filter({ has: page.getByRole('button', { name: 'Save and continue' }) });
    await profile.getByLabel('Description').fill('Trail shoes resoled and refitted by hand, shipped in a week.');
    await profile.getByLabel('Support email').fill(`help-${stamp}@example.com`);
    await profile.getByLabel('Return policy').fill('Unworn shoes can be returned within 30 days for a full refund.');
    await profile.getByRole('button', { name: 'Save and continue' }).click();
    await expect(page).toHaveURL(/\/seller\/onboarding\/business$/);

    const kyc = page.locator('form').filter({ has: page.getByRole('button', { name: 'Save and continue' }) });
    await waitForHydration(kyc.getByRole('button', { name: 'Save and continue' }));
    await kyc.getByLabel('Legal name').fill(`Journey Goods ${stamp} LLC`);
    await kyc.getByLabel('Business type').selectOption('company');
    await kyc.getByLabel(/Tax id/).fill('US 12 3456789');
    await kyc.getByLabel('Street address').fill('40 Cobbler Lane');
    await kyc.getByLabel('City').fill('Portland');
    await kyc.getByLabel('Postal code').fill('97201');
    await kyc.getByLabel('Country').selectOption('US');
    await kyc.getByRole('button', { name: 'Save and continue' }).click();
    await expect(page).toHaveURL(/\/seller\/onboarding\/documents$/);

    await waitForHydration(page.getByLabel('Document type'));
    await page.getByLabel('Document type').selectOption('identity');
    await page.getByLabel('Document file').setInputFiles({ name: 'licence.pdf', mimeType: 'application/pdf', buffer: SAMPLE_PDF });
    await expect(page.getByText('“licence.pdf” uploaded.')).toBeVisible();
    await page.getByRole('link', { name: 'Continue to payout' }).click();
    await expect(page).toHaveURL(/\/seller\/onboarding\/payout$/);

    const payout = page.locator('form').filter({ has: page.getByRole('button', { name: 'Save and continue' }) });
    await waitForHydration(payout.getByRole('button', { name: 'Save and continue' }));
    await payout.getByLabel('Account holder').fill(`Journey Goods ${stamp} LLC`);
    await payout.getByLabel('IBAN or account number').fill('DE89 3704 0044 0532 0130 00');
    await payout.getByRole('button', { name: 'Save and continue' }).click();
    await expect(page).toHaveURL(/\/seller\/onboarding\/review$/);

    await waitForHydration(page.getByRole('button', { name: 'Submit application' }));
    await page.getByLabel(/I have read and accept the seller agreement/).check();
    await page.getByRole('button', { name: 'Submit application' }).click();
    await expect(page).toHaveURL(/\/seller\/onboarding\?submitted=1$/);
    await expect(page.getByText('In review', { exact: true })).toBeVisible();
  });

  await test.step('an admin approves the application', async () => {
    await signIn(admin.page, ADMIN.email, ADMIN.password);
    await admin.page.goto('/admin/sellers');
    await admin.page.getByRole('searchbox').or(admin.page.getByLabel('Search stores')).fill(slug);
    await admin.page.getByRole('button', { name: 'Search' }).click();
    await admin.page.getByRole('link', { name: storeName }).click();
    await expect(admin.page.getByRole('heading', { name: storeName })).toBeVisible();
    await expect(admin.page.getByRole('link', { name: 'Download licence.pdf' })).toBeVisible();
    await waitForHydration(admin.page.getByRole('button', { name: 'Approve and activate' }));
    await admin.page.getByRole('button', { name: 'Approve and activate' }).click();
    await expect(admin.page.getByText('In review → Approved')).toBeVisible();

    await page.goto('/seller/onboarding');
    await page.getByRole('link', { name: 'Open the seller portal' }).click();
    await expect(page).toHaveURL(new RegExp(`/seller\\?store=${slug}$`));
    await expect(page.getByRole('button', { name: `Store: ${storeName}` })).toBeVisible();
  });

  await test.step('the seller lists a product: options → variant matrix, an image, stock, publish', async () => {
    await page.goto(`/seller/products/new?store=${slug}`);
    await expect(page.getByRole('heading', { name: 'New product', level: 1 })).toBeVisible();
    const form = page.locator('form').filter({ has: page.getByRole('button', { name: 'Create product' }) });
    await waitForHydration(form.getByRole('button', { name: 'Create product' }));
    await form.getByLabel('Title', { exact: true }).fill(productTitle);
    await form.getByLabel('Category').selectOption({ label: 'Fashion › Shoes › Running Shoes' });
    await form.getByLabel('Brand (optional)').fill('Journey');
    await form.getByLabel('Price', { exact: true }).fill('89.00');
    await form.getByRole('button', { name: 'Create product' }).click();
    await expect(page).toHaveURL(/\/seller\/products\/[0-9a-f-]{36}\?.*created=1/);
    await expect(page.getByRole('heading', { name: productTitle, level: 2 })).toBeVisible();
    const editorUrl = page.url();

    const variants = await generateSizeColorMatrix(page);
    await variants.getByLabel('Price for 9 / Blue').fill('99.00');
    await variants.getByRole('button', { name: 'Save variants' }).click();
    await expect(variants.getByRole('status')).toHaveText(/Saved 4 variant\(s\)/);

    const images = page.getByRole('region', { name: /^Images/ });
    await waitForHydration(images.getByRole('button', { name: 'Upload' }));
    await images.getByLabel('Add images').setInputFiles({ name: 'runner.png', mimeType: 'image/png', buffer: await samplePng(320, 240, '#2f6fb0') });
    await images.getByRole('button', { name: 'Upload' }).click();
    await expect(images.getByText('runner.png: uploaded.')).toBeVisible();
    await expect(page.getByRole('region', { name: 'Images (1)' })).toBeVisible();

    await page.goto(`/seller/inventory?store=${slug}&q=${word}`);
    await expect(page.getByRole('heading', { name: 'Inventory', level: 1 })).toBeVisible();
    const label = `${productTitle} — 9 / Blue`;
    await page.getByText(`Adjust stock of ${label}`).click();
    const adjust = page.getByRole('form', { name: `Adjust stock of ${label}` });
    await waitForHydration(adjust.getByRole('button', { name: 'Save adjustment' }));
    await adjust.getByLabel('Quantity').fill('5');
    await adjust.getByRole('button', { name: 'Save adjustment' }).click();
    await expect(adjust.getByRole('status')).toHaveText('Saved: 5 on hand.');

    await page.goto(editorUrl);
    await waitForHydration(page.getByRole('button', { name: 'Publish' }));
    await page.getByRole('button', { name: 'Publish' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Published: shoppers can find it now.' })).toBeVisible();
  });

  await test.step('storefront search finds the product', async () => {
    await shopper.page.goto(`/search?q=${word.toLowerCase()}`);
    const hit = shopper.page.getByRole('region', { name: 'Search results' }).getByRole('link', { name: productTitle });
    await expect(hit.first()).toBeVisible();
    await hit.first().click();
    await expect(shopper.page.getByRole('heading', { name: productTitle, level: 1 })).toBeVisible();
  });

  await test.step('a guest buys size 9 in blue with the test card', async () => {
    const sp = shopper.page;
    // The radios are visually hidden inside their labels: a shopper clicks the label.
    const pick = async (option: string, value: string) => {
      const group = sp.getByRole('group', { name: new RegExp(`^${option}:`) });
      await waitForHydration(group.getByRole('radio', { name: value, exact: true }));
      await group.locator('label').filter({ hasText: new RegExp(`^${value}`) }).click();
      await expect(group.getByRole('radio', { name: value, exact: true })).toBeChecked();
    };
    await pick('Size', '9');
    await pick('Color', 'Blue');
    await expect(sp.getByTestId('price')).toContainText('$99.00');
    await expect(sp.getByTestId('stock')).toHaveText('Only 5 left');
    await sp.getByRole('button', { name: 'Add to cart' }).click();
    await expect(sp.getByTestId('add-to-cart-status')).toHaveText(`Added ${productTitle} to your cart.`);

    await sp.goto('/cart');
    await expect(sp.getByRole('main').getByText('9 / Blue').first()).toBeVisible();
    await sp.getByRole('link', { name: 'Checkout', exact: true }).click();
    await expect(sp).toHaveURL(/\/checkout$/);
    const contact = sp.getByTestId('step-contact');
    await waitForHydration(contact.getByRole('button', { name: 'Continue to shipping' }));
    await contact.getByLabel('Email').fill(shopperEmail);
    await contact.getByLabel('Full name').fill('Sam Shopper');
    await contact.getByLabel('Street address').fill('12 Harbor Road');
    await contact.getByLabel('City').fill('San Francisco');
    await contact.getByLabel('State / region (optional)').fill('CA');
    await contact.getByLabel('Postal code').fill('94107');
    await contact.getByLabel('Country').selectOption('US');
    await contact.getByRole('button', { name: 'Continue to shipping' }).click();
    await expect(sp.getByRole('heading', { name: 'Shipping method' })).toBeFocused();
    await expect(sp.getByTestId('step-shipping').getByTestId('shipping-group')).toContainText(storeName);
    await sp.getByTestId('step-shipping').getByRole('button', { name: 'Continue to payment' }).click();
    const card = sp.getByTestId('step-payment').getByLabel('Card number');
    await card.fill(CARD);
    await card.press('Enter');
    await expect(sp.getByRole('heading', { name: 'Review and place order' })).toBeFocused();
    await expect(sp.getByTestId('review-store')).toContainText(productTitle);
    await sp.getByTestId('step-review').getByRole('button', { name: /^Place order/ }).click();

    await expect(sp).toHaveURL(/\/orders\/[^/]+\/confirmation\?t=/, { timeout: 20_000 });
    await expect(sp.getByRole('heading', { name: 'Thank you for your order' })).toBeVisible();
    orderNumber = (await sp.getByTestId('order-number').textContent())!.trim();
    expect(orderNumber).toMatch(/^MK-\d+$/);
    orderUrl = `/orders/${orderNumber}?t=${new URL(sp.url()).searchParams.get('t')}`;
  });

  await test.step('the seller ships the store order with UPS and a tracking number', async () => {
    await page.goto(`/seller/orders?store=${slug}`);
    await expect(page.getByRole('heading', { name: 'Orders', level: 1 })).toBeVisible();
    await page.getByLabel('Find an order by number').fill(orderNumber);
    await page.getByRole('button', { name: 'Search' }).click();
    await expect(page.getByTestId('seller-order-row')).toHaveCount(1);
    await page.getByRole('link', { name: `${orderNumber}-1` }).click();
    await expect(page.getByRole('heading', { name: `${orderNumber}-1` })).toBeVisible();
    await expect(page.getByRole('region', { name: 'Ship to', exact: true })).toContainText('Sam Shopper');
    await expect(page.getByTestId('seller-order-line')).toContainText(productTitle);
    await shipWithUps(page, tracking);
    await expect(page.getByTestId('shipment')).toContainText(`1 × ${productTitle}`);
    await expect(page.getByTestId('order-status').first()).toHaveText('Shipped');
  });

  await test.step('the shopper sees the tracking on the order page and in the shipping email', async () => {
    await shopper.page.goto(orderUrl);
    await expect(shopper.page.getByRole('heading', { level: 1, name: `Order ${orderNumber}` })).toBeVisible();
    await expectUpsTracking(shopper.page, storeName, tracking);
    await expectShippedEmail(shopper.page, shopperEmail, orderNumber, tracking);
  });

  for (const p of [seller, admin, shopper]) {
    p.checkNo500s();
    await p.context.close();
  }
});
