import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { searchToParams } from '@/test/params';
import { filtersToSearch, PAGE_SIZE, parseListingParams, RESERVED_PARAMS, SORTS, suggestQuerySchema, type ListingFilters, type Sort } from './inputs';

const KEYS = ['color', 'size'] as const;
const parse = (params: Record<string, string | string[] | undefined>, keys: readonly string[] = KEYS, def: Sort = 'best-selling') =>
  parseListingParams(params, keys, def);
const HUGE = 'x'.repeat(10_000);

describe('parseListingParams', () => {
  it('gives defaults for no params', () => {
    expect(parse({})).toEqual({
      q: undefined,
      brands: [],
      options: {},
      minPrice: undefined,
      maxPrice: undefined,
      inStock: false,
      sort: 'best-selling',
      cursor: undefined,
      limit: PAGE_SIZE,
    });
  });

  it('reads prices as whole currency units into minor units', () => {
    expect(parse({ min: '10', max: '49.99' })).toMatchObject({ minPrice: 1000, maxPrice: 4999 });
    expect(parse({ min: '0', max: '1000000' })).toMatchObject({ minPrice: 0, maxPrice: 100_000_000 });
    expect(parse({ min: ' 12 ' })).toMatchObject({ minPrice: 1200 });
  });

  it.each(['-1', '-0.01', '1e99', '1000000.01', 'NaN', 'Infinity', '-Infinity', 'abc', '12abc', '1,000', '$5', HUGE, '1e309'])(
    'ignores the price %j',
    (bad) => {
      const f = parse({ min: bad, max: bad });
      expect(f.minPrice).toBeUndefined();
      expect(f.maxPrice).toBeUndefined();
    },
  );

  // KNOWN BUG (lib/catalog/inputs.ts, priceUnits = z.coerce.number()): Number('') is 0, so an empty
  // price field, which the facet panel's GET form submits as `max=` when the shopper presses
  // Enter or uses the no-JS submit button, is read as "max $0". With `min=50&max=` the pair is then
  // swapped into "$0–$50": the opposite of what was asked. Flip to `it` once fixed.
  it('ignores an empty or blank price field (a GET form submits `max=`)', () => {
    expect(parse({ min: '50', max: '' })).toMatchObject({ minPrice: 5000, maxPrice: undefined });
    expect(parse({ max: '   ' }).maxPrice).toBeUndefined();
  });

  it('swaps a min above max', () => {
    expect(parse({ min: '80', max: '20' })).toMatchObject({ minPrice: 2000, maxPrice: 8000 });
  });

  it('takes the first of repeated params', () => {
    const f = parse({ q: ['shoes', 'hats'], sort: ['price-asc', 'newest'], min: ['5', '10'], max: ['abc', '20'], stock: ['1', '0'], cursor: ['a', 'b'] });
    expect(f).toMatchObject({ q: 'shoes', sort: 'price-asc', minPrice: 500, maxPrice: undefined, inStock: true, cursor: 'a' });
  });

  it('falls back to the default sort for unknown keys and for relevance without a query', () => {
    for (const s of ['', 'random', 'PRICE-ASC', 'price_asc', "newest'--", HUGE]) expect(parse({ sort: s }).sort).toBe('best-selling');
    expect(parse({ sort: 'relevance' }).sort).toBe('best-selling');
    expect(parse({ sort: 'relevance', q: 'shoes' }).sort).toBe('relevance');
    expect(parse({ q: 'shoes' }, KEYS, 'relevance').sort).toBe('relevance');
    for (const s of SORTS.filter((s) => s !== 'relevance')) expect(parse({ sort: s }).sort).toBe(s);
  });

  it('trims the query and drops blank or oversized ones', () => {
    expect(parse({ q: '  running shoes ' }).q).toBe('running shoes');
    expect(parse({ q: '   ' }).q).toBeUndefined();
    expect(parse({ q: '' }).q).toBeUndefined();
    expect(parse({ q: 'a'.repeat(200) }).q).toHaveLength(200);
    expect(parse({ q: 'a'.repeat(201) }).q).toBeUndefined();
    expect(parse({ q: HUGE }).q).toBeUndefined();
  });

  it('keeps SQL and HTML metacharacters as plain text (queries bind them as parameters)', () => {
    for (const s of ["'; drop table products; --", '<script>alert(1)</script>', '%_\\', '{"a":1}', "O'Brien", '東京 🏃']) {
      expect(parse({ q: s, brand: s }).q).toBe(s);
      expect(parse({ brand: s }).brands).toEqual([s]);
      expect(parse({ color: s }).options).toEqual({ color: [s] });
    }
  });

  it('drops values with control characters (Postgres rejects NUL in text)', () => {
    for (const s of ['a\u0000b', 'Apex\u0000', '\u0007bell', 'del\u007f', 'tab\tinside', 'line\nbreak']) {
      const f = parse({ q: s, brand: [s, 'Apex'], color: s });
      expect(f.q).toBeUndefined();
      expect(f.brands).toEqual(['Apex']);
      expect(f.options).toEqual({});
    }
  });

  it('cleans brand lists: trimmed, de-duplicated, bounded', () => {
    expect(parse({ brand: [' Apex', 'Apex ', 'Stride', '', '  ', 'y'.repeat(61), HUGE] }).brands).toEqual(['Apex', 'Stride']);
    const many = Array.from({ length: 50 }, (_, i) => `Brand ${i}`);
    expect(parse({ brand: many }).brands).toEqual(many.slice(0, 20));
  });

  it('reads only whitelisted option keys and never reserved ones', () => {
    const f = parse(
      { color: ['Red', 'Blue', 'Red'], size: '9', material: 'Wool', sort: 'newest', q: 'x', brand: 'Apex' },
      ['color', 'size', 'sort', 'q', 'brand', 'cursor', 'limit'],
    );
    expect(f.options).toEqual({ color: ['Red', 'Blue'], size: ['9'] });
    expect(f.sort).toBe('newest');
  });

  it('ignores prototype keys in the whitelist', () => {
    expect(parse({}, ['constructor', 'toString', '__proto__', 'hasOwnProperty']).options).toEqual({});
  });

  it('treats only stock=1 as in-stock', () => {
    expect(parse({ stock: '1' }).inStock).toBe(true);
    for (const s of ['0', 'true', 'yes', 'on', '', ' 1']) expect(parse({ stock: s }).inStock).toBe(false);
  });

  it('never throws and always returns well-formed filters for arbitrary params', () => {
    const value = fc.oneof(fc.string({ unit: 'binary', maxLength: 80 }), fc.constantFrom('', ' ', '1e99', '-1', 'NaN', '5', 'relevance', 'newest'));
    const params = fc.dictionary(
      fc.oneof(fc.constantFrom(...RESERVED_PARAMS, ...KEYS, 'constructor', '__proto__'), fc.string({ maxLength: 10 })),
      fc.oneof(value, fc.array(value, { maxLength: 25 }), fc.constant(undefined)),
    );
    fc.assert(
      fc.property(params, fc.constantFrom(...SORTS), (p, def) => {
        const f = parse(p, [...KEYS, 'q', 'sort'], def);
        expect(SORTS).toContain(f.sort);
        if (f.sort === 'relevance') expect(f.q !== undefined || def === 'relevance').toBe(true);
        for (const price of [f.minPrice, f.maxPrice]) {
          if (price !== undefined) {
            expect(Number.isInteger(price)).toBe(true);
            expect(Math.abs(price)).toBeLessThanOrEqual(100_000_000);
          }
        }
        if (f.minPrice !== undefined && f.maxPrice !== undefined) expect(f.minPrice).toBeLessThanOrEqual(f.maxPrice);
        if (f.q !== undefined) expect(f.q).toMatch(/^\S(.*\S)?$/su);
        for (const s of [f.q ?? '', ...f.brands, ...Object.values(f.options).flat()]) expect(s).not.toMatch(/[\u0000-\u001f\u007f]/);
        expect(f.q?.length ?? 1).toBeLessThanOrEqual(200);
        expect(f.brands.length).toBeLessThanOrEqual(20);
        expect(new Set(f.brands).size).toBe(f.brands.length);
        for (const b of f.brands) expect(b.length >= 1 && b.length <= 60 && b === b.trim()).toBe(true);
        for (const [k, vs] of Object.entries(f.options)) {
          expect(KEYS).toContain(k);
          expect(vs.length).toBeGreaterThan(0);
        }
        expect(f.limit).toBe(PAGE_SIZE);
      }),
      { numRuns: 100 },
    );
  });
});

