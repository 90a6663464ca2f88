'use client';

import { useActionState } from 'react';
import type { ActionResult } from '@/lib/accounts/action';
import { deleteAccountAction } from '@/lib/accounts/account-actions';
import { Field, FormMessage } from './account-field';

/** Deleting the account takes the account's email, typed out; on success the action signs out and goes home. */
export function AccountDeleteForm({ email }: { email: string }) {
  const [state, action, pending] = useActionState<ActionResult<void> | null, FormData>(deleteAccountAction, null);
  const fe = state && !state.ok ? state.fieldErrors : undefined;
  return (
    <form action={action} className="max-w-md space-y-4" noValidate>
      <Field
        name="confirmEmail"
        idPrefix="delete"
        label={`Type your email address (${email}) to confirm`}
        type="email"
        autoComplete="off"
        spellCheck={false}
        errors={fe?.confirmEmail}
      />
      <FormMessage ok={false} message={state && !state.ok ? state.message : null} />
      <button type="submit" disabled={pending} className="rounded-md bg-sale px-4 py-2 font-medium text-white hover:opacity-90 disabled:opacity-60">
        {pending ? 'Deleting…' : 'Delete my account'}
      </button>
    </form>
  );
}
