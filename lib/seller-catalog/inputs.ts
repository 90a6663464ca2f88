import { z } from 'zod';
import { MAX_OPTIONS, MAX_VALUES_PER_OPTION, MAX_VARIANTS } from './matrix';

// Control characters (NUL above all: Postgres rejects it in text) never reach a query.
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
const CONTROL_OR_NEWLINE = /[\u0000-\u001f\u007f]/;

/** One line of text: trimmed, NFC, no control characters. */
export const line = (what: string, max: number) =>
  z
    .string({ error: `Enter ${what}` })
    .transform((s) => s.normalize('NFC').trim())
    .pipe(
      z
        .string()
        .max(max, `Use at most ${max} characters`)
        .refine((s) => !CONTROL_OR_NEWLINE.test(s), `${what[0]!.toUpperCase()}${what.slice(1)} must be one line of text`),
    );

/** Longer text: line breaks allowed, other control characters not. */
export const paragraph = (max: number) =>
  z
    .string()
    .transform((s) => s.normalize('NFC').replace(/\r\n?/g, '\n').trim())
    .pipe(z.string().max(max, `Use at most ${max} characters`).refine((s) => !CONTROL.test(s), 'Remove control characters'));

const optionalLine = (what: string, max: number) =>
  line(what, max)
    .optional()
    .transform((s) => (s ? s : null));

export const uuid = z.uuid('Not a valid id');

/** Product handles are URL slugs: lower-case letters and digits separated by single hyphens. */
export const HANDLE = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
export const handle = z
  .string()
  .trim()
  .toLowerCase()
  .max(120, 'Use at most 120 characters')
  .regex(HANDLE, 'Use lower-case letters, digits and single hyphens (e.g. trail-runner-2)');

/** SKUs are case-insensitive and stored upper-case: letters, digits and - _ . / only. */
export const SKU = /^[A-Z0-9][A-Z0-9._/-]{0,63}$/;
export const sku = z
  .string()
  .trim()
  .toUpperCase()
  .min(1, 'Enter a SKU')
  .regex(SKU, 'Use up to 64 letters, digits, dashes, dots, underscores or slashes');

export const MAX_PRICE = 100_000_000; // minor units (1,000,000.00)

/**
 * A decimal amount in major units ("19.99", "1,299.50") → integer minor units. Rejects more
 * decimals than the currency has rather than rounding money silently.
 */
export function parseMoney(raw: string, fractionDigits = 2): number | null {
  const s = raw.trim().replace(/^\$/, '').replace(/,(?=\d{3}(\D|$))/g, '');
  const m = new RegExp(`^(\\d{1,9})(?:\\.(\\d{1,${fractionDigits}}))?$`).exec(s);
  if (!m || (fractionDigits === 0 && s.includes('.'))) return null;
  const minor = Number(m[1]) * 10 ** fractionDigits + Number((m[2] ?? '').padEnd(fractionDigits, '0') || 0);
  return minor <= MAX_PRICE ? minor : null;
}

/** Minor units → the plain decimal the forms and CSV use ("1999" → "19.99"). */
export function formatAmount(minor: number, fractionDigits = 2): string {
  if (fractionDigits === 0) return String(minor);
  const s = String(Math.abs(minor)).padStart(fractionDigits + 1, '0');
  return `${minor < 0 ? '-' : ''}${s.slice(0, -fractionDigits)}.${s.slice(-fractionDigits)}`;
}

export const money = (what: string) =>
  z
    .union([z.string(), z.number()])
    .transform((v, ctx) => {
      const parsed = typeof v === 'number' ? (Number.isInteger(v) && v >= 0 && v <= MAX_PRICE ? v : null) : parseMoney(v);
      if (parsed === null) {
        ctx.addIssue({ code: 'custom', message: `Enter ${what} as an amount like 19.99` });
        return z.NEVER;
      }
      return parsed;
    });

/** Optional money: an empty field means "none". */
export const optionalMoney = (what: string) =>
  z
    .union([z.string(), z.number(), z.null(), z.undefined()])
    .transform((v, ctx) => {
      if (v === null || v === undefined || (typeof v === 'string' && v.trim() === '')) return null;
      const parsed = typeof v === 'number' ? (Number.isInteger(v) && v >= 0 && v <= MAX_PRICE ? v : null) : parseMoney(v);
      if (parsed === null) {
        ctx.addIssue({ code: 'custom', message: `Enter ${what} as an amount like 19.99, or leave it empty` });
        return z.NEVER;
      }
      return parsed;
    });

const count = (what: string, max: number) =>
  z.coerce.number({ error: `Enter ${what} as a whole number` }).int(`Enter ${what} as a whole number`).min(0, `${what} can't be negative`).max(max, `${what} is too large`);

export const tagList = z
  .union([z.string(), z.array(z.string())])
  .optional()
  .transform((v) => {
    const raw = v === undefined ? [] : Array.isArray(v) ? v : v.split(',');
    const out = new Map<string, string>();
    for (const t of raw) {
      const tag = t.normalize('NFC').trim().replace(/\s+/g, ' ');
      if (tag) out.set(tag.toLowerCase(), tag);
    }
    return [...out.values()];
  })
  .pipe(
    z
      .array(z.string().max(40, 'Keep each tag under 40 characters').refine((s) => !CONTROL_OR_NEWLINE.test(s), 'Tags must be plain text'))
      .max(30, 'Use at most 30 tags'),
  );

export const storeIdInput = z.object({ storeId: uuid });

