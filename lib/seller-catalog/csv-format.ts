import type { ImportIssue } from '@/db/schema/seller-catalog';
import { unguardText } from './csv';
import { HANDLE, parseMoney, SKU, MAX_PRICE } from './inputs';
import { MAX_OPTIONS } from './matrix';

/**
 * The product CSV: one row per variant; rows of one product share its `handle`. Product
 * columns may be left empty on the product's later rows (or repeat the first row's value).
 * Pure: no database; the import service adds the checks that need one.
 */

export const PRODUCT_COLUMNS = ['title', 'description', 'status', 'category', 'brand', 'tags', 'seo_title', 'seo_description'] as const;
export const OPTION_COLUMNS = Array.from({ length: MAX_OPTIONS }, (_, i) => [`option${i + 1}_name`, `option${i + 1}_value`] as const).flat();
export const VARIANT_COLUMNS = ['sku', 'price', 'compare_at_price', 'weight_grams', 'low_stock_threshold'] as const;
export const BASE_COLUMNS = ['handle', ...PRODUCT_COLUMNS, ...OPTION_COLUMNS, ...VARIANT_COLUMNS] as const;
export const REQUIRED_COLUMNS = ['handle', 'sku', 'price'] as const;
/** `stock:MAIN` sets the on-hand count at the location with code MAIN. */
export const STOCK_COLUMN = /^stock:([A-Za-z0-9_-]{1,40})$/;

export type ProductColumn = (typeof PRODUCT_COLUMNS)[number];
export type Header = { columns: string[]; stockCodes: { index: number; code: string }[] };

const LIMITS = { title: 200, description: 10_000, brand: 100, seo_title: 70, seo_description: 320, option: 60, tag: 40, tags: 30 };

/** Checks the header row; errors are reported on row 1 under the offending column. */
export function parseHeader(fields: string[]): { header: Header; errors: ImportIssue[] } {
  const errors: ImportIssue[] = [];
  const columns = fields.map((f) => f.trim().replace(/^\uFEFF/, ''));
  const seen = new Set<string>();
  const stockCodes: Header['stockCodes'] = [];
  const known = new Set<string>(BASE_COLUMNS);
  columns.forEach((raw, index) => {
    const stock = STOCK_COLUMN.exec(raw);
    const name = stock ? `stock:${stock[1]!.toUpperCase()}` : raw.toLowerCase();
    columns[index] = name;
    if (!name) errors.push({ row: 1, column: `#${index + 1}`, message: 'A column has no name.' });
    else if (seen.has(name)) errors.push({ row: 1, column: raw, message: 'This column appears twice.' });
    else if (stock) stockCodes.push({ index, code: stock[1]!.toUpperCase() });
    else if (!known.has(name)) errors.push({ row: 1, column: raw.slice(0, 60), message: `Unknown column. Columns are: ${BASE_COLUMNS.join(', ')} and stock:<LOCATION CODE>.` });
    seen.add(name);
  });
  for (const r of REQUIRED_COLUMNS) if (!seen.has(r)) errors.push({ row: 1, column: r, message: 'This required column is missing.' });
  return { header: { columns, stockCodes }, errors };
}

export type CsvRow = {
  row: number;
  handle: string;
  /** Product fields as given; absent when the cell is empty. */
  product: Partial<Record<ProductColumn, string>>;
  /** Option name → value, in column order. */
  options: { name: string; value: string }[];
  sku: string;
  price: number;
  compareAtPrice: number | null;
  weightGrams?: number;
  lowStockThreshold?: number;
  stock: { code: string; quantity: number }[];
};

const CONTROL_OR_NEWLINE = /[\u0000-\u001f\u007f]/;
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
const count = (s: string) => (/^\d{1,7}$/.test(s) ? Number(s) : null);

