import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';

// Demo accounts come from the seed (password documented in the README).
const PASSWORD = 'demo-pass-1234';
const ROLES = [
  { email: 'shopper@demo.shop', home: '/account', heading: 'Your account' },
  { email: 'seller@demo.shop', home: '/seller', heading: 'Seller portal' },
  { email: 'admin@demo.shop', home: '/admin', heading: 'Admin' },
  { email: 'marketer@demo.shop', home: '/marketing', heading: 'Marketing' },
];

async function signIn(page: import('@playwright/test').Page, email: string, password = PASSWORD) {
  await page.goto('/signin');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

test.describe('demo roles', () => {
  for (const role of ROLES) {
    test(`${role.email} lands on ${role.home}`, async ({ page }) => {
      await signIn(page, role.email);
      await expect(page).toHaveURL(new RegExp(`${role.home}$`));
      await expect(page.getByRole('heading', { level: 1, name: role.heading })).toBeVisible();
    });
  }

  test('a seller cannot open /admin', async ({ page }) => {
    await signIn(page, 'seller@demo.shop');
    await expect(page).toHaveURL(/\/seller$/);
    const res = await page.goto('/admin');
    await expect(page.getByRole('heading', { name: /isn’t open to your account/ })).toBeVisible();
    expect(res?.status()).toBeLessThan(500);
  });

  test('anonymous visitors are sent to sign in, then back', async ({ page }) => {
    await page.goto('/admin');
    await expect(page).toHaveURL(/\/signin\?callbackUrl=%2Fadmin/);
    await page.getByLabel('Email').fill('admin@demo.shop');
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page).toHaveURL(/\/admin$/);
  });

  test('a wrong password gets a clear error and no session', async ({ page }) => {
    await signIn(page, 'shopper@demo.shop', 'not-the-password');
    await expect(page.getByText(/don’t match an account/)).toBeVisible();
    await page.goto('/account');
    await expect(page).toHaveURL(/\/signin/);
  });

  test('bad input gets field errors, never a 500', async ({ page }) => {
    await page.goto('/signin');
    await page.getByLabel('Email').fill('not-an-email');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByText('Enter a valid email address')).toBeVisible();
    await expect(page.getByText('Enter your password')).toBeVisible();
  });

  test('the sign-in page and a workspace have no axe violations', async ({ page }) => {
    await page.goto('/signin');
    const tags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
    expect((await new AxeBuilder({ page }).withTags(tags).analyze()).violations).toEqual([]);
    await signIn(page, 'shopper@demo.shop');
    await expect(page).toHaveURL(/\/account$/);
    // After a client-side navigation the new title lands with the streamed metadata, a moment after the URL.
    await expect(page).toHaveTitle(/Your account/);
    expect((await new AxeBuilder({ page }).withTags(tags).analyze()).violations).toEqual([]);
  });

  test('the cached storefront header shows who is signed in', async ({ page }) => {
    await page.goto('/');
    await expect(page.getByRole('navigation', { name: 'Account' }).getByRole('link', { name: 'Sign in' })).toBeVisible();
    await signIn(page, 'shopper@demo.shop');
    await expect(page).toHaveURL(/\/account$/);
    await page.goto('/');
    await expect(page.getByRole('navigation', { name: 'Account' }).getByRole('link', { name: /Sam Shopper/ })).toHaveAttribute('href', '/account');
  });

  test('signing out ends the session', async ({ page }) => {
    await signIn(page, 'marketer@demo.shop');
    await expect(page).toHaveURL(/\/marketing$/);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect(page).toHaveURL(/\/$/);
    await page.goto('/marketing');
    await expect(page).toHaveURL(/\/signin/);
  });
});
