'use client';

import { useActionState } from 'react';
import { changePasswordAction, signOutEverywhereAction } from '@/lib/accounts/security-actions';
import type { ActionResult } from '@/lib/accounts/action';

function Field({ name, label, autoComplete, errors }: { name: string; label: string; autoComplete: string; errors?: string[] }) {
  const id = `f-${name}`;
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium">
        {label}
      </label>
      <input
        id={id}
        name={name}
        type="password"
        autoComplete={autoComplete}
        aria-invalid={Boolean(errors?.length)}
        aria-describedby={errors?.length ? `${id}-error` : undefined}
        className="mt-1 block w-full max-w-sm rounded-md border border-slate-300 px-3 py-2"
      />
      {errors?.length ? (
        <p id={`${id}-error`} className="mt-1 text-sm text-sale">
          {errors[0]}
        </p>
      ) : null}
    </div>
  );
}

export function ChangePasswordForm() {
  const [state, action, pending] = useActionState<ActionResult<void> | null, FormData>(changePasswordAction, null);
  const fe = state && !state.ok ? state.fieldErrors : undefined;
  return (
    <form action={action} className="space-y-3" noValidate>
      <Field name="currentPassword" label="Current password" autoComplete="current-password" errors={fe?.currentPassword} />
      <Field name="newPassword" label="New password (at least 10 characters)" autoComplete="new-password" errors={fe?.newPassword} />
      <Field name="confirmPassword" label="Repeat the new password" autoComplete="new-password" errors={fe?.confirmPassword} />
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