/** Parses one data row; returns the row or its errors (every problem, not just the first). */
export function parseRow(header: Header, fields: string[], row: number): { value?: CsvRow; errors: ImportIssue[] } {
  const errors: ImportIssue[] = [];
  const err = (column: string, message: string) => errors.push({ row, column, message });
  if (fields.length !== header.columns.length) {
    err('(row)', `The row has ${fields.length} fields but the header has ${header.columns.length}. Check for a missing or extra comma.`);
    return { errors };
  }
  const cell = (name: string) => {
    const i = header.columns.indexOf(name);
    return i < 0 ? '' : unguardText(fields[i]!.normalize('NFC').trim());
  };

  const handle = cell('handle').toLowerCase();
  if (!handle) err('handle', 'Enter the product handle (e.g. trail-runner).');
  else if (handle.length > 120 || !HANDLE.test(handle)) err('handle', 'Use lower-case letters, digits and single hyphens (e.g. trail-runner-2).');

  const product: CsvRow['product'] = {};
  for (const c of PRODUCT_COLUMNS) {
    const v = c === 'description' ? cell(c).replace(/\r\n?/g, '\n') : cell(c);
    if (!v) continue;
    const max = c === 'tags' ? 2000 : LIMITS[c as keyof typeof LIMITS];
    if (max && v.length > max) err(c, `Use at most ${max} characters.`);
    else if (c === 'description' ? CONTROL.test(v) : CONTROL_OR_NEWLINE.test(v)) err(c, 'Remove line breaks and control characters.');
    else if (c === 'status' && !['draft', 'active', 'archived'].includes(v.toLowerCase())) err(c, 'Use draft, active or archived.');
    else product[c] = c === 'status' || c === 'category' ? v.toLowerCase() : v;
  }
  if (product.tags) {
    const tags = product.tags.split(',').map((t) => t.trim()).filter(Boolean);
    if (tags.length > LIMITS.tags) err('tags', `Use at most ${LIMITS.tags} tags.`);
    else if (tags.some((t) => t.length > LIMITS.tag)) err('tags', `Keep each tag under ${LIMITS.tag} characters.`);
  }

  const options: CsvRow['options'] = [];
  for (let i = 1; i <= MAX_OPTIONS; i++) {
    const name = cell(`option${i}_name`);
    const value = cell(`option${i}_value`);
    if (!name && !value) continue;
    if (!value) err(`option${i}_value`, `Give a value for ${name}.`);
    else if (value.length > LIMITS.option || CONTROL_OR_NEWLINE.test(value)) err(`option${i}_value`, `Use one line of at most ${LIMITS.option} characters.`);
    if (name.length > 40 || CONTROL_OR_NEWLINE.test(name)) err(`option${i}_name`, 'Use one line of at most 40 characters.');
    if (value) options.push({ name, value });
  }

  const sku = cell('sku').toUpperCase();
  if (!sku) err('sku', 'Enter a SKU.');
  else if (!SKU.test(sku)) err('sku', 'Use up to 64 letters, digits, dashes, dots, underscores or slashes.');

  const priceRaw = cell('price');
  const price = priceRaw ? parseMoney(priceRaw) : null;
  if (!priceRaw) err('price', 'Enter a price.');
  else if (price === null) err('price', `Enter the price as an amount like 19.99 (at most ${MAX_PRICE / 100}).`);

  const compareRaw = cell('compare_at_price');
  const compareAtPrice = compareRaw ? parseMoney(compareRaw) : null;
  if (compareRaw && compareAtPrice === null) err('compare_at_price', 'Enter the compare-at price as an amount like 24.99, or leave it empty.');
  else if (compareAtPrice !== null && price !== null && compareAtPrice <= price) err('compare_at_price', 'The compare-at price must be higher than the price.');

  const weightRaw = cell('weight_grams');
  const weightGrams = weightRaw ? count(weightRaw) : undefined;
  if (weightGrams === null) err('weight_grams', 'Enter the weight in grams as a whole number.');
  const thresholdRaw = cell('low_stock_threshold');
  const lowStockThreshold = thresholdRaw ? count(thresholdRaw) : undefined;
  if (lowStockThreshold === null) err('low_stock_threshold', 'Enter the threshold as a whole number (0 turns alerts off).');

  const stock: CsvRow['stock'] = [];
  for (const { index, code } of header.stockCodes) {
    const raw = unguardText(fields[index]!.trim());
    if (!raw) continue;
    const n = count(raw);
    if (n === null) err(`stock:${code}`, 'Enter the quantity on hand as a whole number (0 or more).');
    else stock.push({ code, quantity: n });
  }

  if (errors.length) return { errors };
  return {
    value: {
      row,
      handle,
      product,
      options,
      sku,
      price: price!,
      compareAtPrice,
      ...(weightGrams != null ? { weightGrams } : {}),
      ...(lowStockThreshold != null ? { lowStockThreshold } : {}),
      stock,
    },
    errors,
  };
}

