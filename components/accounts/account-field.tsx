import type { InputHTMLAttributes, ReactNode } from 'react';

type Common = { name: string; label: string; errors?: string[]; hint?: string; idPrefix?: string };

export const inputClass = 'mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 aria-invalid:border-sale';

/** Label, optional hint and error, tied to the control with aria-describedby. */
function Frame({ id, label, hint, errors, children }: { id: string; label: string; hint?: string; errors?: string[]; children: ReactNode }) {
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
      {children}
      {errors?.length ? (
        <p id={`${id}-error`} className="mt-1 text-sm text-sale">
          {errors[0]}
        </p>
      ) : null}
    </div>
  );
}

const describedBy = (id: string, hint?: string, errors?: string[]) =>
  [hint ? `${id}-hint` : null, errors?.length ? `${id}-error` : null].filter(Boolean).join(' ') || undefined;

export function Field({ name, label, errors, hint, idPrefix = 'f', ...input }: Common & Omit<InputHTMLAttributes<HTMLInputElement>, 'name'>) {
  const id = `${idPrefix}-${name}`;
  return (
    <Frame id={id} label={label} hint={hint} errors={errors}>
      <input id={id} name={name} aria-invalid={Boolean(errors?.length)} aria-describedby={describedBy(id, hint, errors)} className={inputClass} {...input} />
    </Frame>
  );
}

export function SelectField({
  name,
  label,
  errors,
  hint,
  idPrefix = 'f',
  options,
  defaultValue,
}: Common & { options: readonly { value: string; label: string }[]; defaultValue?: string }) {
  const id = `${idPrefix}-${name}`;
  return (
    <Frame id={id} label={label} hint={hint} errors={errors}>
      <select id={id} name={name} defaultValue={defaultValue} aria-invalid={Boolean(errors?.length)} aria-describedby={describedBy(id, hint, errors)} className={inputClass}>
        <option value="">Choose…</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </Frame>
  );
}

/** The result line under a form: success is a status, failure an alert. */
export function FormMessage({ ok, message }: { ok?: boolean; message?: string | null }) {
  return (
    <>
      <p role="status" className="min-h-5 text-sm text-green-800">
        {ok ? message : null}
      </p>
      {!ok && message ? (
        <p role="alert" className="text-sm text-sale">
          {message}
        </p>
      ) : null}
    </>
  );
}
