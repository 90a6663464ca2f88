import Link from 'next/link';
import type { ReactNode } from 'react';
import { Skeleton } from '@/components/ui/skeleton';

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

/** Status tabs over a list: links, the current one marked for assistive tech. */
export function FilterTabs({ label, tabs }: { label: string; tabs: { key: string; label: ReactNode; href: string; current: boolean }[] }) {
  return (
    <nav aria-label={label}>
      <ul className="flex flex-wrap gap-1 border-b border-slate-200 text-sm">
        {tabs.map((t) => (
          <li key={t.key}>
            <Link
              href={t.href}
              aria-current={t.current ? 'page' : undefined}
              className="block border-b-2 border-transparent px-3 py-2 text-slate-700 hover:text-brand-700 aria-[current=page]:border-brand-600 aria-[current=page]:font-semibold aria-[current=page]:text-brand-700"
            >
              {t.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/** A list's search box: a GET form that keeps the store and the current filter. */
export function ListSearch(props: { id: string; action: string; label: string; q?: string; maxLength: number; placeholder?: string; hidden: Record<string, string | undefined>; clearHref: string }) {
  return (
    <form role="search" action={props.action} className="mt-4 flex flex-wrap items-end gap-2">
      {Object.entries(props.hidden).map(([name, value]) => (value ? <input key={name} type="hidden" name={name} value={value} /> : null))}
      <div className="min-w-0 flex-1 sm:max-w-sm">
        <label htmlFor={props.id} className="block text-sm font-medium">
          {props.label}
        </label>
        <input id={props.id} name="q" type="search" defaultValue={props.q} maxLength={props.maxLength} placeholder={props.placeholder} className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2" />
      </div>
      <button type="submit" className={secondaryButtonClass}>
        Search
      </button>
      {props.q ? (
        <Link href={props.clearHref} className="px-2 py-2 text-sm text-brand-700 underline">
          Clear search
        </Link>
      ) : null}
    </form>
  );
}

/** The loading state of a filtered list: tabs, a search box and rows. */
export function ListSkeleton({ label, rowClass = 'h-11' }: { label: string; rowClass?: string }) {
  return (
    <div className="mt-6 space-y-3" role="status" aria-label={label}>
      <Skeleton className="h-9 w-96 max-w-full" />
      <Skeleton className="h-10 w-full max-w-sm" />
      {Array.from({ length: 6 }, (_, i) => (
        <Skeleton key={i} className={`${rowClass} w-full`} />
      ))}
    </div>
  );
}

/** A labelled control with its hint and error (the control points at them with aria-describedby `${id}-hint` / `${id}-error`). */
export function Labelled({ id, label, hint, error, children }: { id: string; label: string; hint?: ReactNode; error?: string; children: ReactNode }) {
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
      {error ? (
        <p id={`${id}-error`} className="mt-1 text-sm text-sale">
          {error}
        </p>
      ) : null}
    </div>
  );
}
