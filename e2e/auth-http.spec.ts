import { expect, test } from '@playwright/test';
import { createVerifiedUser } from './users';

// A script hammering Auth.js's credentials endpoint directly gets 429s with Retry-After.
test('direct credential stuffing gets 429 with Retry-After', async ({ playwright, baseURL }) => {
  const user = await createVerifiedUser('right-password-123');
  const request = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { 'x-forwarded-for': `203.0.113.${Math.floor(Math.random() * 200) + 1}` } });
  const { csrfToken } = await (await request.get('/api/auth/csrf')).json();
  const statuses: number[] = [];
  let retryAfter: string | undefined;
  for (let i = 0; i < 40; i++) {
    const res = await request.post('/api/auth/callback/credentials', {
      form: { csrfToken, email: user.email, password: `wrong-${i}-password` },
      maxRedirects: 0,
    });
    statuses.push(res.status());
    if (res.status() === 429) {
      retryAfter = res.headers()['retry-after'];
      expect((await res.json()).error.code).toBe('rate_limited');
      break;
    }
  }
  expect(statuses.every((s) => s < 500), `statuses ${statuses.join(',')}`).toBe(true);
  expect(statuses.at(-1)).toBe(429);
  expect(Number(retryAfter)).toBeGreaterThan(0);
  await request.dispose();
});
