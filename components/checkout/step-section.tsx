'use client';

import type { ReactNode, Ref } from 'react';

export type StepState = 'done' | 'current' | 'upcoming';

/**
 * One numbered step of the checkout: open while current, a summary with "Change" once done,
 * just its title before. The heading takes focus when the step opens (keyboard and screen readers).
 */
export function StepSection({
  n,
  id,
  title,
  state,
  headingRef,
  summary,
  onEdit,
  editDisabled,
  children,
}: {
  n: number;
  id: string;
  title: string;
  state: StepState;
  headingRef: Ref<HTMLHeadingElement>;
  summary?: ReactNode;
  onEdit: () => void;
  editDisabled?: boolean;
  children: ReactNode;
}) {
  return (
    <section
      aria-labelledby={`${id}-heading`}
      aria-current={state === 'current' ? 'step' : undefined}
      data-testid={`step-${id}`}
      className={`rounded-lg border p-4 sm:p-5 ${state === 'current' ? 'border-brand-600 shadow-sm' : 'border-slate-200'}`}
    >
      <div className="flex items-baseline justify-between gap-4">
        <h2 id={`${id}-heading`} ref={headingRef} tabIndex={-1} className={`text-lg font-semibold ${state === 'upcoming' ? 'text-slate-600' : ''}`}>
          <span aria-hidden="true" className="mr-2 inline-flex size-7 items-center justify-center rounded-full bg-slate-100 text-sm">
            {n}
          </span>
          {title}
        </h2>
        {state === 'done' ? (
          <button type="button" onClick={onEdit} disabled={editDisabled} aria-label={`Change ${title.toLowerCase()}`} className="text-sm font-medium text-brand-700 underline disabled:opacity-60">
            Change
          </button>
        ) : null}
      </div>
      {state === 'done' && summary ? <div className="mt-3 text-sm text-slate-800">{summary}</div> : null}
      {state === 'current' ? <div className="mt-4">{children}</div> : null}
    </section>
  );
}
