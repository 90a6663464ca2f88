import { randomUUID } from 'node:crypto';
import { expect, test, type Page } from '@playwright/test';

/** Opens the newest captured email to `to` in the mail viewer and returns the first link matching `pattern`. */
async function linkFromMail(page: Page, to: string, pattern: RegExp): Promise<string> {
  await page.goto(`/mail?to=${encodeURIComponent(to)}`);
  await page.getByRole('link', { name: /Confirm your email address|Reset your password/ }).first().click();
  const href = await page.getByRole('link', { name: pattern }).first().getAttribute('href');
  expect(href).toBeTruthy();
  return href!;
}

async function signUp(page: Page, name: string, email: string, password: string) {
  await page.goto('/signup');
  await page.getByLabel('Name').fill(name);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password (at least 10 characters)').fill(password);
  await page.getByLabel('Repeat the password').fill(password);
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByText('Check your inbox')).toBeVisible();
}

async function submitSignIn(page: Page, email: string, password: string) {
  await page.goto('/signin');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

test('sign up, confirm the email from the mail viewer, sign in and out', async ({ page }) => {
  const email = `new-${randomUUID().slice(0, 8)}@example.com`;
  await signUp(page, 'Nia Newcomer 🌱', email, 'newcomer-pass-123');

  // Not verified yet: the password alone doesn't sign in.
  await submitSignIn(page, email, 'newcomer-pass-123');
  await expect(page.getByText(/don’t match an account/)).toBeVisible();

  const verify = await linkFromMail(page, email, /\/verify\?/);
  await page.goto(verify);
  await expect(page).toHaveURL(/notice=verified/);
  await expect(page.getByText('Your email address is confirmed')).toBeVisible();

  // The link works once.
  await page.goto(verify);
  await expect(page).toHaveURL(/notice=verify-failed/);

  await submitSignIn(page, email, 'newcomer-pass-123');
  await expect(page).toHaveURL(/\/account$/);
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/$/);
});

test('sign-up rejects bad input with field errors', async ({ page }) => {
  await page.goto('/signup');
  await page.getByLabel('Name').fill('   ');
  await page.getByLabel('Email').fill('nope@');
  await page.getByLabel('Password (at least 10 characters)').fill('short');
  await page.getByLabel('Repeat the password').fill('other');
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByText('Enter your name')).toBeVisible();
  await expect(page.getByText('Enter a valid email address')).toBeVisible();
  await expect(page.getByText('Use at least 10 characters')).toBeVisible();
  await expect(page.getByText('The passwords don’t match')).toBeVisible();

  await page.getByLabel('Name').fill('x'.repeat(10_240));
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByText('Use at most 100 characters')).toBeVisible();
});

test('password reset by email link; the old password stops working', async ({ page }) => {
  const email = `reset-${randomUUID().slice(0, 8)}@example.com`;
  await signUp(page, 'Rita Reset', email, 'old-password-123');

  await page.goto('/reset');
  await page.getByLabel('Email').fill(email);
  await page.getByRole('button', { name: 'Send reset link' }).click();
  await expect(page.getByText('If that address has an account')).toBeVisible();

  const reset = await linkFromMail(page, email, /\/reset\/confirm\?/);
  await page.goto(reset);
  await page.getByLabel('New password (at least 10 characters)').fill('new-password-456');
  await page.getByLabel('Repeat the new password').fill('new-password-456');
  await page.getByRole('button', { name: 'Set new password' }).click();
  await expect(page.getByText('Your password was changed')).toBeVisible();

  // A reset proves the mailbox, so the account is verified; the new password signs in.
  await submitSignIn(page, email, 'new-password-456');
  await expect(page).toHaveURL(/\/account$/);

  // The link was single-use.
  await page.goto(reset);
  await page.getByLabel('New password (at least 10 characters)').fill('third-password-789');
  await page.getByLabel('Repeat the new password').fill('third-password-789');
  await page.getByRole('button', { name: 'Set new password' }).click();
  await expect(page.getByText('invalid or has expired')).toBeVisible();
});

test('reset for an unknown address says the same and sends nothing', async ({ page }) => {
  const email = `ghost-${randomUUID().slice(0, 8)}@example.com`;
  await page.goto('/reset');
  await page.getByLabel('Email').fill(email);
  await page.getByRole('button', { name: 'Send reset link' }).click();
  await expect(page.getByText('If that address has an account')).toBeVisible();
  await page.goto(`/mail?to=${encodeURIComponent(email)}`);
  await expect(page.getByRole('link', { name: 'Reset your password' })).toHaveCount(0);
});

test('a magic link from the mail viewer signs in without a password', async ({ page }) => {
  const email = `magic-${randomUUID().slice(0, 8)}@example.com`;
  await page.goto('/signin');
  await page.getByLabel('Or get a one-time sign-in link at this address').fill(email);
  await page.getByRole('button', { name: 'Send me a link' }).click();
  await expect(page.getByText('we sent you a sign-in link')).toBeVisible();
  await page.goto(`/mail?to=${encodeURIComponent(email)}`);
  await page.getByRole('link', { name: 'Your sign-in link' }).first().click();
  const href = await page.getByRole('link', { name: /\/api\/auth\/callback\/resend/ }).first().getAttribute('href');
  await page.goto(href!);
  await expect(page).toHaveURL(/\/account$/);
  await expect(page.getByText(`Signed in as ${email}`)).toBeVisible();
});
