'use client';

import type { ActionResult } from '@/lib/accounts/action';


/** The form-level message: an error (role=alert) or a success note (role=status). */
export function FormMessage({ state, success }: { state: ActionResult<unknown> | null; success?: string }) {
  if (state?.ok && success) {
    return (
      <p role="status" className="rounded-md bg-green-50 px-3 py-2 text-sm text-green-800">
        {success}
      </p>
    );
  }
  return (
    <p role="alert" className="min-h-5 text-sm text-sale">
      {state && !state.ok && !state.fieldErrors ? state.message : null}
    </p>
  );
}

export const fieldErrors = (state: ActionResult<unknown> | null) => (state && !state.ok ? state.fieldErrors : undefined);

export function Submit({ pending, label, busy }: { pending: boolean; label: string; busy: string }) {
  return (
    <button type="submit" disabled={pending} className="rounded-md bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700 disabled:opacity-60">
      {pending ? busy : label}
    </button>
  );
}
