import { expect, test } from '@playwright/test';
import pg from 'pg';
import { createVerifiedUser } from './users';

/**
 * Server actions authorize from the session, never from the request: a form captured while
 * signed in and replayed without the session cookie is refused and changes nothing.
 * One row per protected form; add rows as actions are added.
 */
const FORMS = [
  { page: '/account/security', marker: 'Sign out everywhere' },
  // Forms that wrap their action in a client function (profile, addresses) carry no replayable
  // action id in their HTML; they go through the same protectedAction wrapper.
];

/** The fields of the server-rendered form containing `marker` (hydration drops the action ids from the DOM). */
function formFields(html: string, marker: string): [string, string][] {
  const form = [...html.matchAll(/<form\b[^>]*>([\s\S]*?)<\/form>/g)].map((m) => m[1]!).find((f) => f.includes(marker));
  if (!form) return [];
  const decode = (v: string) => v.replace(/&quot;/g, '"').replace(/&amp;/g, '&').replace(/&#x27;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>');
  return [...form.matchAll(/<input\b[^>]*>/g)].flatMap((m) => {
    const name = m[0].match(/\bname="([^"]*)"/)?.[1];
    const value = m[0].match(/\bvalue="([^"]*)"/)?.[1] ?? '';
    return name ? [[decode(name), name === 'name' ? 'Hijacked Name' : decode(value)] as [string, string]] : [];
  });
}

async function userState(id: string) {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  try {
    return (await client.query('select name, session_version from users where id = $1', [id])).rows[0];
  } finally {
    await client.end();
  }
}

for (const row of FORMS) {
  test(`anonymous replay of the ${row.page} action is refused and changes nothing`, async ({ page, playwright, baseURL }) => {
    const user = await createVerifiedUser('replay-password-1');
    await page.goto('/signin');
    await page.getByLabel('Email').fill(user.email);
    await page.getByLabel('Password', { exact: true }).fill('replay-password-1');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page).toHaveURL(/\/account$/);
    const fields = formFields(await (await page.request.get(row.page)).text(), row.marker);
    expect(fields.some(([k]) => k.startsWith('$ACTION'))).toBe(true);
    const before = await userState(user.id);

    const anonymous = await playwright.request.newContext({ baseURL });
    const res = await anonymous.post(row.page, { multipart: Object.fromEntries(fields), maxRedirects: 0 });
    const body = await res.text();
    expect(res.status(), 'never a server error').toBeLessThan(500);
    expect([303, 307].includes(res.status()) || /NEXT_REDIRECT|\/signin/.test(body), 'sent to sign-in').toBe(true);
    expect(await userState(user.id)).toEqual(before);
    await anonymous.dispose();
  });
}
