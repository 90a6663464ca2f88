import type { TextareaHTMLAttributes } from 'react';
import { inputClass } from '@/components/accounts/account-field';

/** A labelled textarea with hint and error tied by aria-describedby (the textarea twin of accounts' Field). */
export function TextAreaField({
  name,
  label,
  hint,
  errors,
  idPrefix = 'f',
  ...rest
}: { name: string; label: string; hint?: string; errors?: string[]; idPrefix?: string } & Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'name'>) {
  const id = `${idPrefix}-${name}`;
  const describedBy = [hint ? `${id}-hint` : null, errors?.length ? `${id}-error` : null].filter(Boolean).join(' ') || undefined;
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium">
        {label}
      </label>
      {hint ? (
        <p id={`${id}-hint`} className="text-xs text-slate-600">
          {hint}
        </p>
      ) : null}
      <textarea id={id} name={name} rows={4} aria-invalid={Boolean(errors?.length)} aria-describedby={describedBy} className={inputClass} {...rest} />
      {errors?.length ? (
        <p id={`${id}-error`} className="mt-1 text-sm text-sale">
          {errors[0]}
        </p>
      ) : null}
    </div>
  );
}

/** The result line under a form: an error as an alert, a saved note as a status. */
export function FormResult({ message, saved, savedText }: { message: string | null; saved: boolean; savedText?: string }) {
  return (
    <>
      <p role="status" className="min-h-5 text-sm text-green-800">
        {saved && savedText ? savedText : null}
      </p>
      {message ? (
        <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-900">
          {message}
        </p>
      ) : null}
    </>
  );
}

export const primaryButton = 'rounded-md bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700 disabled:opacity-60';
export const secondaryButton = 'rounded-md border border-slate-300 px-4 py-2 font-medium hover:bg-slate-50 disabled:opacity-60';
export const dangerButton = 'rounded-md border border-red-300 px-4 py-2 font-medium text-red-800 hover:bg-red-50 disabled:opacity-60';
