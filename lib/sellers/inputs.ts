import { z } from 'zod';
import { businessType, kycDocumentKind } from '@/db/schema/kyc';
import { COUNTRIES, type CountryCode } from '@/lib/accounts/account-inputs';
import { slug } from './slug';

export { RESERVED_SLUGS, SLUG_RULES, slug, suggestSlug } from './slug';

// C0/C1 controls and bidi overrides: text must read as it renders (same rule as account inputs).
const UNSAFE_CHARS = /[\p{Cc}\u202A-\u202E\u2066-\u2069]/u;
const UNSAFE_LINE_CHARS = /[\u0000-\u0009\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/u; // newlines allowed
const chars = (s: string) => [...s].length;

function text(label: string, max: number, opts: { multiline?: boolean; min?: number } = {}) {
  const unsafe = opts.multiline ? UNSAFE_LINE_CHARS : UNSAFE_CHARS;
  return z
    .string({ error: `Enter ${label}` })
    .normalize('NFKC')
    .transform((s) => (opts.multiline ? s.replace(/\r\n?/g, '\n') : s).trim())
    .refine((s) => chars(s) >= (opts.min ?? 1), opts.min && opts.min > 1 ? `Use at least ${opts.min} characters` : `Enter ${label}`)
    .refine((s) => chars(s) <= max, `Use at most ${max} characters`)
    .refine((s) => !unsafe.test(s), 'Remove the control characters');
}

function optionalText(max: number, opts: { multiline?: boolean } = {}) {
  const unsafe = opts.multiline ? UNSAFE_LINE_CHARS : UNSAFE_CHARS;
  return z
    .string()
    .normalize('NFKC')
    .transform((s) => (opts.multiline ? s.replace(/\r\n?/g, '\n') : s).trim())
    .refine((s) => chars(s) <= max, `Use at most ${max} characters`)
    .refine((s) => !unsafe.test(s), 'Remove the control characters')
    .nullish()
    .transform((s) => s || null);
}

const checkbox = z
  .union([z.boolean(), z.literal('on'), z.literal('true'), z.literal('')])
  .optional()
  .transform((v) => v === true || v === 'on' || v === 'true');

export const storeId = z.guid('That store was not found.');
const email = (label: string) =>
  z
    .string({ error: `Enter ${label}` })
    .trim()
    .toLowerCase()
    .min(1, `Enter ${label}`)
    .max(254, 'Use at most 254 characters')
    .pipe(z.email('Enter a valid email address'));

// ---- Store profile ----

const storeName = text('the store name', 80, { min: 2 });

export const startApplicationInput = z.object({ name: storeName, slug });
export type StartApplicationInput = z.infer<typeof startApplicationInput>;

export const storeProfileInput = z.object({
  storeId,
  name: storeName,
  /** Only while the application is editable; the address is fixed once the store is approved. */
  slug: slug.optional(),
  description: text('a short description', 2000, { multiline: true, min: 20 }),
  supportEmail: email('a support email'),
  returnPolicy: text('your return policy', 5000, { multiline: true, min: 20 }),
});
export type StoreProfileInput = z.infer<typeof storeProfileInput>;

export const slugCheckInput = z.object({ slug: z.string().max(200), storeId: storeId.optional() });

// ---- KYC ----

export const BUSINESS_TYPES = businessType.enumValues;
export const BUSINESS_TYPE_LABEL: Record<(typeof BUSINESS_TYPES)[number], string> = {
  individual: 'Individual',
  sole_proprietor: 'Sole proprietor',
  company: 'Company (limited, corporation)',
  partnership: 'Partnership',
  nonprofit: 'Non-profit',
};

const COUNTRY_CODES = COUNTRIES.map(([c]) => c) as [CountryCode, ...CountryCode[]];

/** Separators people type in ids and account numbers; the stored value has none. */
const compact = (s: string) => s.replace(/[\s\-./]/g, '').toUpperCase();

/** Empty means "keep what is on file" (the stored value is never sent back to the form). */
const secretField = (pattern: RegExp, message: string, check?: (v: string) => string | null) =>
  z
    .string()
    .max(100, 'Use at most 100 characters')
    .optional()
    .transform((s) => (s ? compact(s) : ''))
    .superRefine((v, ctx) => {
      if (!v) return;
      if (!pattern.test(v)) ctx.addIssue({ code: 'custom', message });
      else {
        const problem = check?.(v);
        if (problem) ctx.addIssue({ code: 'custom', message: problem });
      }
    })
    .transform((v) => v || null);

export const taxIdField = secretField(/^[A-Z0-9]{5,20}$/, 'Use 5–20 letters and digits (spaces and dashes are ignored)');

export const businessInput = z.object({
  storeId,
  legalName: text('the legal name', 200, { min: 2 }),
  businessType: z.enum(BUSINESS_TYPES, 'Choose a business type'),
  taxId: taxIdField,
  addressLine1: text('the street address', 200),
  addressLine2: optionalText(200),
  city: text('the city', 100),
  region: optionalText(100),
  postalCode: z
    .string({ error: 'Enter the postal code' })
    .trim()
    .toUpperCase()
    .min(1, 'Enter the postal code')
    .max(16, 'Use at most 16 characters')
    .regex(/^[A-Z0-9][A-Z0-9 -]*$/, 'Use letters, digits, spaces and hyphens'),
  country: z.string({ error: 'Choose a country' }).trim().toUpperCase().pipe(z.enum(COUNTRY_CODES, 'Choose a country from the list')),
});
export type BusinessInput = z.infer<typeof businessInput>;

/** ISO 13616 check digits: move the first four characters to the end, letters to numbers, mod 97 = 1. */
export function ibanIsValid(iban: string): boolean {
  if (!/^[A-Z]{2}[0-9]{2}[A-Z0-9]{11,30}$/.test(iban)) return false;
  const digits = (iban.slice(4) + iban.slice(0, 4)).replace(/[A-Z]/g, (c) => String(c.charCodeAt(0) - 55));
  let rem = 0;
  for (const d of digits) rem = (rem * 10 + Number(d)) % 97;
  return rem === 1;
}

export const payoutAccountField = secretField(/^([A-Z]{2}[0-9]{2}[A-Z0-9]{11,30}|[0-9]{4,17})$/, 'Enter an IBAN (e.g. DE89 3704 0044 0532 0130 00) or a 4–17 digit account number', (v) =>
  /^[A-Z]/.test(v) && !ibanIsValid(v) ? 'That IBAN’s check digits don’t match: check it for typos' : null,
);

export const payoutInput = z.object({
  storeId,
  payoutHolder: text('the account holder’s name', 200, { min: 2 }),
  payoutAccount: payoutAccountField,
});
export type PayoutInput = z.infer<typeof payoutInput>;

export const DOCUMENT_KINDS = kycDocumentKind.enumValues;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];
export const DOCUMENT_KIND_LABEL: Record<DocumentKind, string> = {
  identity: 'Identity document (passport, ID card)',
  business_registration: 'Business registration',
  proof_of_address: 'Proof of address',
  tax_certificate: 'Tax certificate',
  other: 'Other',
};
export const documentKind = z.enum(DOCUMENT_KINDS, 'Choose what the document is');
export const documentIdInput = z.object({ documentId: z.guid('That document was not found.') });

export const submitInput = z.object({
  storeId,
  accept: checkbox.refine((v) => v, 'Accept the seller agreement to submit'),
  agreementVersion: z.string().max(40),
});

export const storeIdInput = z.object({ storeId });

// ---- Review ----

const reason = text('a reason', 2000, { multiline: true, min: 10 });
export const decisionInput = z.object({ storeId });
export const reasonedDecisionInput = z.object({ storeId, reason });

// ---- Staff ----

export const STORE_ROLES = ['owner', 'staff'] as const;
const role = z.enum(STORE_ROLES, 'Choose owner or staff');
export const inviteInput = z.object({ storeId, email: email('their email'), role });
export const revokeInviteInput = z.object({ storeId, inviteId: z.guid('That invitation was not found.') });
export const memberRoleInput = z.object({ storeId, userId: z.string().min(1).max(100), role });
export const removeMemberInput = z.object({ storeId, userId: z.string().min(1).max(100) });
export const acceptInviteInput = z.object({ token: z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'That invitation link is not valid.') });

export { checkbox };
