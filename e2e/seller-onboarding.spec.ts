import { expect, test, type APIResponse, type Browser } from '@playwright/test';
import pg from 'pg';
import { SAMPLE_PDF, axe, no500s, samplePng, signIn } from './seller-steps';
import { waitForHydration } from './support';
import { createVerifiedUser } from './users';

/**
 * The seller journey's first half: a brand-new user applies to sell (every step, a logo and a
 * document generated here), an admin reviews and approves it, and the user lands in the seller
 * portal of the new store. Secrets stay masked all the way.
 */

const PASSWORD = 'seller-e2e-pass-1234';
const TAX_ID = 'DE 123 456 789';
const IBAN = 'DE89 3704 0044 0532 0130 00';

async function outbox(to: string): Promise<string[]> {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  try {
    return (await client.query<{ template: string }>('select template from email_outbox where "to" = $1 order by created_at', [to])).rows.map((r) => r.template);
  } finally {
    await client.end();
  }
}

/** Guards run inside streamed pages: a denial is a 403 status or Next's HTTP-error digest in the stream. */
async function forbidden(response: Promise<APIResponse>): Promise<boolean> {
  const res = await response;
  return res.status() === 403 || (res.status() === 200 && (await res.text()).includes('NEXT_HTTP_ERROR_FALLBACK;403'));
}

async function newPage(browser: Browser) {
  const context = await browser.newContext();
  const page = await context.newPage();
  return { page, context, no500s: no500s(page) };
}

