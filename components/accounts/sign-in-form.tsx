'use client';

import { useActionState } from 'react';
import { magicLinkAction, signInAction, type FormState } from '@/lib/accounts/actions';
import { Field } from './account-field';

export function SignInForm({ callbackUrl }: { callbackUrl?: string }) {
  const [state, action, pending] = useActionState<FormState, FormData>(signInAction, null);
  return (
    <form action={action} className="space-y-4" noValidate>
      {callbackUrl ? <input type="hidden" name="callbackUrl" value={callbackUrl} /> : null}
      <Field name="email" label="Email" type="email" autoComplete="email" required errors={state?.fieldErrors?.email} />
      <Field name="password" label="Password" type="password" autoComplete="current-password" required errors={state?.fieldErrors?.password} />
      <p role="alert" className="min-h-5 text-sm text-sale">
        {state && !state.ok ? state.message : null}
      </p>
      <button type="submit" disabled={pending} className="w-full rounded-md bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700 disabled:opacity-60">
        {pending ? 'Signing in…' : 'Sign in'}
      </button>
    </form>
  );
}

export function MagicLinkForm({ callbackUrl }: { callbackUrl?: string }) {
  const [state, action, pending] = useActionState<FormState, FormData>(magicLinkAction, null);
  if (state?.ok) {
    return (
      <p role="status" className="rounded-md bg-green-50 px-3 py-2 text-sm text-green-800">
        {state.message}
      </p>
    );
  }
  const err = state?.fieldErrors?.email?.[0];
  return (
    <form action={action} className="space-y-3" noValidate>
      {callbackUrl ? <input type="hidden" name="callbackUrl" value={callbackUrl} /> : null}
      <label htmlFor="magic-email" className="block text-sm font-medium">
        Or get a one-time sign-in link at this address
      </label>
      <input
        id="magic-email"
        name="email"
        type="email"
        autoComplete="email"
        aria-invalid={Boolean(err)}
        aria-describedby={err ? 'magic-email-error' : undefined}
        className="block w-full rounded-md border border-slate-300 px-3 py-2"
      />
      {err ? (
        <p id="magic-email-error" className="text-sm text-sale">
          {err}
        </p>
      ) : null}
      {state && !state.ok && !err ? (
        <p role="alert" className="text-sm text-sale">
          {state.message}
        </p>
      ) : null}
      <button type="submit" disabled={pending} className="w-full rounded-md border border-slate-300 px-4 py-2 font-medium hover:bg-slate-50 disabled:opacity-60">
        {pending ? 'Sending…' : 'Send me a link'}
      </button>
    </form>
  );
}