/** The row's handle when it is well-formed (so a row with other errors still fails its product). */
export function rowHandle(header: Header, fields: string[]): string | null {
  const i = header.columns.indexOf('handle');
  const h = i < 0 ? '' : (fields[i] ?? '').trim().toLowerCase();
  return h && h.length <= 120 && HANDLE.test(h) ? h : null;
}

export type ProductGroup = {
  handle: string;
  rows: CsvRow[];
  /** Row numbers of every row of this product in the file, valid or not. */
  rowNumbers: number[];
  product: Partial<Record<ProductColumn, string>>;
  optionNames: string[];
  /** Set when any row of the product failed: the product is skipped as a whole. */
  failed: boolean;
  /** This product's row errors (a group fails as a whole). */
  errors: ImportIssue[];
};

/**
 * Groups rows by handle (in order of first appearance) and checks what spans rows: product
 * fields that disagree, option names that differ from the product's first row, a combination
 * given twice, a SKU used twice in the file. A bad row fails its whole product.
 */
export function groupRows(parsed: { row: number; handle: string | null; value?: CsvRow; errors: ImportIssue[] }[]): { groups: ProductGroup[]; orphanErrors: ImportIssue[] } {
  const orphanErrors: ImportIssue[] = [];
  const groups = new Map<string, ProductGroup>();
  const skuRows = new Map<string, number>();
  for (const p of parsed) {
    if (!p.handle) {
      orphanErrors.push(...p.errors);
      continue;
    }
    let g = groups.get(p.handle);
    if (!g) {
      g = { handle: p.handle, rows: [], rowNumbers: [], product: {}, optionNames: [], failed: false, errors: [] };
      groups.set(p.handle, g);
    }
    const group = g;
    group.rowNumbers.push(p.row);
    group.errors.push(...p.errors);
    if (!p.value) {
      group.failed = true;
      continue;
    }
    const r = p.value;
    const err = (column: string, message: string) => {
      group.errors.push({ row: r.row, column, message });
      group.failed = true;
    };
    for (const [k, v] of Object.entries(r.product) as [ProductColumn, string][]) {
      const first = g.product[k];
      if (first === undefined) g.product[k] = v;
      else if (first !== v) err(k, `Differs from this product's earlier row. Leave it empty on later rows or repeat the same value.`);
    }
    const names = r.options.map((o) => o.name);
    const isFirst = g.rows.length === 0 && !g.optionNames.length;
    if (isFirst) {
      if (names.some((n) => !n)) err('option1_name', 'Name each option on the product’s first row.');
      const lower = names.map((n) => n.toLowerCase());
      if (new Set(lower).size !== lower.length) err('option1_name', 'Two options have the same name.');
      g.optionNames = names;
    } else {
      const filled = r.options.map((o, i) => ({ name: o.name || g.optionNames[i] || '', value: o.value }));
      if (filled.length !== g.optionNames.length || filled.some((o, i) => o.name !== g.optionNames[i])) {
        err('option1_name', `Use the same options as the product's first row (${g.optionNames.join(', ') || 'none'}).`);
      }
      r.options = filled;
    }
    const combo = JSON.stringify(r.options.map((o) => o.value.toLowerCase()));
    if (g.rows.some((x) => JSON.stringify(x.options.map((o) => o.value.toLowerCase())) === combo)) {
      err(r.options.length ? 'option1_value' : 'handle', r.options.length ? 'This combination of option values appears twice for the product.' : 'A product without options has a single row.');
    }
    const dupe = skuRows.get(r.sku);
    if (dupe !== undefined) err('sku', `SKU ${r.sku} is also on row ${dupe}.`);
    else skuRows.set(r.sku, r.row);
    g.rows.push(r);
  }
  return { groups: [...groups.values()], orphanErrors };
}
