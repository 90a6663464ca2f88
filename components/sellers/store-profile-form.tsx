'use client';

import { Field } from '@/components/accounts/account-field';
import { saveStoreProfileAction, updateStoreSettingsAction } from '@/lib/sellers/actions';
import { FormResult, primaryButton, TextAreaField } from './fields';
import { StoreIdentityFields } from './store-identity-fields';
import { useSellerForm } from './use-seller-form';

export type StoreProfileValues = { storeId: string; name: string; slug: string; description: string; supportEmail: string | null; returnPolicy: string | null };

/** The store's public profile: in onboarding it saves and moves on; in settings it saves in place. */
export function StoreProfileForm({ values, mode }: { values: StoreProfileValues; mode: 'onboarding' | 'settings' }) {
  const f = useSellerForm(mode === 'onboarding' ? saveStoreProfileAction : updateStoreSettingsAction);
  const p = 'profile';
  return (
    <form key={f.formKey} id={f.formId} action={f.formAction} className="max-w-2xl space-y-4" noValidate>
      <input type="hidden" name="storeId" value={values.storeId} />
      <StoreIdentityFields
        key={f.state && !f.state.result.ok ? JSON.stringify(f.state.values) : `${values.name}|${values.slug}`}
        name={f.value('name', values.name)}
        slug={f.value('slug', values.slug) || values.slug}
        storeId={values.storeId}
        errors={f.errors}
        slugLocked={mode === 'settings'}
        idPrefix={p}
      />
      <TextAreaField
        name="description"
        idPrefix={p}
        label="Description"
        hint="What you sell and what makes it yours; shown on your store page (20–2,000 characters)."
        defaultValue={f.value('description', values.description)}
        errors={f.errors?.description}
        maxLength={2000}
      />
      <Field
        name="supportEmail"
        idPrefix={p}
        type="email"
        label="Support email"
        hint="Where shoppers reach you about orders."
        defaultValue={f.value('supportEmail', values.supportEmail)}
        errors={f.errors?.supportEmail}
        autoComplete="email"
      />
      <TextAreaField
        name="returnPolicy"
        idPrefix={p}
        label="Return policy"
        hint="How long buyers have, what condition items must be in, who pays return shipping."
        defaultValue={f.value('returnPolicy', values.returnPolicy)}
        errors={f.errors?.returnPolicy}
        rows={5}
        maxLength={5000}
      />
      <FormResult message={f.message} saved={f.saved} savedText="Store profile saved." />
      <button type="submit" disabled={f.pending} className={primaryButton}>
        {f.pending ? 'Saving…' : mode === 'onboarding' ? 'Save and continue' : 'Save changes'}
      </button>
    </form>
  );
}
