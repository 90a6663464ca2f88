import { mailViewerEnabled, parseEnv } from './env';
import { describe, expect, it } from 'vitest';
import {
  captureTransport,
  decodeOutboxCursor,
  defaultRetryDelayMs,
  encodeOutboxCursor,
  extractLinks,
  idempotencyKeyFor,
  InvalidEmailError,
  parseEmailMessage,
  parseOutboxQuery,
  resendTransport,
  transportFromEnv,
} from './email';

const msg = { to: 'Ada@Example.com ', subject: 'Your sign-in link', template: 'auth/sign-in', html: '<p>Hi</p>', text: 'Hi' };

describe('parseEmailMessage', () => {
  it('normalizes the recipient and keeps the rest', () => {
    expect(parseEmailMessage(msg, 'sign-in:1')).toEqual({ ...msg, to: 'ada@example.com', dedupeKey: 'sign-in:1' });
  });

  it.each([
    [{ to: 'not-an-email' }, 'to'],
    [{ to: '' }, 'to'],
    [{ subject: '   ' }, 'subject'],
    [{ subject: 'Hello\r\nBcc: victim@example.com' }, 'subject'],
    [{ template: '' }, 'template'],
    [{ html: '', text: ' ' }, 'text'],
  ])('rejects %j naming the field', (patch, field) => {
    let error: unknown;
    try {
      parseEmailMessage({ ...msg, ...patch }, 'k');
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(InvalidEmailError);
    expect((error as InvalidEmailError).code).toBe('invalid_email');
    expect(Object.keys((error as InvalidEmailError).fieldErrors)).toContain(field);
    expect((error as Error).message).toMatch(new RegExp(`^Invalid email: .*${field}`));
  });

  it('requires a dedupe key', () => {
    expect(() => parseEmailMessage(msg, '')).toThrow(/dedupeKey: Dedupe key is required/);
  });

  it('accepts a text-only or an HTML-only email', () => {
    expect(parseEmailMessage({ ...msg, html: '' }, 'k').text).toBe('Hi');
    expect(parseEmailMessage({ ...msg, text: '' }, 'k').html).toBe('<p>Hi</p>');
  });
});

describe('idempotencyKeyFor', () => {
  it('uses the dedupe key when Resend accepts it, a stable hash otherwise', () => {
    expect(idempotencyKeyFor('order-placed:42')).toBe('order-placed:42');
    const long = 'x'.repeat(300);
    expect(idempotencyKeyFor(long)).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(idempotencyKeyFor(long)).toBe(idempotencyKeyFor(long));
    expect(idempotencyKeyFor('with space')).toMatch(/^sha256:/);
    expect(idempotencyKeyFor('ünïcode')).toMatch(/^sha256:/);
    expect(idempotencyKeyFor('a')).not.toBe(idempotencyKeyFor('b'));
  });
});

describe('defaultRetryDelayMs', () => {
  it('backs off and caps', () => {
    expect([1, 2, 3, 4, 5, 9].map(defaultRetryDelayMs)).toEqual([30_000, 120_000, 600_000, 1_800_000, 1_800_000, 1_800_000]);
    expect(defaultRetryDelayMs(0)).toBe(30_000);
  });
});

describe('outbox cursor', () => {
  const c = { t: '2025-03-04T05:06:07.123456Z', id: '0b1c5a1e-6c1f-4a8e-9d3c-2f4b5a6c7d8e' };

  it('round-trips', () => {
    expect(decodeOutboxCursor(encodeOutboxCursor(c))).toEqual(c);
  });

  it.each([
    undefined,
    null,
    '',
    'not base64!',
    'x'.repeat(201),
    Buffer.from('{').toString('base64url'),
    encodeOutboxCursor({ ...c, id: 'nope' }),
    encodeOutboxCursor({ ...c, t: '2025-03-04T05:06:07Z' }),
    encodeOutboxCursor({ ...c, t: '2025-02-31T05:06:07.000000Z' }),
    encodeOutboxCursor({ ...c, t: '2025-13-01T05:06:07.000000Z' }),
    encodeOutboxCursor({ ...c, t: '2025-03-04T25:06:07.000000Z' }),
  ])('ignores %j', (raw) => {
    expect(decodeOutboxCursor(raw)).toBeUndefined();
  });
});

describe('mailViewerEnabled', () => {
  it('is on in development and test without Resend', () => {
    expect(mailViewerEnabled({ NODE_ENV: 'development', RESEND_API_KEY: undefined, MAIL_VIEWER: false })).toBe(true);
    expect(mailViewerEnabled({ NODE_ENV: 'test', RESEND_API_KEY: undefined, MAIL_VIEWER: false })).toBe(true);
  });

  it('is off whenever Resend is configured', () => {
    expect(mailViewerEnabled({ NODE_ENV: 'development', RESEND_API_KEY: 're_123', MAIL_VIEWER: true })).toBe(false);
  });

  it('is off in production unless MAIL_VIEWER is set', () => {
    expect(mailViewerEnabled({ NODE_ENV: 'production', RESEND_API_KEY: undefined, MAIL_VIEWER: false })).toBe(false);
    expect(mailViewerEnabled({ NODE_ENV: 'production', RESEND_API_KEY: undefined, MAIL_VIEWER: true })).toBe(true);
    expect(parseEnv({ MAIL_VIEWER: '1' }).MAIL_VIEWER).toBe(true);
  });
});

describe('transportFromEnv', () => {
  it('picks Resend only with an API key', () => {
    expect(transportFromEnv({ RESEND_API_KEY: undefined })).toBe(captureTransport);
    expect(transportFromEnv({ RESEND_API_KEY: 're_123' }).name).toBe('resend');
    expect(resendTransport('re_123').name).toBe('resend');
  });
});

describe('extractLinks', () => {
  it('finds http(s) links, decodes entities, dedupes, and drops other schemes', () => {
    const html = `<a href="https://shop.test/sign-in?token=a&amp;next=%2F">Sign in</a>
      <a href='http://shop.test/x'>x</a> <a href=https://shop.test/y>y</a>
      <a href="https://shop.test/sign-in?token=a&amp;next=%2F">again</a>
      <a href="javascript:alert(1)">bad</a> <a href="mailto:a@b.c">mail</a> <a href="/relative">rel</a>`;
    expect(extractLinks(html)).toEqual(['https://shop.test/sign-in?token=a&next=%2F', 'http://shop.test/x', 'https://shop.test/y']);
  });

  it('caps the list', () => {
    const html = Array.from({ length: 80 }, (_, i) => `<a href="https://shop.test/${i}">${i}</a>`).join('');
    expect(extractLinks(html)).toHaveLength(50);
  });
});

describe('parseOutboxQuery', () => {
  const cursor = encodeOutboxCursor({ t: '2025-03-04T05:06:07.123456Z', id: '0b1c5a1e-6c1f-4a8e-9d3c-2f4b5a6c7d8e' });

  it('keeps a valid recipient (lower-cased) and cursor', () => {
    expect(parseOutboxQuery({ to: ' Ada@Demo.Shop ', cursor })).toEqual({ to: 'ada@demo.shop', cursor });
    expect(parseOutboxQuery({ to: ['ada@demo.shop', 'bob@demo.shop'] })).toEqual({ to: 'ada@demo.shop' });
  });

  it('ignores anything malformed', () => {
    expect(parseOutboxQuery({})).toEqual({});
    expect(parseOutboxQuery({ to: 'nope', cursor: 'garbage' })).toEqual({});
    expect(parseOutboxQuery({ to: '', cursor: '' })).toEqual({});
    expect(parseOutboxQuery({ to: `${'a'.repeat(300)}@demo.shop` })).toEqual({});
    expect(parseOutboxQuery({ to: [] })).toEqual({});
  });
});

describe('extractLinks entity decoding', () => {
  it('reads numeric and named references the way a browser does', async () => {
    const { extractLinks } = await import('./email');
    expect(extractLinks('<a href="https://x.test/v?a=1&#38;b=2&amp;c=3&#x26;d=4">go</a>')).toEqual(['https://x.test/v?a=1&b=2&c=3&d=4']);
  });
});
