'use client';

import { startApplicationAction } from '@/lib/sellers/actions';
import { FormResult, primaryButton } from './fields';
import { StoreIdentityFields } from './store-identity-fields';
import { useSellerForm } from './use-seller-form';

/** Step zero: name the store and reserve its address; the rest of the application follows. */
export function StartApplicationForm() {
  const f = useSellerForm(startApplicationAction);
  return (
    <form key={f.formKey} id={f.formId} action={f.formAction} className="max-w-xl space-y-4" noValidate>
      <StoreIdentityFields key={f.state ? JSON.stringify(f.state.values) : 'new'} name={f.value('name', '')} slug={f.value('slug', '')} errors={f.errors} idPrefix="start" />
      <FormResult message={f.message} saved={false} />
      <button type="submit" disabled={f.pending} className={primaryButton}>
        {f.pending ? 'Starting…' : 'Start my application'}
      </button>
    </form>
  );
}
