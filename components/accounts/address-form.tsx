'use client';

import Link from 'next/link';
import { useActionState } from 'react';
import type { ActionResult } from '@/lib/accounts/action';
import { createAddressAction, updateAddressAction } from '@/lib/accounts/account-actions';
import { Field, FormMessage, SelectField } from './account-field';

export type AddressValues = {
  fullName: string;
  line1: string;
  line2: string;
  city: string;
  region: string;
  postalCode: string;
  country: string;
  phone: string;
};
export type CountryOption = { value: string; label: string };

type State = { result: ActionResult<void>; values: Partial<AddressValues> } | null;

const EMPTY: AddressValues = { fullName: '', line1: '', line2: '', city: '', region: '', postalCode: '', country: '', phone: '' };

/** Adds an address, or edits one (`id` set). Values survive a refused submit; a new address clears the form. */
export function AddressForm({ id, initial = EMPTY, countries }: { id?: string; initial?: AddressValues; countries: CountryOption[] }) {
  const editing = Boolean(id);
  const [state, action, pending] = useActionState<State, FormData>(async (prev, form) => {
    const result = await (editing ? updateAddressAction : createAddressAction)(prev?.result, form);
    const typed = Object.fromEntries([...form].filter(([, v]) => typeof v === 'string')) as Partial<AddressValues>;
    return { result, values: result.ok ? (editing ? typed : EMPTY) : typed };
  }, null);
  const fe = state && !state.result.ok ? state.result.fieldErrors : undefined;
  const v = { ...initial, ...state?.values };
  const prefix = editing ? 'edit' : 'new';
  const field = (name: keyof AddressValues) => ({ name, idPrefix: prefix, defaultValue: v[name], errors: fe?.[name] });

  return (
    <form action={action} className="max-w-xl space-y-4" noValidate>
      {id ? <input type="hidden" name="id" value={id} /> : null}
      <fieldset className="space-y-4">
        <legend className="text-lg font-semibold">{editing ? 'Edit address' : 'Add an address'}</legend>
        <Field {...field('fullName')} label="Full name" autoComplete="name" />
        <Field {...field('line1')} label="Street address" autoComplete="address-line1" />
        <Field {...field('line2')} label="Apartment, suite, etc. (optional)" autoComplete="address-line2" />
        <div className="grid gap-4 sm:grid-cols-2">
          <Field {...field('city')} label="City" autoComplete="address-level2" />
          <Field {...field('region')} label="State / region (optional)" autoComplete="address-level1" />
          <Field {...field('postalCode')} label="Postal code" autoComplete="postal-code" />
          <SelectField {...field('country')} label="Country" options={countries} />
        </div>
        <Field {...field('phone')} label="Phone (optional)" type="tel" autoComplete="tel" hint="For the courier, if they need to reach you." />
        {editing ? null : (
          <div className="flex items-center gap-2">
            <input id="new-makeDefault" name="makeDefault" type="checkbox" className="size-4" />
            <label htmlFor="new-makeDefault" className="text-sm">
              Use as my default shipping and billing address
            </label>
          </div>
        )}
      </fieldset>
      <FormMessage ok={state?.result.ok} message={state ? (state.result.ok ? (editing ? 'Address saved.' : 'Address added.') : state.result.message) : null} />
      <div className="flex flex-wrap items-center gap-3">
        <button type="submit" disabled={pending} className="rounded-md bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700 disabled:opacity-60">
          {pending ? 'Saving…' : editing ? 'Save address' : 'Add address'}
        </button>
        {editing ? (
          <Link href="/account/addresses" className="text-brand-700 underline">
            Back to addresses
          </Link>
        ) : null}
      </div>
    </form>
  );
}
