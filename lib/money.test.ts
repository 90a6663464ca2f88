import { describe, expect, it } from 'vitest';
import { discountPercent, formatMoney } from './money';

describe('formatMoney', () => {
  it('formats integer minor units', () => {
    expect(formatMoney(4999)).toBe('$49.99');
    expect(formatMoney(0)).toBe('$0.00');
    expect(formatMoney(1)).toBe('$0.01');
    expect(formatMoney(100_000_000)).toBe('$1,000,000.00');
    expect(formatMoney(-500)).toBe('-$5.00');
  });

  it('honours currency and locale', () => {
    expect(formatMoney(4999, 'EUR', 'de-DE')).toBe('49,99\u00a0€');
    expect(formatMoney(4999, 'GBP', 'en-GB')).toBe('£49.99');
  });

  it('throws on an unknown currency code rather than printing a wrong amount', () => {
    expect(() => formatMoney(100, 'XXXX')).toThrow(RangeError);
  });

  // KNOWN BUG (lib/money.ts:3): amounts are divided by 100 whatever the currency, but JPY and KRW
  // have no minor unit (1 unit = 1 yen) and KWD/BHD have three decimals. formatMoney(500, 'JPY')
  // prints "¥5". Latent while every product is USD; flip to `it` once fixed.
  it('respects currencies whose minor unit is not a hundredth', () => {
    expect(formatMoney(500, 'JPY')).toBe('¥500');
    expect(formatMoney(1234, 'KWD', 'en-US')).toBe('KWD\u00a01.234');
  });
});

describe('discountPercent', () => {
  it('is the rounded share saved against a higher compare-at price', () => {
    expect(discountPercent(7500, 10000)).toBe(25);
    expect(discountPercent(6666, 9999)).toBe(33);
    expect(discountPercent(1, 10000)).toBe(100);
    expect(discountPercent(0, 10000)).toBe(100);
    expect(discountPercent(9950, 10000)).toBe(1);
    expect(discountPercent(9960, 10000)).toBe(0);
  });

  it('is 0 without a higher compare-at price', () => {
    expect(discountPercent(5000, null)).toBe(0);
    expect(discountPercent(5000, undefined)).toBe(0);
    expect(discountPercent(5000, 0)).toBe(0);
    expect(discountPercent(5000, 5000)).toBe(0);
    expect(discountPercent(5000, 4000)).toBe(0);
  });

  it('stays within 0..100 for any non-negative prices', () => {
    for (let i = 0; i < 2000; i++) {
      const price = Math.floor(Math.random() * 1e6);
      const compareAt = Math.random() < 0.2 ? null : Math.floor(Math.random() * 1e6);
      const d = discountPercent(price, compareAt);
      expect(Number.isInteger(d) && d >= 0 && d <= 100).toBe(true);
    }
  });
});
