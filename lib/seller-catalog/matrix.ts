/**
 * The variant matrix: options × values → one variant per combination. Pure, so the editor
 * previews exactly what the server will save. Regenerating keeps existing variants (their id,
 * SKU, prices, weight and threshold) wherever a combination still fits them.
 */

export const MAX_OPTIONS = 3;
export const MAX_VALUES_PER_OPTION = 50;
export const MAX_VARIANTS = 100;

export type OptionDef = { name: string; values: string[] };

export type VariantFields = {
  sku: string;
  price: number;
  compareAtPrice: number | null;
  weightGrams: number;
  lowStockThreshold: number;
};

export type ExistingVariant = VariantFields & { id: string; options: Record<string, string> };

export type MatrixRow = VariantFields & {
  /** Set when an existing variant is kept for this combination. */
  id?: string;
  options: Record<string, string>;
  title: string;
};

export type MatrixPlan = { rows: MatrixRow[]; removed: ExistingVariant[] };

export type MatrixDefaults = { price: number; skuPrefix: string; weightGrams?: number; lowStockThreshold?: number };

/** Every combination, in option order (the first option varies slowest). */
export function combinations(options: readonly OptionDef[]): Record<string, string>[] {
  let out: Record<string, string>[] = [{}];
  for (const o of options) out = out.flatMap((c) => o.values.map((v) => ({ ...c, [o.name]: v })));
  return out;
}

export const variantTitle = (options: readonly OptionDef[], combo: Record<string, string>) =>
  options.length ? options.map((o) => combo[o.name]).join(' / ') : 'Default';

const sameCombo = (a: Record<string, string>, b: Record<string, string>) => {
  const ka = Object.keys(a);
  return ka.length === Object.keys(b).length && ka.every((k) => b[k] === a[k]);
};

/** How well an existing variant fits a combination: -1 if a shared option disagrees, else the number of shared options. */
function fit(existing: Record<string, string>, combo: Record<string, string>): number {
  let shared = 0;
  for (const [k, v] of Object.entries(combo)) {
    if (!(k in existing)) continue;
    if (existing[k] !== v) return -1;
    shared++;
  }
  return shared;
}

const skuPart = (s: string) =>
  s
    .normalize('NFKD')
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '')
    .toUpperCase()
    .slice(0, 12) || 'X';

/** Normalises option input: trimmed names and values, no empties, no duplicates (case-insensitive). */
export function normaliseOptions(options: readonly OptionDef[]): OptionDef[] {
  const seen = new Set<string>();
  const out: OptionDef[] = [];
  for (const o of options) {
    const name = o.name.trim();
    if (!name || seen.has(name.toLowerCase())) continue;
    seen.add(name.toLowerCase());
    const vs = new Set<string>();
    const values = o.values.map((v) => v.trim()).filter((v) => v && !vs.has(v.toLowerCase()) && vs.add(v.toLowerCase()));
    if (values.length) out.push({ name, values });
  }
  return out;
}

/** Problems that stop a matrix from being generated, as messages for the seller. */
export function matrixProblems(options: readonly OptionDef[]): string[] {
  const problems: string[] = [];
  if (options.length > MAX_OPTIONS) problems.push(`A product can have at most ${MAX_OPTIONS} options.`);
  for (const o of options) {
    if (o.values.length > MAX_VALUES_PER_OPTION) problems.push(`${o.name} has more than ${MAX_VALUES_PER_OPTION} values.`);
  }
  const count = options.reduce((n, o) => n * o.values.length, 1);
  if (count > MAX_VARIANTS) problems.push(`That makes ${count} variants; the limit is ${MAX_VARIANTS}. Remove some values.`);
  return problems;
}

/**
 * Plans the variants for `options`. Each combination takes, in this order: the existing variant
 * with exactly that combination; else the unused existing variant that agrees on the most shared
 * options (an option was added or removed); else a new variant with default fields and a SKU
 * derived from the prefix and the values. Existing variants left over are `removed`.
 */
export function generateMatrix(options: readonly OptionDef[], existing: readonly ExistingVariant[], defaults: MatrixDefaults): MatrixPlan {
  const combos = combinations(options);
  const used = new Set<string>();
  const picked: (ExistingVariant | undefined)[] = combos.map((combo) => {
    const exact = existing.find((e) => !used.has(e.id) && sameCombo(e.options, combo));
    if (exact) used.add(exact.id);
    return exact;
  });
  combos.forEach((combo, i) => {
    if (picked[i]) return;
    let best: ExistingVariant | undefined;
    let bestFit = -1;
    for (const e of existing) {
      if (used.has(e.id)) continue;
      const f = fit(e.options, combo);
      if (f > bestFit) [best, bestFit] = [e, f];
    }
    // A variant that shares no option with the combination only carries over when neither
    // side has options that could have told them apart (e.g. the single default variant).
    if (best && (bestFit > 0 || Object.keys(best.options).length === 0 || Object.keys(combo).length === 0)) {
      used.add(best.id);
      picked[i] = best;
    }
  });

  const skus = new Set(existing.filter((e) => used.has(e.id)).map((e) => e.sku.toUpperCase()));
  const rows = combos.map((combo, i): MatrixRow => {
    const title = variantTitle(options, combo);
    const e = picked[i];
    if (e) {
      return { id: e.id, options: combo, title, sku: e.sku, price: e.price, compareAtPrice: e.compareAtPrice, weightGrams: e.weightGrams, lowStockThreshold: e.lowStockThreshold };
    }
    const base = [skuPart(defaults.skuPrefix), ...options.map((o) => skuPart(combo[o.name]!))].join('-');
    let sku = base;
    for (let n = 2; skus.has(sku); n++) sku = `${base}-${n}`;
    skus.add(sku);
    return {
      options: combo,
      title,
      sku,
      price: defaults.price,
      compareAtPrice: null,
      weightGrams: defaults.weightGrams ?? 0,
      lowStockThreshold: defaults.lowStockThreshold ?? 5,
    };
  });
  return { rows, removed: existing.filter((e) => !used.has(e.id)) };
}
