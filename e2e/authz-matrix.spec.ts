import { expect, test, type APIRequestContext, type Browser } from '@playwright/test';

/**
 * The authorization matrix, generated from one table: every role plus anonymous against every
 * protected route. Allowed → 200. Denied → a redirect to sign-in (anonymous) or 403 (signed in).
 * Add a row when a route is added; later issues add server actions and API routes here too.
 */
type Who = 'anonymous' | 'shopper' | 'seller' | 'admin' | 'marketer';
const ACCOUNTS: Record<Exclude<Who, 'anonymous'>, string> = {
  shopper: 'shopper@demo.shop',
  seller: 'seller@demo.shop',
  admin: 'admin@demo.shop',
  marketer: 'marketer@demo.shop',
};
const SIGNED_IN = ['shopper', 'seller', 'admin', 'marketer'] as const;
const everyone = (...allowed: Who[]) => Object.fromEntries((['anonymous', ...SIGNED_IN] as Who[]).map((w) => [w, allowed.includes(w)])) as Record<Who, boolean>;

const ROUTES: { path: string; kind: 'page' | 'api'; allowed: Record<Who, boolean> }[] = [
  { path: '/account', kind: 'page', allowed: everyone(...SIGNED_IN) },
  { path: '/account/security', kind: 'page', allowed: everyone(...SIGNED_IN) },
  { path: '/account/profile', kind: 'page', allowed: everyone(...SIGNED_IN) },
  { path: '/account/addresses', kind: 'page', allowed: everyone(...SIGNED_IN) },
  { path: '/account/orders', kind: 'page', allowed: everyone(...SIGNED_IN) },
  { path: '/account/privacy', kind: 'page', allowed: everyone(...SIGNED_IN) },
  { path: '/account/privacy/export', kind: 'api', allowed: everyone(...SIGNED_IN) },
  { path: '/seller', kind: 'page', allowed: everyone('seller') },
  { path: '/seller/onboarding', kind: 'page', allowed: everyone(...SIGNED_IN) },
  { path: '/seller/settings', kind: 'page', allowed: everyone('seller') },
  { path: '/seller/settings/staff', kind: 'page', allowed: everyone('seller') },
  { path: '/seller/products', kind: 'page', allowed: everyone('seller') },
  { path: '/seller/products/new', kind: 'page', allowed: everyone('seller') },
  { path: '/seller/products/import', kind: 'page', allowed: everyone('seller') },
  { path: '/seller/products/export', kind: 'api', allowed: everyone('seller') },
  { path: '/seller/inventory', kind: 'page', allowed: everyone('seller') },
  { path: '/seller/inventory/history', kind: 'page', allowed: everyone('seller') },
  { path: '/seller/orders', kind: 'page', allowed: everyone('seller') },
  { path: '/seller/flash-sales', kind: 'page', allowed: everyone('seller') },
  { path: '/seller/flash-sales/new', kind: 'page', allowed: everyone('seller') },
  { path: '/admin', kind: 'page', allowed: everyone('admin') },
  { path: '/admin/sellers', kind: 'page', allowed: everyone('admin') },
  { path: '/admin/flash-sales', kind: 'page', allowed: everyone('admin') },
  { path: '/admin/flash-sales/new', kind: 'page', allowed: everyone('admin') },
  { path: '/marketing', kind: 'page', allowed: everyone('marketer', 'admin') },
];

async function signedInRequest(browser: Browser, email: string): Promise<APIRequestContext> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto('/signin');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password', { exact: true }).fill('demo-pass-1234');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).not.toHaveURL(/\/signin/);
  return context.request;
}

for (const who of ['anonymous', ...SIGNED_IN] as Who[]) {
  test(`authorization matrix: ${who}`, async ({ browser, playwright, baseURL }) => {
    const request = who === 'anonymous' ? await playwright.request.newContext({ baseURL }) : await signedInRequest(browser, ACCOUNTS[who]);
    for (const route of ROUTES) {
      const res = await request.get(route.path, { maxRedirects: 0 });
      const body = res.status() === 200 ? await res.text() : '';
      const label = `${who} → ${route.path}`;
      // Guards run inside streamed pages, so a denial is an instruction in the stream
      // (Next's redirect / HTTP-error digests) as often as an HTTP status.
      const redirectedToSignIn =
        ([302, 303, 307].includes(res.status()) && /\/signin/.test(res.headers()['location'] ?? '')) || /NEXT_REDIRECT;[a-z]+;\/signin/.test(body);
      const forbidden = res.status() === 403 || body.includes('NEXT_HTTP_ERROR_FALLBACK;403');
      if (route.kind === 'api') {
        expect(res.status(), label).toBe(route.allowed[who] ? 200 : who === 'anonymous' ? 401 : 403);
      } else if (route.allowed[who]) {
        expect(res.status(), label).toBe(200);
        expect(redirectedToSignIn || forbidden, `${label} was denied`).toBe(false);
        expect(body, label).toContain('Sign out');
      } else if (who === 'anonymous') {
        expect(redirectedToSignIn, `${label} should redirect to sign-in`).toBe(true);
      } else {
        expect(forbidden, `${label} should be forbidden (status ${res.status()})`).toBe(true);
      }
    }
  });
}
