import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { combinations, generateMatrix, matrixProblems, normaliseOptions, type ExistingVariant } from './matrix';

const v = (id: string, options: Record<string, string>, price = 1000, sku = id.toUpperCase()): ExistingVariant => ({
  id,
  options,
  sku,
  price,
  compareAtPrice: null,
  weightGrams: 100,
  lowStockThreshold: 3,
});

const defaults = { price: 2500, skuPrefix: 'tee' };

describe('generateMatrix', () => {
  it('makes one variant per combination, first option slowest, with titles and derived SKUs', () => {
    const plan = generateMatrix(
      [
        { name: 'Size', values: ['S', 'M'] },
        { name: 'Color', values: ['Red', 'Blue'] },
      ],
      [],
      defaults,
    );
    expect(plan.rows.map((r) => r.title)).toEqual(['S / Red', 'S / Blue', 'M / Red', 'M / Blue']);
    expect(plan.rows.map((r) => r.sku)).toEqual(['TEE-S-RED', 'TEE-S-BLUE', 'TEE-M-RED', 'TEE-M-BLUE']);
    expect(plan.rows.every((r) => r.price === 2500 && r.id === undefined)).toBe(true);
    expect(plan.removed).toEqual([]);
  });

  it('keeps existing variants (id, SKU, price) for combinations that still exist and removes the rest', () => {
    const existing = [v('a', { Size: 'S' }, 1100), v('b', { Size: 'M' }, 1200), v('c', { Size: 'L' }, 1300)];
    const plan = generateMatrix([{ name: 'Size', values: ['M', 'S', 'XL'] }], existing, defaults);
    expect(plan.rows.map((r) => [r.title, r.id, r.price])).toEqual([
      ['M', 'b', 1200],
      ['S', 'a', 1100],
      ['XL', undefined, 2500],
    ]);
    expect(plan.removed.map((r) => r.id)).toEqual(['c']);
  });

  it('adding an option keeps each old variant on the first combination that agrees with it', () => {
    const existing = [v('a', { Size: 'S' }, 1100), v('b', { Size: 'M' }, 1200)];
    const plan = generateMatrix(
      [
        { name: 'Size', values: ['S', 'M'] },
        { name: 'Color', values: ['Red', 'Blue'] },
      ],
      existing,
      defaults,
    );
    expect(plan.rows.map((r) => [r.title, r.id ?? null, r.price])).toEqual([
      ['S / Red', 'a', 1100],
      ['S / Blue', null, 2500],
      ['M / Red', 'b', 1200],
      ['M / Blue', null, 2500],
    ]);
    expect(plan.removed).toEqual([]);
  });

  it('removing an option keeps one variant per remaining combination', () => {
    const existing = [v('a', { Size: 'S', Color: 'Red' }), v('b', { Size: 'S', Color: 'Blue' }), v('c', { Size: 'M', Color: 'Red' })];
    const plan = generateMatrix([{ name: 'Size', values: ['S', 'M'] }], existing, defaults);
    expect(plan.rows.map((r) => [r.title, r.id])).toEqual([
      ['S', 'a'],
      ['M', 'c'],
    ]);
    expect(plan.removed.map((r) => r.id)).toEqual(['b']);
  });

  it('no options means one default variant, which keeps the existing single variant', () => {
    const plan = generateMatrix([], [v('only', {})], defaults);
    expect(plan.rows).toHaveLength(1);
    expect(plan.rows[0]).toMatchObject({ id: 'only', title: 'Default', options: {} });
    const fromOptions = generateMatrix([{ name: 'Size', values: ['S'] }], [v('only', {})], defaults);
    expect(fromOptions.rows[0]?.id).toBe('only');
  });

  it('never derives a SKU that a kept variant already has', () => {
    const plan = generateMatrix([{ name: 'Size', values: ['S', 'M'] }], [v('a', { Size: 'S' }, 1000, 'TEE-M')], defaults);
    expect(plan.rows.map((r) => r.sku)).toEqual(['TEE-M', 'TEE-M-2']);
  });

  it('property: every combination appears once, kept ids are unique, kept + removed = existing', () => {
    const value = fc.constantFrom('S', 'M', 'L', 'Red', 'Blue', 'Cotton');
    const optionsArb = fc.uniqueArray(fc.constantFrom('Size', 'Color', 'Material'), { maxLength: 3 }).chain((names) =>
      fc.tuple(...names.map((name) => fc.uniqueArray(value, { minLength: 1, maxLength: 3 }).map((values) => ({ name, values })))),
    );
    const existingArb = fc.array(fc.dictionary(fc.constantFrom('Size', 'Color', 'Material'), value, { maxKeys: 3 }), { maxLength: 8 });
    fc.assert(
      fc.property(optionsArb, existingArb, (options, combos) => {
        const existing = combos.map((o, i) => v(`v${i}`, o));
        const plan = generateMatrix(options, existing, defaults);
        expect(plan.rows).toHaveLength(combinations(options).length);
        const keys = plan.rows.map((r) => JSON.stringify(options.map((o) => r.options[o.name])));
        expect(new Set(keys).size).toBe(keys.length);
        const kept = plan.rows.flatMap((r) => (r.id ? [r.id] : []));
        expect(new Set(kept).size).toBe(kept.length);
        expect([...kept, ...plan.removed.map((r) => r.id)].sort()).toEqual(existing.map((e) => e.id).sort());
        const skus = plan.rows.map((r) => r.sku);
        expect(new Set(skus).size).toBe(skus.length);
      }),
    );
  });
});

describe('normaliseOptions and matrixProblems', () => {
  it('trims, drops empties and case-insensitive duplicates', () => {
    expect(normaliseOptions([{ name: ' Size ', values: ['S', ' s', '', 'M'] }, { name: 'size', values: ['L'] }, { name: 'Empty', values: [' '] }])).toEqual([
      { name: 'Size', values: ['S', 'M'] },
    ]);
  });

  it('limits options, values and the variant count', () => {
    const many = (n: number) => Array.from({ length: n }, (_, i) => `v${i}`);
    expect(matrixProblems([{ name: 'A', values: many(10) }, { name: 'B', values: many(10) }])).toEqual([]);
    expect(matrixProblems([{ name: 'A', values: many(11) }, { name: 'B', values: many(10) }])[0]).toMatch(/110 variants/);
    expect(matrixProblems([{ name: 'A', values: ['x'] }, { name: 'B', values: ['x'] }, { name: 'C', values: ['x'] }, { name: 'D', values: ['x'] }])[0]).toMatch(/at most 3/);
  });
});
