'use client';

import { submitApplicationAction } from '@/lib/sellers/actions';
import { FormResult, primaryButton } from './fields';
import { useSellerForm } from './use-seller-form';

/** Accept the agreement (this version) and send the application for review. */
export function SubmitApplicationForm({ storeId, agreementVersion, ready, resubmit }: { storeId: string; agreementVersion: string; ready: boolean; resubmit: boolean }) {
  const f = useSellerForm(submitApplicationAction);
  return (
    <form key={f.formKey} id={f.formId} action={f.formAction} className="space-y-4" noValidate>
      <input type="hidden" name="storeId" value={storeId} />
      <input type="hidden" name="agreementVersion" value={agreementVersion} />
      <div className="flex items-start gap-2">
        <input
          id="accept-agreement"
          name="accept"
          type="checkbox"
          className="mt-1 size-4"
          aria-invalid={Boolean(f.errors?.accept)}
          aria-describedby={f.errors?.accept ? 'accept-agreement-error' : undefined}
        />
        <label htmlFor="accept-agreement" className="text-sm">
          I have read and accept the seller agreement (version {agreementVersion}), and the details I gave are true.
        </label>
      </div>
      {f.errors?.accept ? (
        <p id="accept-agreement-error" className="text-sm text-sale">
          {f.errors.accept[0]}
        </p>
      ) : null}
      <FormResult message={f.message} saved={false} />
      <button type="submit" disabled={f.pending || !ready} className={primaryButton}>
        {f.pending ? 'Submitting…' : resubmit ? 'Resubmit application' : 'Submit application'}
      </button>
      {!ready ? <p className="text-sm text-slate-700">Finish the steps marked as missing above to submit.</p> : null}
    </form>
  );
}
