import { randomUUID } from 'node:crypto';
import { expect, test, type APIResponse } from '@playwright/test';

// HTTP-level checks through Playwright's request fixture: no browser is launched.

const long = (n: number, ch = 'a') => ch.repeat(n);
const qs = (params: Record<string, string>) => new URLSearchParams(params).toString();
const b64url = (s: string) => Buffer.from(s).toString('base64url');

/** A page that leaks a file from disk would contain one of these. */
const FILE_CONTENTS = /root:x?:0:0:|DATABASE_URL=|BEGIN (RSA |OPENSSH )?PRIVATE KEY/;
/**
 * Streamed pages send their 200 before the dynamic part renders, so a server exception there
 * shows up only as an error row (`E{"digest":"<hash>"}`) in the RSC payload of the HTML.
 * Next's own control-flow digests (`NEXT_HTTP_ERROR_FALLBACK;404`, redirects) are not errors.
 */
const STREAMED_ERROR = /:E\{\\?"digest\\?":\\?"(?!NEXT_)/;

const unescapeHtml = (s: string) =>
  s.replace(/&quot;/g, '"').replace(/&#x27;|&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

function expectNo500(res: APIResponse, what: string) {
  expect(res.status(), `${what} answered ${res.status()}`).toBeLessThan(500);
}

async function expectJsonError(res: APIResponse, status: number, code: string) {
  expect(res.status()).toBe(status);
  expect(res.headers()['content-type']).toContain('application/json');
  const body = await res.json();
  expect(body).toEqual({ error: expect.objectContaining({ code, message: expect.any(String) }) });
  return body.error as { code: string; message: string; fields?: Record<string, string[]> };
}

test.describe('bad input never gives a 500', () => {
  const cases: { name: string; url: string; status?: number | number[] }[] = [
    {
      name: 'category with every filter malformed',
      url: '/c/fashion?min=-5&max=1e99&sort=zzz&cursor=!!!&limit=1000000000&brand=%3Cscript%3E&color=%27%3B--',
      status: 200,
    },
    { name: 'category with a forged cursor', url: `/c/fashion?cursor=${b64url('{"s":"best-selling","v":"abc","id":"xyz"}')}`, status: 200 },
    { name: 'category with a cursor for another sort', url: `/c/fashion?sort=price-asc&cursor=${b64url(`{"s":"newest","v":"x","id":"${randomUUID()}"}`)}`, status: 200 },
    { name: 'category with repeated and empty params', url: '/c/fashion?brand=&brand=&sort=&sort=newest&min=&max=abc&stock=yes&color=', status: 200 },
    { name: 'category with a huge price range', url: '/c/fashion?min=99999999999999999999&max=-0', status: 200 },
    { name: 'search with a 10 kB query', url: `/search?${qs({ q: long(10_240) })}`, status: 200 },
    {
      name: 'search with SQL/HTML metacharacters and emoji',
      url: `/search?${qs({ q: `' OR 1=1-- <script>alert(1)</script> "; DROP TABLE products; %_\\ 👟🏃‍♀️` })}`,
      status: 200,
    },
    {
      name: 'search with a NUL byte in an unmatched query',
      url: `/search?${qs({ q: `zzqx qqzx \u0000` })}`,
      status: 200,
    },
    {
      name: 'category with a NUL byte in a filter',
      url: `/c/fashion?${qs({ brand: 'a\u0000b' })}`,
      status: 200,
    },
    { name: 'search with tsquery operators', url: `/search?${qs({ q: 'shoe & | ! <-> :* ( ) \'' })}`, status: 200 },
    { name: 'search with a relevance cursor that is garbage', url: `/search?${qs({ q: 'shoes', sort: 'relevance', cursor: b64url('{"s":"relevance","v":"NaN","id":"1"}') })}`, status: 200 },
    { name: 'malformed percent-encoding in the path', url: '/c/%E0%A4%A', status: 400 },
    { name: 'encoded path traversal in a category', url: '/c/..%2F..%2Fetc' },
    { name: 'category path too deep', url: '/c/a/b/c/d/e' },
    { name: '10 kB product slug', url: `/p/${long(10_240)}`, status: 404 },
    { name: 'product slug with upper case and punctuation', url: '/p/UPPER_case!!', status: 404 },
    { name: 'media path traversal', url: '/media/../../etc/passwd', status: [400, 404] },
    { name: 'media encoded traversal', url: '/media/products/%2e%2e%2fsecret', status: [400, 404] },
    { name: 'media encoded dot segments', url: '/media/%2e%2e/%2e%2e/etc/passwd', status: [400, 404] },
    { name: 'media absolute path', url: '/media/%2Fetc%2Fpasswd', status: [400, 404] },
    { name: 'stock for a malformed id', url: '/api/stock/not-a-uuid', status: 400 },
    { name: 'stock for an unknown product', url: `/api/stock/${randomUUID()}`, status: 404 },
  ];

  for (const c of cases) {
    test(c.name, async ({ request }) => {
      const res = await request.get(c.url, { maxRedirects: 0 });
      expectNo500(res, c.url.slice(0, 120));
      if (c.status !== undefined) expect([c.status].flat()).toContain(res.status());
      const body = await res.text();
      expect(body, 'the page rendered a server error').not.toMatch(STREAMED_ERROR);
      expect(body).not.toMatch(FILE_CONTENTS);
      // Reflected input is escaped, never live markup.
      expect(body).not.toContain('<script>alert(1)</script>');
    });
  }

  test('suggest without q is a 400 with field errors', async ({ request }) => {
    const error = await expectJsonError(await request.get('/api/search/suggest'), 400, 'invalid_input');
    expect(error.fields).toHaveProperty('q');
  });

  test('suggest with 101+ characters is a 400 with field errors', async ({ request }) => {
    const error = await expectJsonError(await request.get(`/api/search/suggest?${qs({ q: long(101, 'b') })}`), 400, 'invalid_input');
    expect(error.fields?.q?.join(' ')).toMatch(/too long/);
  });

  test('suggest with metacharacters answers normally', async ({ request }) => {
    const res = await request.get(`/api/search/suggest?${qs({ q: "%_\\' <b> 👟" })}`);
    expect(res.status()).toBe(200);
    expect(await res.json()).toEqual(expect.objectContaining({ terms: expect.any(Array), products: expect.any(Array), categories: expect.any(Array) }));
  });

  test('suggest with a NUL byte is a 400', async ({ request }) => {
    await expectJsonError(await request.get(`/api/search/suggest?${qs({ q: 'ab\u0000' })}`), 400, 'invalid_input');
  });

  test('stock errors use the JSON error shape', async ({ request }) => {
    await expectJsonError(await request.get('/api/stock/not-a-uuid'), 400, 'invalid_input');
    await expectJsonError(await request.get(`/api/stock/${randomUUID()}`), 404, 'not_found');
  });

  test('unknown or malformed categories and products are a 404', async ({ request }) => {
    for (const url of ['/c/no-such-department', '/c/fashion/no-such-category', '/c/..%2F..%2Fetc', '/c/Fashion', '/p/no-such-product', '/p/UPPER_case!!']) {
      const res = await request.get(url);
      expect(res.status(), url).toBe(404);
    }
  });
});

test.describe('caching, health and SEO', () => {
  let productPath = '';

  test.beforeAll(async ({ request }) => {
    const xml = await (await request.get('/sitemap.xml')).text();
    const loc = xml.match(/<loc>([^<]*\/p\/[^<]+)<\/loc>/)?.[1];
    expect(loc, 'a product URL in the sitemap').toBeTruthy();
    productPath = new URL(loc!).pathname;
  });

  test('home and product pages are CDN-cacheable', async ({ request }) => {
    for (const url of ['/', productPath]) {
      const res = await request.get(url);
      expect(res.status(), url).toBe(200);
      expect(res.headers()['cache-control'], url).toMatch(/s-maxage=\d+/);
    }
  });

  test('category and search listings, filtered or not, are served from the ISR cache', async ({ request }) => {
    for (const url of ['/c/fashion', '/c/fashion/shoes?color=Black&sort=price-asc', '/search?q=running+shoes&stock=1']) {
      await request.get(url); // the first visit renders and stores the page
      const res = await request.get(url);
      expect(res.status(), url).toBe(200);
      expect(res.headers()['cache-control'], url).toMatch(/s-maxage=\d+, stale-while-revalidate=\d+/);
      expect(res.headers()['x-nextjs-cache'], url).toBe('HIT');
    }
  });

  test('filter order and tracking parameters share one cached page', async ({ request }) => {
    const a = await (await request.get('/c/fashion/shoes?color=Black&sort=price-asc')).text();
    const b = await (await request.get('/c/fashion/shoes?sort=price-asc&utm_source=mail&color=Black')).text();
    const count = (html: string) => html.match(/(\d[\d,]*) products?/)?.[1];
    expect(count(b)).toBe(count(a));
  });

  test('too many filters at once is a 414, not a 500', async ({ request }) => {
    const many = Array.from({ length: 40 }, (_, i) => `brand=Brand${i}`).join('&');
    expect((await request.get(`/c/fashion?${many}`)).status()).toBe(414);
  });

  test('liveness and readiness', async ({ request }) => {
    const live = await request.get('/api/health/live');
    expect(live.status()).toBe(200);
    const ready = await request.get('/api/health/ready');
    expect(ready.status()).toBe(200);
    const body = await ready.json();
    expect(body.status).toBe('ready');
    expect(body.checks.database.state).toBe('up');
  });

  test('sitemap lists products and robots.txt points at it', async ({ request }) => {
    const sitemap = await request.get('/sitemap.xml');
    expect(sitemap.status()).toBe(200);
    const xml = await sitemap.text();
    expect(xml.match(/<loc>[^<]*\/p\/[a-z0-9-]+<\/loc>/g)?.length ?? 0).toBeGreaterThan(10);
    // A listed product exists.
    expect((await request.get(productPath)).status()).toBe(200);

    const robots = await request.get('/robots.txt');
    expect(robots.status()).toBe(200);
    expect(await robots.text()).toMatch(/^Sitemap: \S+\/sitemap\.xml$/m);
  });

  test('product page carries JSON-LD and Open Graph tags', async ({ request }) => {
    const html = await (await request.get(productPath)).text();
    const scripts = [...html.matchAll(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/g)].map((m) => JSON.parse(m[1]!));
    const product = scripts.find((s) => s['@type'] === 'Product');
    expect(product, 'a JSON-LD Product').toBeTruthy();
    expect(product.name).toEqual(expect.any(String));
    expect(product.offers).toEqual(expect.objectContaining({ priceCurrency: expect.any(String), lowPrice: expect.stringMatching(/^\d+\.\d{2}$/) }));
    const ogTitle = html.match(/<meta property="og:title" content="([^"]+)"/)?.[1];
    expect(ogTitle && unescapeHtml(ogTitle)).toBe(product.name);
  });
});
