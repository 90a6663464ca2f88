import Link from 'next/link';
import type { OutboxSummary } from '@/lib/platform/email';
import { formatUtc, formatUtcSeconds } from './format';
import { StatusBadge } from './status-badge';

const filterHref = (to: string) => `/mail?${new URLSearchParams({ to })}`;

export function OutboxTable({ items, caption }: { items: OutboxSummary[]; caption: string }) {
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200">
      <table className="w-full text-left text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead className="bg-slate-50 text-xs uppercase tracking-wide text-slate-600">
          <tr>
            <th scope="col" className="px-3 py-2 font-semibold">
              Subject
            </th>
            <th scope="col" className="hidden px-3 py-2 font-semibold sm:table-cell">
              To
            </th>
            <th scope="col" className="hidden px-3 py-2 font-semibold md:table-cell">
              Template
            </th>
            <th scope="col" className="px-3 py-2 font-semibold">
              Status
            </th>
            <th scope="col" className="hidden px-3 py-2 font-semibold sm:table-cell">
              Time
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-200">
          {items.map((m) => (
            <tr key={m.id} className="align-top hover:bg-slate-50">
              <th scope="row" className="max-w-xs px-3 py-2 font-medium">
                <Link href={`/mail/${m.id}`} className="break-words text-brand-700 hover:underline">
                  {m.subject}
                </Link>
                {/* Phones: recipient and time fold under the subject instead of their own columns. */}
                <span className="mt-1 block break-all text-xs font-normal text-slate-600 sm:hidden">
                  {m.to} · <time dateTime={m.createdAt.toISOString()}>{formatUtc(m.createdAt)}</time>
                </span>
              </th>
              <td className="hidden px-3 py-2 sm:table-cell">
                <Link href={filterHref(m.to)} className="break-all text-slate-800 hover:underline" aria-label={`Only emails to ${m.to}`}>
                  {m.to}
                </Link>
              </td>
              <td className="hidden px-3 py-2 font-mono text-xs text-slate-700 md:table-cell">{m.template}</td>
              <td className="px-3 py-2">
                <StatusBadge status={m.status} />
              </td>
              <td className="hidden whitespace-nowrap px-3 py-2 text-slate-700 sm:table-cell">
                <time dateTime={m.createdAt.toISOString()} title={formatUtcSeconds(m.createdAt)}>
                  {formatUtc(m.createdAt)}
                </time>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function RecipientFilter({ to }: { to?: string }) {
  return (
    <form action="/mail" method="get" role="search" aria-label="Filter by recipient" className="flex w-full flex-wrap items-end gap-2 sm:w-auto">
      <div className="flex min-w-0 flex-1 flex-col gap-1 sm:w-72 sm:flex-none">
        <label htmlFor="mail-to" className="text-sm font-medium text-slate-700">
          Recipient
        </label>
        <input
          id="mail-to"
          name="to"
          type="email"
          defaultValue={to}
          placeholder="shopper@demo.shop"
          maxLength={254}
          autoComplete="off"
          className="rounded-md border border-slate-300 px-3 py-2 text-sm"
        />
      </div>
      <button className="rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700">Filter</button>
      {to ? (
        <Link href="/mail" className="px-2 py-2 text-sm text-brand-700 underline">
          Clear
        </Link>
      ) : null}
    </form>
  );
}

export function OutboxPager({ to, cursor, nextCursor }: { to?: string; cursor?: string; nextCursor: string | null }) {
  if (!cursor && !nextCursor) return null;
  const href = (c?: string) => {
    const q = new URLSearchParams();
    if (to) q.set('to', to);
    if (c) q.set('cursor', c);
    const s = q.toString();
    return s ? `/mail?${s}` : '/mail';
  };
  return (
    <nav aria-label="Pagination" className="mt-6 flex items-center justify-center gap-3">
      {cursor ? (
        <Link href={href()} className="rounded-md border border-slate-300 px-4 py-2 text-sm hover:bg-slate-50">
          ← Newest
        </Link>
      ) : null}
      {nextCursor ? (
        <Link href={href(nextCursor)} rel="next" className="rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700">
          Older →
        </Link>
      ) : null}
    </nav>
  );
}
