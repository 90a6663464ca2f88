'use client';

import { useActionState } from 'react';
import type { ActionResult } from '@/lib/accounts/action';
import { updateProfileAction } from '@/lib/accounts/account-actions';
import { Field, FormMessage } from './account-field';

type State = { result: ActionResult<void>; name: string } | null;

export function AccountProfileForm({ name, email }: { name: string | null; email: string }) {
  const [state, action, pending] = useActionState<State, FormData>(async (prev, form) => {
    const result = await updateProfileAction(prev?.result, form);
    return { result, name: String(form.get('name') ?? '') };
  }, null);
  const fe = state && !state.result.ok ? state.result.fieldErrors : undefined;
  return (
    <form action={action} className="max-w-md space-y-4" noValidate>
      <Field
        name="name"
        label="Name"
        hint="1–100 characters. Shown on your orders and reviews."
        autoComplete="name"
        // Keeps what was typed when the server refuses it (React resets forms after an action).
        defaultValue={state && !state.result.ok ? state.name : (name ?? '')}
        errors={fe?.name}
      />
      <div>
        <p className="block text-sm font-medium">Email</p>
        <p className="mt-1 text-slate-700">{email}</p>
      </div>
      <FormMessage ok={state?.result.ok} message={state ? (state.result.ok ? 'Profile saved.' : state.result.message) : null} />
      <button type="submit" disabled={pending} className="rounded-md bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700 disabled:opacity-60">
        {pending ? 'Saving…' : 'Save profile'}
      </button>
    </form>
  );
}
