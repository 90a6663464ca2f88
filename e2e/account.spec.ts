import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { sql } from './db';
import { hashPassword } from '../lib/accounts/password';
import { waitForHydration } from './support';

// The demo shopper is only read here (other specs sign in as it); every write goes to a throwaway
// user inserted straight into the e2e database.
const DEMO_PASSWORD = 'demo-pass-1234';
const PASSWORD = 'account-e2e-pass-1234';

async function throwawayUser(name = 'Throwaway Tester') {
  const id = randomUUID();
  const email = `acct-${id.slice(0, 8)}@example.com`;
  await sql('insert into users (id, email, name, email_verified, password_hash) values ($1, $2, $3, now(), $4)', [id, email, name, await hashPassword(PASSWORD)]);
  return { id, email };
}

async function signIn(page: Page, email: string, password = PASSWORD) {
  await page.goto('/signin');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/\/account$/);
}

/** Fails the test on any 5xx the page receives. */
function no500s(page: Page) {
  const failures: string[] = [];
  page.on('response', (r) => {
    if (r.status() >= 500) failures.push(`${r.status()} ${r.url()}`);
  });
  return () => expect(failures).toEqual([]);
}

const card = (page: Page, name: string) => page.getByRole('listitem').filter({ has: page.getByRole('heading', { name, exact: true }) });

// The router keeps the previous page in the DOM (hidden), so forms are found by what they contain.
const editForm = (page: Page) => page.locator('form').filter({ has: page.getByRole('button', { name: 'Save address' }) });

async function addAddress(page: Page, a: { fullName: string; line1: string; city: string; postalCode: string; country: string }) {
  const form = page.locator('form').filter({ has: page.getByRole('group', { name: 'Add an address' }) });
  await waitForHydration(form.getByRole('button', { name: 'Add address' }));
  await form.getByLabel('Full name').fill(a.fullName);
  await form.getByLabel('Street address').fill(a.line1);
  await form.getByLabel('City').fill(a.city);
  await form.getByLabel('Postal code').fill(a.postalCode);
  await form.getByLabel('Country').selectOption(a.country);
  await form.getByRole('button', { name: 'Add address' }).click();
  await expect(form.getByRole('status')).toHaveText('Address added.');
  await expect(card(page, a.fullName)).toHaveCount(1);
}

