import { expect, test, type Page } from '@playwright/test';
import { createVerifiedUser } from './users';

const PASSWORD = 'first-password-123';

async function signIn(page: Page, email: string, password: string) {
  await page.goto('/signin');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/\/account$/);
}

test('"sign out everywhere" ends the session in a second browser', async ({ browser }) => {
  const user = await createVerifiedUser(PASSWORD);
  const first = await browser.newContext();
  const second = await browser.newContext();
  const a = await first.newPage();
  const b = await second.newPage();
  await signIn(a, user.email, PASSWORD);
  await signIn(b, user.email, PASSWORD);

  await a.goto('/account/security');
  await a.getByRole('button', { name: 'Sign out everywhere' }).click();
  await expect(a).toHaveURL(/\/signin\?notice=signed-out-everywhere/);
  await expect(a.getByRole('status').filter({ hasText: 'signed out on every device' })).toBeVisible();

  await b.goto('/account');
  await expect(b).toHaveURL(/\/signin/);
  await first.close();
  await second.close();
});

test('changing the password ends sessions and the new password works', async ({ page }) => {
  const user = await createVerifiedUser(PASSWORD);
  await signIn(page, user.email, PASSWORD);
  await page.goto('/account/security');

  await page.getByLabel('Current password').fill('wrong-password-000');
  await page.getByLabel('New password (at least 10 characters)').fill('second-password-456');
  await page.getByLabel('Repeat the new password').fill('second-password-456');
  await page.getByRole('button', { name: 'Change password' }).click();
  await expect(page.getByText('Your current password is not correct.')).toBeVisible();

  await page.getByLabel('Current password').fill(PASSWORD);
  await page.getByLabel('New password (at least 10 characters)').fill('short');
  await page.getByLabel('Repeat the new password').fill('different');
  await page.getByRole('button', { name: 'Change password' }).click();
  await expect(page.getByText('Use at least 10 characters').first()).toBeVisible();
  await expect(page.getByText('The passwords don’t match')).toBeVisible();

  await page.getByLabel('Current password').fill(PASSWORD);
  await page.getByLabel('New password (at least 10 characters)').fill('second-password-456');
  await page.getByLabel('Repeat the new password').fill('second-password-456');
  await page.getByRole('button', { name: 'Change password' }).click();
  await expect(page).toHaveURL(/notice=password-changed/);

  await page.getByLabel('Email').fill(user.email);
  await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByText(/don’t match an account/)).toBeVisible();
  await signIn(page, user.email, 'second-password-456');
});

test('many wrong passwords for one account are refused, and it says so', async ({ page }) => {
  const user = await createVerifiedUser(PASSWORD);
  let limited = false;
  for (let i = 0; i < 20 && !limited; i++) {
    await page.goto('/signin');
    await page.getByLabel('Email').fill(user.email);
    await page.getByLabel('Password', { exact: true }).fill(`wrong-${i}-password`);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByText(/don’t match an account|Too many sign-in attempts/)).toBeVisible();
    limited = await page.getByText(/Too many sign-in attempts/).isVisible();
  }
  expect(limited).toBe(true);
  // While limited, even the right password is refused.
  await page.goto('/signin');
  await page.getByLabel('Email').fill(user.email);
  await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByText(/Too many sign-in attempts/)).toBeVisible();
});
