'use client';

import { useActionState } from 'react';
import { Field } from '@/components/accounts/account-field';
import { fieldErrors, FormMessage, Submit } from '@/components/accounts/fields';
import { lookupOrderAction, type LookupResult } from '@/lib/orders/lookup-actions';

type State = LookupResult | null;

/** Order number + email → the tracking page (the action redirects on a match). */
export function LookupForm({ number = '' }: { number?: string }) {
  const [state, action, pending] = useActionState<State, FormData>(lookupOrderAction, null);
  const fe = fieldErrors(state);
  return (
    <form action={action} className="space-y-4" noValidate>
      <Field idPrefix="lookup" name="number" label="Order number" hint="It’s in your confirmation email, e.g. MK-100001." defaultValue={state?.values?.number ?? number} autoComplete="off" spellCheck={false} errors={fe?.number} required />
      <Field idPrefix="lookup" name="email" label="Email used for the order" type="email" defaultValue={state?.values?.email} autoComplete="email" errors={fe?.email} required />
      <FormMessage state={state} />
      <Submit pending={pending} label="Find my order" busy="Looking…" />
    </form>
  );
}
