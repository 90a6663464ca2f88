'use client';

import { useActionState } from 'react';
import { approveApplicationAction, reactivateStoreAction, rejectApplicationAction, suspendStoreAction } from '@/lib/sellers/review-actions';
import { FormResult, dangerButton, primaryButton, secondaryButton, TextAreaField } from './fields';
import { useSellerForm } from './use-seller-form';

function Approve({ storeId }: { storeId: string }) {
  const [state, action, pending] = useActionState(approveApplicationAction, null);
  return (
    <form action={action} className="space-y-2">
      <input type="hidden" name="storeId" value={storeId} />
      <button type="submit" disabled={pending} className={primaryButton}>
        {pending ? 'Approving…' : 'Approve and activate'}
      </button>
      <FormResult message={state && !state.ok ? state.message : null} saved={Boolean(state?.ok)} savedText="Approved: the store is active." />
    </form>
  );
}

function WithReason({ storeId, action, label, busy, hint, tone }: { storeId: string; action: typeof rejectApplicationAction; label: string; busy: string; hint: string; tone: 'danger' | 'secondary' }) {
  const f = useSellerForm(action);
  const prefix = label.toLowerCase().replace(/\W+/g, '-');
  return (
    <form key={f.formKey} id={f.formId} action={f.formAction} className="space-y-2" noValidate>
      <input type="hidden" name="storeId" value={storeId} />
      <TextAreaField name="reason" idPrefix={prefix} label="Reason (sent to the seller)" hint={hint} defaultValue={f.value('reason', '')} errors={f.errors?.reason} rows={3} maxLength={2000} required />
      <FormResult message={f.message} saved={f.saved} savedText="Done." />
      <button type="submit" disabled={f.pending} className={tone === 'danger' ? dangerButton : secondaryButton}>
        {f.pending ? busy : label}
      </button>
    </form>
  );
}

function Reactivate({ storeId }: { storeId: string }) {
  const [state, action, pending] = useActionState(reactivateStoreAction, null);
  return (
    <form action={action} className="space-y-2">
      <input type="hidden" name="storeId" value={storeId} />
      <button type="submit" disabled={pending} className={primaryButton}>
        {pending ? 'Reactivating…' : 'Reactivate the store'}
      </button>
      <FormResult message={state && !state.ok ? state.message : null} saved={Boolean(state?.ok)} savedText="Reactivated." />
    </form>
  );
}

/** The decisions open to an admin for a store in `status`. */
export function DecisionPanel({ storeId, status }: { storeId: string; status: string }) {
  if (status === 'submitted') {
    return (
      <div className="grid gap-6 md:grid-cols-2">
        <div className="space-y-2">
          <h3 className="font-semibold">Approve</h3>
          <p className="text-sm text-slate-700">The store goes live and the applicant becomes its owner.</p>
          <Approve storeId={storeId} />
        </div>
        <div className="space-y-2">
          <h3 className="font-semibold">Ask for changes</h3>
          <WithReason storeId={storeId} action={rejectApplicationAction} label="Reject with this reason" busy="Rejecting…" hint="Say what to fix; at least 10 characters." tone="danger" />
        </div>
      </div>
    );
  }
  if (status === 'active') {
    return <WithReason storeId={storeId} action={suspendStoreAction} label="Suspend the store" busy="Suspending…" hint="Its products are hidden until it is reactivated. At least 10 characters." tone="danger" />;
  }
  if (status === 'suspended') return <Reactivate storeId={storeId} />;
  return <p className="text-sm text-slate-700">No decision is open: the application is {status === 'draft' ? 'still a draft' : status === 'rejected' ? 'back with the seller' : status}.</p>;
}
