'use client';

import { Field } from '@/components/accounts/account-field';
import { savePayoutAction, updatePayoutSettingsAction } from '@/lib/sellers/actions';
import { FormResult, primaryButton } from './fields';
import { useSellerForm } from './use-seller-form';

/** Where payouts go. The account number is write-only: shown masked, empty keeps it. */
export function PayoutForm({ storeId, holder, accountMasked, mode }: { storeId: string; holder: string | null; accountMasked: string | null; mode: 'onboarding' | 'settings' }) {
  const f = useSellerForm(mode === 'onboarding' ? savePayoutAction : updatePayoutSettingsAction);
  return (
    <form key={f.formKey} id={f.formId} action={f.formAction} className="max-w-xl space-y-4" noValidate>
      <input type="hidden" name="storeId" value={storeId} />
      <Field name="payoutHolder" idPrefix="payout" label="Account holder" defaultValue={f.value('payoutHolder', holder)} errors={f.errors?.payoutHolder} autoComplete="name" />
      <Field
        name="payoutAccount"
        idPrefix="payout"
        label="IBAN or account number"
        hint={
          accountMasked
            ? `On file: ${accountMasked}. Leave empty to keep it, or enter a new one${mode === 'settings' ? ' (every owner gets an email when it changes)' : ''}.`
            : 'E.g. DE89 3704 0044 0532 0130 00. Stored encrypted; afterwards only the last four characters are shown.'
        }
        defaultValue={f.state && !f.state.result.ok ? (f.state.values.payoutAccount ?? '') : ''}
        errors={f.errors?.payoutAccount}
        autoComplete="off"
        spellCheck={false}
        inputMode="text"
      />
      <FormResult message={f.message} saved={f.saved} savedText="Payout details saved." />
      <button type="submit" disabled={f.pending} className={primaryButton}>
        {f.pending ? 'Saving…' : mode === 'onboarding' ? 'Save and continue' : 'Save payout details'}
      </button>
    </form>
  );
}
