'use client';

import { useActionState } from 'react';
import type { ActionResult } from '@/lib/accounts/action';
import { requestResetAction, resetPasswordAction, signUpAction } from '@/lib/accounts/registration-actions';
import { Field } from './account-field';
import { fieldErrors, FormMessage, Submit } from './fields';

type State = ActionResult<void> | null;

export function SignUpForm() {
  const [state, action, pending] = useActionState<State, FormData>(signUpAction, null);
  const fe = fieldErrors(state);
  if (state?.ok) return <FormMessage state={state} success="Check your inbox: we sent a link to confirm your email address." />;
  return (
    <form action={action} className="space-y-4" noValidate>
      <Field name="name" label="Name" autoComplete="name" errors={fe?.name} />
      <Field name="email" label="Email" type="email" autoComplete="email" errors={fe?.email} />
      <Field name="password" label="Password (at least 10 characters)" type="password" autoComplete="new-password" errors={fe?.password} />
      <Field name="confirmPassword" label="Repeat the password" type="password" autoComplete="new-password" errors={fe?.confirmPassword} />
      <FormMessage state={state} />
      <Submit pending={pending} label="Create account" busy="Creating…" />
    </form>
  );
}

export function ResetRequestForm() {
  const [state, action, pending] = useActionState<State, FormData>(requestResetAction, null);
  if (state?.ok) return <FormMessage state={state} success="If that address has an account, a reset link is on its way." />;
  return (
    <form action={action} className="space-y-4" noValidate>
      <Field name="email" label="Email" type="email" autoComplete="email" errors={fieldErrors(state)?.email} />
      <FormMessage state={state} />
      <Submit pending={pending} label="Send reset link" busy="Sending…" />
    </form>
  );
}

export function ResetConfirmForm({ email, token }: { email: string; token: string }) {
  const [state, action, pending] = useActionState<State, FormData>(resetPasswordAction, null);
  const fe = fieldErrors(state);
  if (state?.ok) {
    return (
      <div className="space-y-3">
        <FormMessage state={state} success="Your password was changed. Every other session has ended." />
        <a href="/signin" className="text-brand-700 underline">
          Sign in
        </a>
      </div>
    );
  }
  return (
    <form action={action} className="space-y-4" noValidate>
      <input type="hidden" name="email" value={email} />
      <input type="hidden" name="token" value={token} />
      <Field name="password" label="New password (at least 10 characters)" type="password" autoComplete="new-password" errors={fe?.password} />
      <Field name="confirmPassword" label="Repeat the new password" type="password" autoComplete="new-password" errors={fe?.confirmPassword} />
      <FormMessage state={state} />
      <Submit pending={pending} label="Set new password" busy="Saving…" />
    </form>
  );
}