test.describe('account area', () => {
  test('anonymous visitors are sent to sign in; the export route answers 401', async ({ page, request }) => {
    for (const path of ['/account', '/account/profile', '/account/addresses', '/account/orders', '/account/privacy', `/account/addresses/${randomUUID()}`]) {
      await page.goto(path);
      await expect(page).toHaveURL(/\/signin\?callbackUrl=%2Faccount/);
    }
    const res = await request.get('/account/privacy/export');
    expect(res.status()).toBe(401);
    expect(res.headers()['content-disposition']).toBeUndefined();
    expect(await res.json()).toMatchObject({ error: { code: 'unauthorized' } });
  });

  test('profile: clear field errors for bad names, then a saved name', async ({ page }) => {
    const checked = no500s(page);
    const user = await throwawayUser();
    await signIn(page, user.email);
    await page.getByRole('link', { name: /^Profile/ }).first().click();
    await expect(page.getByRole('heading', { level: 1, name: 'Profile' })).toBeVisible();
    const name = page.getByLabel('Name', { exact: true });
    await waitForHydration(name);

    await name.fill('   ');
    await page.getByRole('button', { name: 'Save profile' }).click();
    await expect(page.getByText('Enter your name')).toBeVisible();
    await expect(name).toHaveAttribute('aria-invalid', 'true');

    await name.fill('x'.repeat(10_000));
    await page.getByRole('button', { name: 'Save profile' }).click();
    await expect(page.getByText('Use at most 100 characters')).toBeVisible();
    await expect(name).toHaveAttribute('aria-describedby', /f-name-error/);

    await name.fill('  Zoë Tester 🚀 ');
    await page.getByRole('button', { name: 'Save profile' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Profile saved.' })).toBeVisible();
    await expect(page.getByRole('banner').getByText('Zoë Tester 🚀')).toBeVisible();
    expect((await sql<{ name: string }>('select name from users where id = $1', [user.id]))[0]!.name).toBe('Zoë Tester 🚀');
    checked();
  });

  test('addresses: add, field errors, make default, edit, delete with confirmation', async ({ page }) => {
    const checked = no500s(page);
    const user = await throwawayUser();
    await signIn(page, user.email);
    await page.goto('/account/addresses');
    await expect(page.getByText('No saved addresses yet')).toBeVisible();

    const form = page.locator('form').filter({ has: page.getByRole('group', { name: 'Add an address' }) });
    await waitForHydration(form.getByRole('button', { name: 'Add address' }));
    await form.getByLabel('Postal code').fill('<script>');
    await form.getByRole('button', { name: 'Add address' }).click();
    await expect(form.getByText('Enter the recipient’s name')).toBeVisible();
    await expect(form.getByText('Use letters, digits, spaces and hyphens')).toBeVisible();
    await expect(form.getByText('Choose a country')).toBeVisible();
    await expect(form.getByLabel('Postal code')).toHaveValue('<script>');

    await addAddress(page, { fullName: 'Home Person', line1: '1 First Street', city: 'Springfield', postalCode: '12345', country: 'US' });
    await expect(card(page, 'Home Person').getByText('Default shipping', { exact: true })).toBeVisible();
    await expect(card(page, 'Home Person').getByText('Default billing', { exact: true })).toBeVisible();
    await addAddress(page, { fullName: 'Work Person', line1: '2 Second Avenue', city: 'Toronto', postalCode: 'M5V 2T6', country: 'CA' });
    await expect(card(page, 'Work Person').getByText('Canada')).toBeVisible();

    await card(page, 'Work Person').getByRole('button', { name: 'Make default shipping' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Default shipping address updated.' })).toBeVisible();
    await expect(card(page, 'Work Person').getByText('Default shipping', { exact: true })).toBeVisible();
    await expect(card(page, 'Home Person').getByText('Default shipping', { exact: true })).toHaveCount(0);
    await expect(card(page, 'Home Person').getByText('Default billing', { exact: true })).toBeVisible();

    await card(page, 'Work Person').getByRole('link', { name: 'Edit address of Work Person' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Edit address' })).toBeVisible();
    const edit = editForm(page);
    const city = edit.getByLabel('City');
    await waitForHydration(city);
    await expect(city).toHaveValue('Toronto');
    await city.fill('Ottawa');
    await edit.getByRole('button', { name: 'Save address' }).click();
    await expect(edit.getByRole('status')).toHaveText('Address saved.');
    await page.getByRole('link', { name: 'Back to addresses' }).click();
    await expect(card(page, 'Work Person').getByText(/Ottawa/)).toBeVisible();

    const work = card(page, 'Work Person');
    await waitForHydration(work.getByRole('button', { name: 'Delete' }));
    await work.getByRole('button', { name: 'Delete' }).click();
    await expect(work.getByRole('group', { name: 'Confirm deletion' })).toBeVisible();
    await work.getByRole('button', { name: 'Cancel' }).click();
    await expect(card(page, 'Work Person')).toHaveCount(1);
    await work.getByRole('button', { name: 'Delete' }).click();
    await work.getByRole('button', { name: 'Yes, delete' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Address deleted.' })).toBeVisible();
    await expect(card(page, 'Work Person')).toHaveCount(0);
    // The deleted default passed back to the remaining address.
    await expect(card(page, 'Home Person').getByText('Default shipping', { exact: true })).toBeVisible();
    checked();
  });

  test('privacy: downloads the export as JSON with the user’s data and no secrets', async ({ page }) => {
    await signIn(page, 'shopper@demo.shop', DEMO_PASSWORD);
    await page.goto('/account/privacy');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download my data (JSON)' }).click()]);
    expect(download.suggestedFilename()).toBe('my-data.json');
    const data = JSON.parse(await readFile((await download.path())!, 'utf8'));
    expect(Object.keys(data).sort()).toEqual(['addresses', 'auditLog', 'exportedAt', 'format', 'linkedAccounts', 'orders', 'storeMemberships', 'user']);
    expect(data.user.email).toBe('shopper@demo.shop');
    expect(data.user).not.toHaveProperty('passwordHash');
    expect(JSON.stringify(data)).not.toMatch(/scrypt\$/);
    expect(data.addresses.map((a: { line1: string }) => a.line1)).toContain('1 Market Street');
    expect(data.auditLog.map((e: { action: string }) => e.action)).toContain('account.exported');

    const res = await page.request.get('/account/privacy/export');
    expect(res.headers()['content-disposition']).toBe('attachment; filename="my-data.json"');
    expect(res.headers()['cache-control']).toBe('no-store');
  });

  test('IDOR: another user cannot open, edit, default, delete or export the shopper’s address', async ({ page }) => {
    const [victim] = await sql<{ id: string; line1: string; updated_at: Date; is_default_shipping: boolean; is_default_billing: boolean }>(
      `select a.id, a.line1, a.updated_at, a.is_default_shipping, a.is_default_billing from addresses a join users u on u.id = a.user_id where u.email = 'shopper@demo.shop' order by a.created_at limit 1`,
    );
    expect(victim).toBeDefined();
    const checked = no500s(page);
    const user = await throwawayUser('Mallory');
    await signIn(page, user.email);

    await page.goto(`/account/addresses/${victim!.id}`);
    await expect(page.getByRole('heading', { name: 'Address not found' })).toBeVisible();
    await expect(page.getByText(victim!.line1)).toHaveCount(0);

    await page.goto('/account/addresses');
    await addAddress(page, { fullName: 'Mallory', line1: '9 Side Street', city: 'Leeds', postalCode: 'LS1 1AA', country: 'GB' });

    // The edit form with its hidden id pointed at the shopper's address.
    await card(page, 'Mallory').getByRole('link', { name: /^Edit/ }).click();
    const edit = editForm(page);
    await waitForHydration(edit.getByRole('button', { name: 'Save address' }));
    await edit.locator('input[type=hidden][name=id]').evaluate((el, id) => ((el as HTMLInputElement).value = id), victim!.id);
    await edit.getByLabel('Street address').fill('Taken over');
    await edit.getByRole('button', { name: 'Save address' }).click();
    await expect(edit.getByRole('alert')).toHaveText('That address was not found.');
    expect((await sql('select 1 from addresses where line1 = $1', ['Taken over'])).length).toBe(0);

    // A card's forms with their hidden id pointed at it: make default, then delete.
    await page.goto('/account/addresses');
    await addAddress(page, { fullName: 'Mallory Two', line1: '10 Side Street', city: 'Leeds', postalCode: 'LS1 1AB', country: 'GB' });
    const two = card(page, 'Mallory Two');
    const aim = () => two.locator('input[type=hidden][name=id]').evaluate((el, id) => ((el as HTMLInputElement).value = id), victim!.id);
    await waitForHydration(two.getByRole('button', { name: 'Delete' }));
    await aim();
    await two.getByRole('button', { name: 'Make default billing' }).click();
    await expect(two.getByRole('alert')).toHaveText('That address was not found.');
    await two.getByRole('button', { name: 'Delete' }).click();
    await aim();
    await two.getByRole('button', { name: 'Yes, delete' }).click();
    await expect(two.getByRole('alert')).toHaveText('That address was not found.');
    await expect(two).toHaveCount(1);

    const [after] = await sql<typeof victim & object>('select id, line1, updated_at, is_default_shipping, is_default_billing from addresses where id = $1', [victim!.id]);
    expect(after).toEqual(victim);

    const exported = await (await page.request.get('/account/privacy/export')).text();
    expect(exported).not.toContain(victim!.id);
    expect(exported).not.toContain(victim!.line1);
    expect(exported).toContain('9 Side Street');
    checked();
  });

  test('delete account: a wrong email is refused, the right one erases the account and signs out', async ({ page }) => {
    const checked = no500s(page);
    const user = await throwawayUser('Leaving Soon');
    await signIn(page, user.email);
    await page.goto('/account/addresses');
    await addAddress(page, { fullName: 'Leaving Soon', line1: '5 Exit Road', city: 'Bristol', postalCode: 'BS1 4DJ', country: 'GB' });

    await page.goto('/account/privacy');
    const confirm = page.getByLabel(/Type your email address/);
    await waitForHydration(confirm);
    const tags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
    expect((await new AxeBuilder({ page }).withTags(tags).analyze()).violations).toEqual([]);

    await confirm.fill('shopper@demo.shop');
    await page.getByRole('button', { name: 'Delete my account' }).click();
    await expect(page.getByRole('alert').filter({ hasText: 'doesn’t match your account’s email' })).toBeVisible();
    expect((await sql('select 1 from users where id = $1 and deleted_at is null', [user.id])).length).toBe(1);

    await confirm.fill(user.email.toUpperCase());
    await page.getByRole('button', { name: 'Delete my account' }).click();
    await expect(page).toHaveURL(/\/$/);
    await page.goto('/account');
    await expect(page).toHaveURL(/\/signin/);

    const [row] = await sql<{ email: string; name: string | null; password_hash: string | null; deleted_at: Date | null }>(
      'select email, name, password_hash, deleted_at from users where id = $1',
      [user.id],
    );
    expect(row).toMatchObject({ email: `deleted+${user.id}@invalid`, name: null, password_hash: null });
    expect(row!.deleted_at).not.toBeNull();
    expect(await sql('select 1 from addresses where user_id = $1', [user.id])).toHaveLength(0);

    await page.getByLabel('Email').fill(user.email);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByText(/don’t match an account/)).toBeVisible();
    checked();
  });

  test('account pages have no axe violations', async ({ page }) => {
    const user = await throwawayUser();
    await signIn(page, user.email);
    const tags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
    for (const path of ['/account', '/account/profile', '/account/addresses', '/account/orders']) {
      await page.goto(path);
      await expect(page.getByRole('navigation', { name: 'Account sections' })).toBeVisible();
      expect((await new AxeBuilder({ page }).withTags(tags).analyze()).violations, path).toEqual([]);
    }
    await page.goto('/account/orders');
    await expect(page.getByRole('heading', { name: 'No orders yet' })).toBeVisible();
    await expect(page.getByRole('link', { name: 'Start shopping' })).toHaveAttribute('href', '/');
  });
});
