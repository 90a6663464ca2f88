'use client';

import { useActionState } from 'react';
import { changePasswordAction, signOutEverywhereAction } from '@/lib/accounts/security-actions';
import type { ActionResult } from '@/lib/accounts/action';
import { Field } from './account-field';

export function ChangePasswordForm() {
  const [state, action, pending] = useActionState<ActionResult<void> | null, FormData>(changePasswordAction, null);
  const fe = state && !state.ok ? state.fieldErrors : undefined;
  return (
    <form action={action} className="space-y-3" noValidate>
      <Field name="currentPassword" label="Current password" type="password" autoComplete="current-password" errors={fe?.currentPassword} />
      <Field name="newPassword" label="New password (at least 10 characters)" type="password" autoComplete="new-password" errors={fe?.newPassword} />
      <Field name="confirmPassword" label="Repeat the new password" type="password" autoComplete="new-password" errors={fe?.confirmPassword} />
      <p role="alert" className="min-h-5 text-sm text-sale">
        {state && !state.ok && !fe ? state.message : null}
      </p>
      <button disabled={pending} className="rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700 disabled:opacity-60">
        {pending ? 'Changing…' : 'Change password'}
      </button>
    </form>
  );
}

export function SignOutEverywhereForm() {
  const [state, action, pending] = useActionState<ActionResult<void> | null, FormData>(signOutEverywhereAction, null);
  return (
    <form action={action}>
      <button disabled={pending} className="rounded-md border border-slate-300 px-4 py-2 text-sm font-medium hover:bg-slate-50 disabled:opacity-60">
        {pending ? 'Signing out…' : 'Sign out everywhere'}
      </button>
      {state && !state.ok ? (
        <p role="alert" className="mt-2 text-sm text-sale">
          {state.message}
        </p>
      ) : null}
    </form>
  );
}