/** The fields of a product a seller edits on its details form (and on create). */
export const productDetailsShape = {
  title: line('a title', 200).pipe(z.string().min(1, 'Enter a title')),
  description: paragraph(10_000).optional().default(''),
  categoryId: z.string({ error: 'Choose a category' }).trim().min(1, 'Choose a category').pipe(z.uuid('Choose a category')),
  brand: line('a brand', 100).optional().default(''),
  tags: tagList,
  seoTitle: optionalLine('an SEO title', 70),
  seoDescription: optionalLine('an SEO description', 320),
};

export const createProductInput = z
  .object({
    storeId: uuid,
    ...productDetailsShape,
    handle: z
      .string()
      .optional()
      .transform((s) => (s?.trim() ? s : undefined))
      .pipe(handle.optional()),
    price: money('a price'),
    compareAtPrice: optionalMoney('a compare-at price'),
    sku: z
      .string()
      .optional()
      .transform((s) => (s?.trim() ? s : undefined))
      .pipe(sku.optional()),
  })
  .refine((v) => v.compareAtPrice === null || v.compareAtPrice > v.price, {
    path: ['compareAtPrice'],
    message: 'The compare-at price must be higher than the price',
  });
export type CreateProductInput = z.infer<typeof createProductInput>;

export const updateProductInput = z.object({
  storeId: uuid,
  productId: uuid,
  handle,
  ...productDetailsShape,
});
export type UpdateProductInput = z.infer<typeof updateProductInput>;

export const productStatusInput = z.object({
  storeId: uuid,
  productId: uuid,
  status: z.enum(['draft', 'active', 'archived'], { error: 'Choose draft, active or archived' }),
});

const optionValues = z
  .union([z.string(), z.array(z.string())])
  .transform((v) => (Array.isArray(v) ? v : v.split(',')).map((s) => s.normalize('NFC').trim()).filter(Boolean))
  .pipe(
    z
      .array(z.string().max(60, 'Keep each value under 60 characters').refine((s) => !CONTROL_OR_NEWLINE.test(s), 'Values must be plain text'))
      .min(1, 'Give the option at least one value')
      .max(MAX_VALUES_PER_OPTION, `Use at most ${MAX_VALUES_PER_OPTION} values`),
  );

export const optionInput = z.object({
  name: line('an option name', 40).pipe(z.string().min(1, 'Name the option')),
  values: optionValues,
  /** The option's name before this edit, so a rename keeps the variants. */
  from: z.string().max(40).optional(),
});

export const saveOptionsInput = z.object({
  storeId: uuid,
  productId: uuid,
  options: z.array(optionInput).max(MAX_OPTIONS, `A product can have at most ${MAX_OPTIONS} options`),
  defaultPrice: optionalMoney('a price for new variants'),
});
export type SaveOptionsInput = z.infer<typeof saveOptionsInput>;

export const variantInput = z
  .object({
    id: uuid,
    sku,
    price: money('a price'),
    compareAtPrice: optionalMoney('a compare-at price'),
    weightGrams: count('the weight', 1_000_000),
    lowStockThreshold: count('the low-stock threshold', 1_000_000),
  })
  .refine((v) => v.compareAtPrice === null || v.compareAtPrice > v.price, {
    path: ['compareAtPrice'],
    message: 'The compare-at price must be higher than the price',
  });

export const saveVariantsInput = z.object({
  storeId: uuid,
  productId: uuid,
  variants: z.array(variantInput).min(1).max(MAX_VARIANTS),
});
export type SaveVariantsInput = z.infer<typeof saveVariantsInput>;

export const PRODUCT_STATUSES = ['draft', 'active', 'archived'] as const;

/** The seller's product list query: lenient (a bad value is ignored), like storefront listings. */
export function parseProductListParams(sp: Record<string, string | string[] | undefined>) {
  const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
  const q = line('a search', 100).safeParse(first(sp.q) ?? '');
  const status = z.enum(PRODUCT_STATUSES).safeParse(first(sp.status));
  const cursor = first(sp.cursor);
  return {
    q: q.success && q.data ? q.data : undefined,
    status: status.success ? status.data : undefined,
    cursor: typeof cursor === 'string' && cursor.length <= 200 ? cursor : undefined,
  };
}
export type ProductListParams = ReturnType<typeof parseProductListParams>;

export const ADJUST_REASONS = ['restock', 'return', 'damage', 'correction', 'adjustment'] as const;
export type AdjustReason = (typeof ADJUST_REASONS)[number];

export const adjustStockInput = z
  .object({
    storeId: uuid,
    variantId: uuid,
    locationId: uuid,
    mode: z.enum(['delta', 'set']).default('delta'),
    quantity: z.coerce.number({ error: 'Enter a whole number' }).int('Enter a whole number').min(-1_000_000).max(1_000_000),
    reason: z.enum(ADJUST_REASONS, { error: 'Choose a reason' }),
    note: line('a note', 500).optional().default(''),
  })
  .refine((v) => v.mode === 'set' ? v.quantity >= 0 : v.quantity !== 0, { path: ['quantity'], message: 'Enter a change other than 0 (or a new count of 0 or more)' });
export type AdjustStockInput = z.infer<typeof adjustStockInput>;

export const thresholdInput = z.object({
  storeId: uuid,
  variantId: uuid,
  lowStockThreshold: count('the threshold', 1_000_000),
});

export const imageAltInput = z.object({ storeId: uuid, productId: uuid, imageId: uuid, alt: line('alt text', 250) });
export const imageMoveInput = z.object({ storeId: uuid, productId: uuid, imageId: uuid, direction: z.enum(['up', 'down']) });
export const imageDeleteInput = z.object({ storeId: uuid, productId: uuid, imageId: uuid });
