'use client';

import { useActionState, useState } from 'react';
import { Field, SelectField } from '@/components/accounts/account-field';
import { changeMemberRoleAction, inviteMemberAction, leaveStoreAction, removeMemberAction, revokeInviteAction } from '@/lib/sellers/staff-actions';
import { dangerButton, FormResult, primaryButton, secondaryButton } from './fields';
import { useSellerForm } from './use-seller-form';

const ROLES = [
  { value: 'staff', label: 'Staff: products, stock and orders' },
  { value: 'owner', label: 'Owner: also settings, payouts and team' },
];

export function InviteForm({ storeId }: { storeId: string }) {
  const f = useSellerForm(inviteMemberAction);
  const sent = f.state?.result.ok ? f.state.result.data.email : null;
  return (
    <form key={f.formKey} id={f.formId} action={f.formAction} className="max-w-xl space-y-4" noValidate>
      <input type="hidden" name="storeId" value={storeId} />
      <Field name="email" idPrefix="invite" type="email" label="Email address" hint="They sign in (or sign up) with this address to accept." defaultValue={f.value('email', '')} errors={f.errors?.email} autoComplete="off" />
      <SelectField name="role" idPrefix="invite" label="Role" options={ROLES} defaultValue={f.value('role', 'staff')} errors={f.errors?.role} />
      <FormResult message={f.message} saved={Boolean(sent)} savedText={sent ? `Invitation sent to ${sent}. It works for 7 days.` : undefined} />
      <button type="submit" disabled={f.pending} className={primaryButton}>
        {f.pending ? 'Sending…' : 'Send invitation'}
      </button>
    </form>
  );
}

/** Role change and removal for one member row (owners only). */
export function MemberControls({ storeId, userId, role, label, isSelf }: { storeId: string; userId: string; role: 'owner' | 'staff'; label: string; isSelf: boolean }) {
  const [roleState, roleAction, rolePending] = useActionState(changeMemberRoleAction, null);
  const [removeState, removeAction, removePending] = useActionState(isSelf ? leaveStoreAction : removeMemberAction, null);
  const [confirming, setConfirming] = useState(false);
  const error = (roleState && !roleState.ok ? roleState.message : null) ?? (removeState && !removeState.ok ? removeState.message : null);
  return (
    <div className="flex flex-wrap items-center gap-2">
      <form action={roleAction} className="flex items-center gap-2">
        <input type="hidden" name="storeId" value={storeId} />
        <input type="hidden" name="userId" value={userId} />
        <label className="sr-only" htmlFor={`role-${userId}`}>
          Role of {label}
        </label>
        <select id={`role-${userId}`} name="role" defaultValue={role} className="rounded-md border border-slate-300 px-2 py-1.5 text-sm">
          <option value="owner">Owner</option>
          <option value="staff">Staff</option>
        </select>
        <button type="submit" disabled={rolePending} className={`${secondaryButton} px-3 py-1.5 text-sm`} aria-label={`Save role of ${label}`}>
          {rolePending ? 'Saving…' : 'Save'}
        </button>
      </form>
      {confirming ? (
        <form action={removeAction} className="flex items-center gap-2">
          <input type="hidden" name="storeId" value={storeId} />
          <input type="hidden" name="userId" value={userId} />
          <button type="submit" disabled={removePending} className={`${dangerButton} px-3 py-1.5 text-sm`}>
            {removePending ? 'Removing…' : isSelf ? 'Yes, leave' : `Yes, remove`}
          </button>
          <button type="button" onClick={() => setConfirming(false)} className={`${secondaryButton} px-3 py-1.5 text-sm`}>
            Cancel
          </button>
        </form>
      ) : (
        <button type="button" onClick={() => setConfirming(true)} className="px-2 py-1.5 text-sm text-red-800 underline" aria-label={isSelf ? 'Leave this store' : `Remove ${label}`}>
          {isSelf ? 'Leave' : 'Remove'}
        </button>
      )}
      {error ? (
        <p role="alert" className="w-full text-sm text-sale">
          {error}
        </p>
      ) : null}
    </div>
  );
}

export function RevokeInviteButton({ storeId, inviteId, email }: { storeId: string; inviteId: string; email: string }) {
  const [state, action, pending] = useActionState(revokeInviteAction, null);
  return (
    <form action={action}>
      <input type="hidden" name="storeId" value={storeId} />
      <input type="hidden" name="inviteId" value={inviteId} />
      <button type="submit" disabled={pending} className="text-sm text-red-800 underline disabled:opacity-60" aria-label={`Revoke the invitation to ${email}`}>
        {pending ? 'Revoking…' : 'Revoke'}
      </button>
      {state && !state.ok ? (
        <span role="alert" className="ml-2 text-sm text-sale">
          {state.message}
        </span>
      ) : null}
    </form>
  );
}

/** Staff leave a store themselves (owners use MemberControls). */
export function LeaveStoreButton({ storeId, storeName }: { storeId: string; storeName: string }) {
  const [state, action, pending] = useActionState(leaveStoreAction, null);
  return (
    <form action={action} className="space-y-2">
      <input type="hidden" name="storeId" value={storeId} />
      <button type="submit" disabled={pending} className={dangerButton}>
        {pending ? 'Leaving…' : `Leave ${storeName}`}
      </button>
      {state && !state.ok ? (
        <p role="alert" className="text-sm text-sale">
          {state.message}
        </p>
      ) : null}
    </form>
  );
}
