import { z } from 'zod';
import { DomainError, NotFoundError } from '@/lib/platform/errors';

/** Countries we ship to (ISO 3166-1 alpha-2), with the names the address form shows. */
export const COUNTRIES = [
  ['AT', 'Austria'],
  ['AU', 'Australia'],
  ['BE', 'Belgium'],
  ['BR', 'Brazil'],
  ['CA', 'Canada'],
  ['CH', 'Switzerland'],
  ['CZ', 'Czechia'],
  ['DE', 'Germany'],
  ['DK', 'Denmark'],
  ['ES', 'Spain'],
  ['FI', 'Finland'],
  ['FR', 'France'],
  ['GB', 'United Kingdom'],
  ['IE', 'Ireland'],
  ['IN', 'India'],
  ['IT', 'Italy'],
  ['JP', 'Japan'],
  ['KR', 'South Korea'],
  ['MX', 'Mexico'],
  ['NL', 'Netherlands'],
  ['NO', 'Norway'],
  ['NZ', 'New Zealand'],
  ['PL', 'Poland'],
  ['PT', 'Portugal'],
  ['SE', 'Sweden'],
  ['SG', 'Singapore'],
  ['US', 'United States'],
] as const;
export type CountryCode = (typeof COUNTRIES)[number][0];
const COUNTRY_CODES = COUNTRIES.map(([code]) => code) as [CountryCode, ...CountryCode[]];

export const countryOptions = COUNTRIES.map(([value, label]) => ({ value, label }));
export const countryName = (code: string) => COUNTRIES.find(([c]) => c === code)?.[1] ?? code;

export const MAX_ADDRESSES = 20;

// C0/C1 controls and the bidi overrides/isolates that can make text render other than it reads.
// Other format characters stay: emoji sequences need the zero-width joiner.
const UNSAFE_CHARS = /[\p{Cc}\u202A-\u202E\u2066-\u2069]/u;
const codePoints = (s: string) => [...s].length;

/** Free text as people type it: NFKC-normalised, trimmed, bounded in characters, no control characters. */
function text(label: string, max: number) {
  return z
    .string({ error: `Enter ${label}` })
    .normalize('NFKC')
    .trim()
    .refine((s) => codePoints(s) >= 1, `Enter ${label}`)
    .refine((s) => codePoints(s) <= max, `Use at most ${max} characters`)
    .refine((s) => !UNSAFE_CHARS.test(s), 'Remove the control characters');
}

/** Optional free text: empty or missing becomes null. */
function optionalText(max: number) {
  return z
    .string()
    .normalize('NFKC')
    .trim()
    .refine((s) => codePoints(s) <= max, `Use at most ${max} characters`)
    .refine((s) => !UNSAFE_CHARS.test(s), 'Remove the control characters')
    .nullish()
    .transform((s) => s || null);
}

// Ids are uuids; anything else can't name a row (and must not reach Postgres as a cast error).
const addressId = z.guid('That address was not found.');
const checkbox = z
  .union([z.boolean(), z.literal('on'), z.literal('true'), z.literal('')])
  .optional()
  .transform((v) => v === true || v === 'on' || v === 'true');

export const profileInput = z.object({ name: text('your name', 100) });
export type ProfileInput = z.infer<typeof profileInput>;

export const addressFields = z.object({
  fullName: text('the recipient’s name', 100),
  line1: text('the street address', 200),
  line2: optionalText(200),
  city: text('the city', 100),
  region: optionalText(100),
  postalCode: z
    .string({ error: 'Enter the postal code' })
    .trim()
    .toUpperCase()
    .min(1, 'Enter the postal code')
    .max(16, 'Use at most 16 characters')
    .regex(/^[A-Z0-9][A-Z0-9 -]*$/, 'Use letters, digits, spaces and hyphens'),
  country: z
    .string({ error: 'Choose a country' })
    .trim()
    .toUpperCase()
    .pipe(z.enum(COUNTRY_CODES, 'Choose a country from the list')),
  phone: z
    .string()
    .trim()
    .max(32, 'Use at most 32 characters')
    .regex(/^(\+?[0-9 ().-]{3,32})?$/, 'Use digits, spaces, + ( ) . and -')
    .nullish()
    .transform((s) => s || null),
});
export type AddressFields = z.infer<typeof addressFields>;

export const createAddressInput = addressFields.extend({ makeDefault: checkbox });
export type CreateAddressInput = z.infer<typeof createAddressInput>;

export const updateAddressInput = addressFields.extend({ id: addressId });
export type UpdateAddressInput = z.infer<typeof updateAddressInput>;

export const addressIdInput = z.object({ id: addressId });

export const DEFAULT_KINDS = ['shipping', 'billing'] as const;
export type DefaultKind = (typeof DEFAULT_KINDS)[number];
export const setDefaultInput = z.object({ id: addressId, kind: z.enum(DEFAULT_KINDS, 'Choose shipping or billing') });

export const deleteAccountInput = z.object({
  confirmEmail: z.string({ error: 'Type your email address' }).trim().min(1, 'Type your email address').max(254, 'Email is too long'),
});
export type DeleteAccountInput = z.infer<typeof deleteAccountInput>;

/**
 * Services parse their input again (they are called from more than one place); a bad value is
 * an expected failure, never a database error.
 */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const first = parsed.error.issues[0];
  if (first?.path[0] === 'id') throw new NotFoundError('That address');
  throw new DomainError('invalid_input', first ? `${first.path.join('.') || 'input'}: ${first.message}` : 'The input is invalid.');
}
