import Link from 'next/link';
import type { ReactNode } from 'react';

export const buttonClass = 'inline-flex items-center justify-center rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700 disabled:opacity-60';
export const secondaryButtonClass = 'inline-flex items-center justify-center rounded-md border border-slate-300 bg-white px-3 py-2 text-sm font-medium text-slate-800 hover:bg-slate-50 disabled:opacity-60';
export const smallButtonClass = 'inline-flex items-center justify-center rounded-md border border-slate-300 bg-white px-2 py-1 text-xs font-medium text-slate-800 hover:bg-slate-50 disabled:opacity-50';
export const inputClass = 'mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 aria-invalid:border-sale';

/** A titled card section of a portal page. */
export function Section({ id, title, description, actions, children }: { id: string; title: string; description?: ReactNode; actions?: ReactNode; children: ReactNode }) {
  return (
    <section aria-labelledby={id} className="rounded-lg border border-slate-200 bg-white p-4 sm:p-6">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <h2 id={id} className="text-lg font-semibold">
            {title}
          </h2>
          {description ? <div className="mt-1 text-sm text-slate-700">{description}</div> : null}
        </div>
        {actions}
      </div>
      <div className="mt-4">{children}</div>
    </section>
  );
}

/** The empty state of a list: what is missing and the one thing to do about it. */
export function EmptyState({ title, children, action }: { title: string; children?: ReactNode; action?: { href: string; label: string } }) {
  return (
    <div className="mt-6 rounded-lg border border-dashed border-slate-300 p-8 text-center">
      <h2 className="text-lg font-semibold">{title}</h2>
      {children ? <div className="mt-1 text-slate-700">{children}</div> : null}
      {action ? (
        <Link href={action.href} className={`mt-4 ${buttonClass}`}>
          {action.label}
        </Link>
      ) : null}
    </div>
  );
}

/** Keyset pagination: "first page" and "next page" links (no page numbers: keyset has none). */
export function KeysetPager({ firstHref, nextHref, label = 'Pagination' }: { firstHref: string | null; nextHref: string | null; label?: string }) {
  if (!firstHref && !nextHref) return null;
  return (
    <nav aria-label={label} className="mt-6 flex flex-wrap items-center justify-center gap-3">
      {firstHref ? (
        <Link href={firstHref} className={secondaryButtonClass}>
          ← First page
        </Link>
      ) : null}
      {nextHref ? (
        <Link href={nextHref} rel="next" className={buttonClass}>
          Next page →
        </Link>
      ) : null}
    </nav>
  );
}
