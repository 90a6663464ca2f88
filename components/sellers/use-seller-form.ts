'use client';

import { useActionState, useEffect, useId } from 'react';
import type { ActionResult } from '@/lib/accounts/action';

type State<T> = { result: ActionResult<T>; values: Record<string, string>; n: number } | null;

/**
 * A server-action form whose typed values survive a refused submit. React resets a form after
 * its action, and a select ignores a changed defaultValue, so the form remounts (`key={formKey}`)
 * after each answer with every field's defaultValue from `value(name, saved)`: what was typed
 * after an error, else the saved value.
 */
export function useSellerForm<T>(action: (prev: unknown, form: FormData) => Promise<ActionResult<T>>) {
  const [state, formAction, pending] = useActionState<State<T>, FormData>(async (prev, form) => {
    const result = await action(prev?.result, form);
    const values = Object.fromEntries([...form].filter(([, v]) => typeof v === 'string')) as Record<string, string>;
    return { result, values, n: (prev?.n ?? 0) + 1 };
  }, null);
  const failed = state && !state.result.ok ? state.result : null;
  const formId = useId();
  // After a refusal the form is new: put the keyboard on the first field that needs fixing.
  useEffect(() => {
    if (state && !state.result.ok && state.result.fieldErrors) document.getElementById(formId)?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [state, formId]);
  return {
    state,
    formAction,
    pending,
    formKey: state?.n ?? 0,
    formId,
    errors: failed?.fieldErrors,
    /** The form-level message: the error (when not about fields), or nothing. */
    message: failed && !failed.fieldErrors ? failed.message : null,
    saved: Boolean(state?.result.ok),
    value: (name: string, saved: string | null | undefined) => (failed ? (state!.values[name] ?? '') : (saved ?? '')),
  };
}
