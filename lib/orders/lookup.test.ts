import { describe, expect, it } from 'vitest';
import { lookupInput, normalizeOrderNumber } from './lookup';

describe('normalizeOrderNumber', () => {
  it('accepts the ways people type an order number', () => {
    for (const typed of ['MK-100001', 'mk-100001', ' #MK-100001 ', 'MK 100001', 'mk100001', '100001', '#100001', 'MK \t100001']) {
      expect(normalizeOrderNumber(typed), typed).toBe('MK-100001');
    }
  });

  it('refuses anything else', () => {
    for (const typed of [undefined, null, '', ' ', '#', 'MK-', '-100001', 'MK-100001-1', 'MK--100001', "1' or '1'='1", 'MK-1e5', 'MK-１２３', 'ABCDEF-1', '1'.repeat(13), 'x'.repeat(65)]) {
      expect(normalizeOrderNumber(typed), String(typed)).toBeNull();
    }
  });
});

describe('lookupInput', () => {
  it('normalizes the number and lower-cases the email', () => {
    expect(lookupInput.parse({ number: ' mk 100001', email: ' Guest@Example.COM ' })).toEqual({ number: 'MK-100001', email: 'guest@example.com' });
  });

  it('explains each bad field', () => {
    const r = lookupInput.safeParse({ number: 'abc', email: 'nope' });
    expect(r.success).toBe(false);
    const fields = Object.fromEntries(r.error!.issues.map((i) => [i.path.join('.'), i.message]));
    expect(fields).toEqual({ number: 'Order numbers look like MK-100001.', email: 'Enter a valid email address.' });
    const empty = lookupInput.safeParse({});
    expect(empty.error!.issues.map((i) => i.message).sort()).toEqual(['Enter the email you used for the order.', 'Enter your order number.']);
  });
});
