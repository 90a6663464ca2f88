'use client';

import { Field, SelectField } from '@/components/accounts/account-field';
import { saveBusinessAction } from '@/lib/sellers/actions';
import { FormResult, primaryButton } from './fields';
import { useSellerForm } from './use-seller-form';

type Option = { value: string; label: string };
export type BusinessValues = {
  storeId: string;
  legalName: string | null;
  businessType: string | null;
  taxIdMasked: string | null;
  addressLine1: string | null;
  addressLine2: string | null;
  city: string | null;
  region: string | null;
  postalCode: string | null;
  country: string | null;
};

/** KYC: who the seller is. The tax id is never sent back to the page: it shows masked, and an empty field keeps it. */
export function BusinessForm({ values, businessTypes, countries }: { values: BusinessValues; businessTypes: Option[]; countries: Option[] }) {
  const f = useSellerForm(saveBusinessAction);
  const p = 'kyc';
  const field = (name: keyof BusinessValues) => ({ name, idPrefix: p, defaultValue: f.value(name, values[name]), errors: f.errors?.[name] });
  return (
    <form key={f.formKey} id={f.formId} action={f.formAction} className="max-w-2xl space-y-4" noValidate>
      <input type="hidden" name="storeId" value={values.storeId} />
      <Field {...field('legalName')} label="Legal name" hint="The person or company as registered with the tax authority." autoComplete="organization" />
      <SelectField {...field('businessType')} label="Business type" options={businessTypes} />
      <Field
        name="taxId"
        idPrefix={p}
        label="Tax id (VAT, EIN or national tax number)"
        hint={values.taxIdMasked ? `On file: ${values.taxIdMasked}. Leave empty to keep it, or enter a new one.` : 'Stored encrypted; afterwards only its last four characters are ever shown.'}
        defaultValue={f.state && !f.state.result.ok ? (f.state.values.taxId ?? '') : ''}
        errors={f.errors?.taxId}
        autoComplete="off"
        spellCheck={false}
      />
      <fieldset className="space-y-4">
        <legend className="text-sm font-semibold">Registered address</legend>
        <Field {...field('addressLine1')} label="Street address" autoComplete="address-line1" />
        <Field {...field('addressLine2')} label="Address line 2 (optional)" autoComplete="address-line2" />
        <div className="grid gap-4 sm:grid-cols-2">
          <Field {...field('city')} label="City" autoComplete="address-level2" />
          <Field {...field('region')} label="State / region (optional)" autoComplete="address-level1" />
          <Field {...field('postalCode')} label="Postal code" autoComplete="postal-code" />
          <SelectField {...field('country')} label="Country" options={countries} />
        </div>
      </fieldset>
      <FormResult message={f.message} saved={false} />
      <button type="submit" disabled={f.pending} className={primaryButton}>
        {f.pending ? 'Saving…' : 'Save and continue'}
      </button>
    </form>
  );
}
