'use client';

import { Field, inputClass } from '@/components/accounts/account-field';
import type { AddressValues, CountryOption } from './types';

type Props = {
  value: AddressValues;
  onChange: (next: AddressValues) => void;
  errors?: Partial<Record<keyof AddressValues, string[]>>;
  countries: CountryOption[];
  idPrefix: string;
  /** Which address this is, for the browser's autofill (default shipping). */
  section?: 'shipping' | 'billing';
};

/** An address as controlled fields (the checkout keeps what was typed across steps and failed attempts). */
export function AddressFields({ value, onChange, errors, countries, idPrefix, section = 'shipping' }: Props) {
  const auto = (token: string) => `${section} ${token}`;
  const field = (name: keyof AddressValues) => ({
    name,
    idPrefix,
    value: value[name],
    errors: errors?.[name],
    onChange: (e: React.ChangeEvent<HTMLInputElement>) => onChange({ ...value, [name]: e.target.value }),
  });
  const countryId = `${idPrefix}-country`;
  const countryErrors = errors?.country;
  return (
    <div className="space-y-4">
      <Field {...field('fullName')} label="Full name" autoComplete={auto('name')} />
      <Field {...field('line1')} label="Street address" autoComplete={auto('address-line1')} />
      <Field {...field('line2')} label="Apartment, suite, etc. (optional)" autoComplete={auto('address-line2')} />
      <div className="grid gap-4 sm:grid-cols-2">
        <Field {...field('city')} label="City" autoComplete={auto('address-level2')} />
        <Field {...field('region')} label="State / region (optional)" autoComplete={auto('address-level1')} hint="e.g. CA, NY" />
        <Field {...field('postalCode')} label="Postal code" autoComplete={auto('postal-code')} />
        <div>
          <label htmlFor={countryId} className="block text-sm font-medium">
            Country
          </label>
          <select
            id={countryId}
            name="country"
            autoComplete={auto('country')}
            value={value.country}
            onChange={(e) => onChange({ ...value, country: e.target.value })}
            aria-invalid={Boolean(countryErrors?.length)}
            aria-describedby={countryErrors?.length ? `${countryId}-error` : undefined}
            className={inputClass}
          >
            <option value="">Choose…</option>
            {countries.map((c) => (
              <option key={c.value} value={c.value}>
                {c.label}
              </option>
            ))}
          </select>
          {countryErrors?.length ? (
            <p id={`${countryId}-error`} className="mt-1 text-sm text-sale">
              {countryErrors[0]}
            </p>
          ) : null}
        </div>
      </div>
      <Field {...field('phone')} label="Phone (optional)" type="tel" autoComplete={auto('tel')} hint={section === 'shipping' ? 'For the courier, if they need to reach you.' : undefined} />
    </div>
  );
}

/** One line per part of an address, for summaries. */
export function addressLines(a: AddressValues, countryName: (code: string) => string): string[] {
  return [a.fullName, a.line1, a.line2, [a.postalCode, a.city, a.region].filter(Boolean).join(' '), countryName(a.country)].filter((s) => s && s.trim());
}