describe('filtersToSearch', () => {
  it('writes nothing for empty filters', () => {
    expect(filtersToSearch({})).toBe('');
    expect(filtersToSearch({ brands: [], options: {}, inStock: false })).toBe('');
  });

  it('writes a shareable query string', () => {
    const s = filtersToSearch(
      { q: 'running shoes', sort: 'price-asc', brands: ['Apex', 'Loom & Co'], options: { size: ['9', '24"'] }, minPrice: 1000, maxPrice: 4999, inStock: true },
      { cursor: 'abc', page: undefined },
    );
    expect(s).toBe('?q=running+shoes&sort=price-asc&brand=Apex&brand=Loom+%26+Co&size=9&size=24%22&min=10&max=49.99&stock=1&cursor=abc');
  });

  const text = (max: number) =>
    fc
      .string({ unit: 'grapheme', minLength: 1, maxLength: max })
      .map((s) => s.trim())
      .filter((s) => s.length > 0);
  const filters: fc.Arbitrary<ListingFilters> = fc
    .record({
      q: fc.option(text(200), { nil: undefined }),
      sortIndex: fc.nat(SORTS.length - 1),
      brands: fc.uniqueArray(text(60), { maxLength: 20 }),
      color: fc.uniqueArray(text(60), { maxLength: 5 }),
      size: fc.uniqueArray(text(60), { maxLength: 5 }),
      prices: fc.tuple(fc.option(fc.integer({ min: 0, max: 100_000_000 })), fc.option(fc.integer({ min: 0, max: 100_000_000 }))),
      inStock: fc.boolean(),
    })
    .map(({ q, sortIndex, brands, color, size, prices: [a, b], inStock }) => {
      const sort = SORTS[sortIndex]!;
      const [minPrice, maxPrice] = a !== null && b !== null && a > b ? [b, a] : [a ?? undefined, b ?? undefined];
      const options: Record<string, string[]> = {};
      if (color.length) options.color = color;
      if (size.length) options.size = size;
      return { q, sort: sort === 'relevance' && !q ? 'newest' : sort, brands, options, minPrice, maxPrice, inStock, cursor: undefined, limit: PAGE_SIZE };
    });

  it('round-trips through parseListingParams', () => {
    fc.assert(
      fc.property(filters, (f) => {
        expect(parse(searchToParams(filtersToSearch(f)))).toEqual(f);
      }),
      { numRuns: 200 },
    );
  });
});

describe('suggestQuerySchema', () => {
  it('requires 1–100 characters after trimming', () => {
    expect(suggestQuerySchema.parse({ q: ' runn ' })).toEqual({ q: 'runn' });
    expect(suggestQuerySchema.safeParse({ q: '  ' }).success).toBe(false);
    expect(suggestQuerySchema.safeParse({ q: 'a'.repeat(101) }).success).toBe(false);
    expect(suggestQuerySchema.safeParse({}).success).toBe(false);
    expect(suggestQuerySchema.safeParse({ q: 'runn\u0000' }).success).toBe(false);
  });
});