test('a new user applies to sell, an admin approves, and the seller reaches the new store’s portal', async ({ browser }) => {
  test.setTimeout(180_000);
  const user = await createVerifiedUser(PASSWORD);
  const suffix = user.email.slice(4, 12);
  const storeName = `Tea Garden ${suffix}`;
  const slug = `tea-garden-${suffix}`;
  const seller = await newPage(browser);
  const page = seller.page;

  // ---- Start: name and address, checked live ----
  await signIn(page, user.email, PASSWORD);
  await page.goto('/seller/onboarding');
  await expect(page.getByRole('heading', { name: 'Sell on Marketplace' })).toBeVisible();
  const start = page.locator('form').filter({ has: page.getByRole('button', { name: 'Start my application' }) });
  await waitForHydration(start.getByRole('button', { name: 'Start my application' }));
  await start.getByLabel('Store name').fill(storeName);
  await expect(start.getByLabel('Store address')).toHaveValue(slug);
  await expect(start.getByText(`“${slug}” is available`)).toBeVisible();
  await start.getByLabel('Store address').fill('admin');
  await expect(start.getByText('That address is reserved.')).toBeVisible();
  await start.getByLabel('Store address').fill(slug);
  await expect(start.getByText(`“${slug}” is available`)).toBeVisible();
  await start.getByRole('button', { name: 'Start my application' }).click();
  await expect(page).toHaveURL(/\/seller\/onboarding\/store$/);

  // ---- Store profile + logo (with progress, and a refused SVG) ----
  const logoInput = page.getByLabel('Upload a logo (optional)');
  await waitForHydration(logoInput);
  await logoInput.setInputFiles({ name: 'evil.png', mimeType: 'image/png', buffer: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"></svg>') });
  await expect(page.getByRole('alert').filter({ hasText: 'SVG' })).toBeVisible();
  const logo = await samplePng(300, 200, '#1d7a4a');
  await logoInput.setInputFiles({ name: 'logo.png', mimeType: 'image/png', buffer: logo });
  await expect(page.getByText('Logo updated from “logo.png”.')).toBeVisible();
  const logoImg = page.getByRole('img', { name: `${storeName} logo` });
  await expect(logoImg).toBeVisible();
  expect(await logoImg.getAttribute('src')).toMatch(/^\/media\/stores\/[0-9a-f-]+\/logo-[0-9a-f]{16}\.webp$/);
  await axe(page);

  const profile = page.locator('form').filter({ has: page.getByRole('button', { name: 'Save and continue' }) });
  await profile.getByLabel('Description').fill('Loose-leaf teas from small family gardens, packed by hand.');
  await profile.getByLabel('Support email').fill('help@teagarden.example.com');
  await profile.getByLabel('Return policy').fill('Unopened tins can be returned within 30 days for a full refund.');
  await profile.getByRole('button', { name: 'Save and continue' }).click();
  await expect(page).toHaveURL(/\/seller\/onboarding\/business$/);

  // ---- Business details (KYC) ----
  const kyc = page.locator('form').filter({ has: page.getByRole('button', { name: 'Save and continue' }) });
  await waitForHydration(kyc.getByRole('button', { name: 'Save and continue' }));
  await kyc.getByLabel('Legal name').fill('Tea Garden GmbH');
  await kyc.getByLabel('Business type').selectOption('company');
  await kyc.getByLabel(/Tax id/).fill('12');
  await kyc.getByLabel('Street address').fill('1 Teestraße');
  await kyc.getByLabel('City').fill('Berlin');
  await kyc.getByLabel('Postal code').fill('10115');
  await kyc.getByLabel('Country').selectOption('DE');
  await kyc.getByRole('button', { name: 'Save and continue' }).click();
  await expect(kyc.getByText('Use 5–20 letters and digits')).toBeVisible();
  await expect(kyc.getByLabel('Legal name')).toHaveValue('Tea Garden GmbH'); // typed values survive the refusal
  await kyc.getByLabel(/Tax id/).fill(TAX_ID);
  await kyc.getByRole('button', { name: 'Save and continue' }).click();
  await expect(page).toHaveURL(/\/seller\/onboarding\/documents$/);

  // ---- Documents: a lying extension is refused, a real PDF goes in ----
  await waitForHydration(page.getByLabel('Document type'));
  await page.getByLabel('Document type').selectOption('identity');
  const docInput = page.getByLabel('Document file');
  await docInput.setInputFiles({ name: 'passport.pdf', mimeType: 'application/pdf', buffer: logo });
  await expect(page.getByRole('alert').filter({ hasText: 'named .pdf but contains a PNG image' })).toBeVisible();
  await docInput.setInputFiles({ name: 'passport.pdf', mimeType: 'application/pdf', buffer: SAMPLE_PDF });
  await expect(page.getByText('“passport.pdf” uploaded.')).toBeVisible();
  await expect(page.getByRole('listitem').filter({ hasText: 'passport.pdf' })).toBeVisible();
  // The applicant can open their own document through the authorized route.
  const download = await page.request.get(await page.getByRole('link', { name: 'Download passport.pdf' }).getAttribute('href').then((h) => h!));
  expect(download.status()).toBe(200);
  expect(download.headers()['content-type']).toBe('application/pdf');
  expect(download.headers()['cache-control']).toContain('no-store');
  await page.getByRole('link', { name: 'Continue to payout' }).click();
  await expect(page).toHaveURL(/\/seller\/onboarding\/payout$/);

  // ---- Payout ----
  const payout = page.locator('form').filter({ has: page.getByRole('button', { name: 'Save and continue' }) });
  await waitForHydration(payout.getByRole('button', { name: 'Save and continue' }));
  await payout.getByLabel('Account holder').fill('Tea Garden GmbH');
  await payout.getByLabel('IBAN or account number').fill(IBAN);
  await payout.getByRole('button', { name: 'Save and continue' }).click();
  await expect(page).toHaveURL(/\/seller\/onboarding\/review$/);

  // ---- Review: masked secrets, agreement, submit ----
  await expect(page.getByText('•••• 6789')).toBeVisible();
  await expect(page.getByText('•••• 3000')).toBeVisible();
  const html = await page.content();
  for (const secret of ['DE123456789', '123456789', 'DE89370400440532013000', '370400440532013000']) expect(html).not.toContain(secret);
  await axe(page);
  await waitForHydration(page.getByRole('button', { name: 'Submit application' }));
  await page.getByRole('button', { name: 'Submit application' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Accept the seller agreement' }).or(page.getByText('Accept the seller agreement to submit'))).toBeVisible();
  await page.getByLabel(/I have read and accept the seller agreement/).check();
  await page.getByRole('button', { name: 'Submit application' }).click();
  await expect(page).toHaveURL(/\/seller\/onboarding\?submitted=1$/);
  await expect(page.getByText('Application submitted.')).toBeVisible();
  await expect(page.getByText('In review', { exact: true })).toBeVisible();
  expect(await outbox(user.email)).toContain('sellers.application-submitted');
  // Not a seller yet.
  expect(await forbidden(page.request.get('/seller', { maxRedirects: 0 }))).toBe(true);

  // ---- Admin: queue → detail → approve ----
  const admin = await newPage(browser);
  await signIn(admin.page, 'admin@demo.shop', 'demo-pass-1234');
  await admin.page.goto('/admin/sellers');
  await expect(admin.page.getByRole('link', { name: /In review/ })).toHaveAttribute('aria-current', 'page');
  await admin.page.getByRole('searchbox').or(admin.page.getByLabel('Search stores')).fill(slug);
  await admin.page.getByRole('button', { name: 'Search' }).click();
  await admin.page.getByRole('link', { name: storeName }).click();
  await expect(admin.page.getByRole('heading', { name: storeName })).toBeVisible();
  await expect(admin.page.getByText('•••• 6789')).toBeVisible();
  expect(await admin.page.content()).not.toContain('DE123456789');
  const adminDoc = await admin.page.request.get(await admin.page.getByRole('link', { name: 'Download passport.pdf' }).getAttribute('href').then((h) => h!));
  expect(adminDoc.status()).toBe(200);
  expect(Buffer.from(await adminDoc.body()).subarray(0, 5).toString()).toBe('%PDF-');
  await axe(admin.page);
  await waitForHydration(admin.page.getByRole('button', { name: 'Approve and activate' }));
  await admin.page.getByRole('button', { name: 'Approve and activate' }).click();
  await expect(admin.page.getByText('Approved: the store is active.').or(admin.page.getByRole('button', { name: 'Suspend the store' }))).toBeVisible();
  await expect(admin.page.getByText('In review → Approved')).toBeVisible();

  // ---- The seller is now in the portal of the new store ----
  await page.goto('/seller/onboarding');
  await page.getByRole('link', { name: 'Open the seller portal' }).click();
  await expect(page).toHaveURL(new RegExp(`/seller\\?store=${slug}$`));
  await expect(page.getByRole('heading', { name: 'Seller portal' })).toBeVisible();
  await expect(page.getByRole('main').getByText(storeName, { exact: true }).filter({ visible: true })).toBeVisible();
  await expect(page.getByRole('main').getByText('Active', { exact: true }).filter({ visible: true })).toBeVisible();
  await expect(page.getByRole('button', { name: `Store: ${storeName}` })).toBeVisible();
  await page.getByRole('navigation', { name: 'Seller portal' }).getByRole('link', { name: 'Settings' }).click();
  await expect(page).toHaveURL(new RegExp(`/seller/settings\\?store=${slug}$`));
  await expect(page.getByText('•••• 3000')).toBeVisible();
  expect(await outbox(user.email)).toEqual(expect.arrayContaining(['sellers.application-submitted', 'sellers.application-approved']));
  // Someone else's store, named in the URL, is refused.
  expect(await forbidden(page.request.get('/seller/settings?store=not-my-store-at-all', { maxRedirects: 0 }))).toBe(true);
  expect(await forbidden(page.request.get('/admin/sellers', { maxRedirects: 0 }))).toBe(true);

  seller.no500s();
  admin.no500s();
  await seller.context.close();
  await admin.context.close();
});

test('staff invitations: only the invited address can accept, and the new member reaches the store', async ({ browser }) => {
  test.setTimeout(90_000);
  // The demo seller owns a seeded store; invite a fresh user as staff.
  const invitee = await createVerifiedUser(PASSWORD);
  const outsider = await createVerifiedUser(PASSWORD);
  const owner = await newPage(browser);
  await signIn(owner.page, 'seller@demo.shop', 'demo-pass-1234');
  await owner.page.goto('/seller/settings/staff');
  const form = owner.page.locator('form').filter({ has: owner.page.getByRole('button', { name: 'Send invitation' }) });
  await waitForHydration(form.getByRole('button', { name: 'Send invitation' }));
  await form.getByLabel('Email address').fill(invitee.email);
  await form.getByRole('button', { name: 'Send invitation' }).click();
  await expect(owner.page.getByText(`Invitation sent to ${invitee.email}.`)).toBeVisible();
  await expect(owner.page.getByRole('listitem').filter({ hasText: invitee.email })).toBeVisible();

  // The link from the captured email.
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  const [mail] = (await client.query<{ text: string }>(`select text from email_outbox where "to" = $1 and template = 'sellers.staff-invite'`, [invitee.email])).rows;
  await client.end();
  const link = new URL(/https?:\/\/\S+\/seller\/invites\/[A-Za-z0-9_-]{43}/.exec(mail!.text)![0]);

  // Someone else holding the link can't use it.
  const wrong = await newPage(browser);
  await signIn(wrong.page, outsider.email, PASSWORD);
  await wrong.page.goto(link.pathname);
  await expect(wrong.page.getByText(`this invitation is for ${invitee.email}`)).toBeVisible();
  await expect(wrong.page.getByRole('button', { name: /^Join / })).toHaveCount(0);

  const right = await newPage(browser);
  await signIn(right.page, invitee.email, PASSWORD);
  await right.page.goto(link.pathname);
  await waitForHydration(right.page.getByRole('button', { name: /^Join / }));
  await right.page.getByRole('button', { name: /^Join / }).click();
  await expect(right.page).toHaveURL(/\/seller\?store=/);
  await expect(right.page.getByRole('heading', { name: 'Seller portal' })).toBeVisible();
  // Staff don't see owners' settings.
  await right.page.getByRole('navigation', { name: 'Seller portal' }).getByRole('link', { name: 'Settings' }).click();
  await expect(right.page.getByText('Only the store’s owners can change its settings.')).toBeVisible();

  for (const p of [owner, wrong, right]) {
    p.no500s();
    await p.context.close();
  }
});
