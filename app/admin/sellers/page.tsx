import type { Metadata } from 'next';
import Link from 'next/link';
import { Workspace } from '@/components/accounts/workspace';
import { formatDate } from '@/components/sellers/onboarding-frame';
import { StoreStatusBadge } from '@/components/sellers/status-badge';
import type { SignedInActor } from '@/lib/accounts/session';
import { getDb } from '@/lib/platform/db';
import { firstParam, type PageSearchParams, type SearchParams } from '@/lib/sellers/links';
import { listQueue, queueCounts } from '@/lib/sellers/queries';
import { STATUS_LABEL, STORE_STATUSES, type StoreStatus } from '@/lib/sellers/status';

export const metadata: Metadata = { title: 'Sellers · Admin', robots: { index: false } };

const FILTERS: { status: StoreStatus | null; label: string }[] = [
  { status: 'submitted', label: 'In review' },
  { status: 'rejected', label: STATUS_LABEL.rejected },
  { status: 'active', label: 'Active' },
  { status: 'suspended', label: 'Suspended' },
  { status: 'draft', label: 'Drafts' },
  { status: null, label: 'All' },
];

const href = (p: { status?: string | null; q?: string | null; cursor?: string | null }) => {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(p)) if (v) q.set(k, v);
  const s = q.toString();
  return s ? `/admin/sellers?${s}` : '/admin/sellers';
};

async function Queue({ actor, searchParams }: { actor: SignedInActor; searchParams: Promise<SearchParams> }) {
  const sp = await searchParams;
  const rawStatus = firstParam(sp.status);
  // No filter means the review queue; ?status=all lists every store.
  const status: StoreStatus | null = rawStatus === 'all' ? null : STORE_STATUSES.includes(rawStatus as StoreStatus) ? (rawStatus as StoreStatus) : 'submitted';
  const q = firstParam(sp.q)?.slice(0, 100) ?? '';
  const cursor = firstParam(sp.cursor);
  const db = await getDb();
  const [page, counts] = await Promise.all([listQueue(db, actor, { status: status ?? undefined, q, cursor, limit: 25 }), queueCounts(db, actor)]);
  const total = Object.values(counts).reduce((a, b) => a + (b ?? 0), 0);
  const statusParam = status ?? 'all';
  return (
    <div className="mt-4 space-y-4">
      <nav aria-label="Filter by status" className="-mx-4 overflow-x-auto px-4">
        <ul className="flex gap-1 border-b border-slate-200 text-sm">
          {FILTERS.map((f) => {
            const n = f.status ? (counts[f.status] ?? 0) : total;
            return (
              <li key={f.label}>
                <Link
                  href={href({ status: f.status ?? 'all', q })}
                  aria-current={f.status === status ? 'page' : undefined}
                  className="block border-b-2 border-transparent px-3 py-2 whitespace-nowrap text-slate-700 hover:text-brand-700 aria-[current=page]:border-brand-600 aria-[current=page]:font-semibold aria-[current=page]:text-brand-700"
                >
                  {f.label} <span className="text-slate-600">({n})</span>
                </Link>
              </li>
            );
          })}
        </ul>
      </nav>
      <form action="/admin/sellers" className="flex max-w-md gap-2" role="search">
        <input type="hidden" name="status" value={statusParam} />
        <label htmlFor="seller-search" className="sr-only">
          Search stores
        </label>
        <input id="seller-search" name="q" defaultValue={q} placeholder="Store name, address or applicant email" className="w-full rounded-md border border-slate-300 px-3 py-2" />
        <button className="rounded-md border border-slate-300 px-3 py-2 hover:bg-slate-50">Search</button>
      </form>

      {page.items.length ? (
        <div className="overflow-x-auto rounded-lg border border-slate-200">
          <table className="w-full min-w-[44rem] text-left text-sm">
            <caption className="sr-only">Stores{status ? `: ${STATUS_LABEL[status]}` : ''}</caption>
            <thead className="bg-slate-50 text-slate-700">
              <tr>
                <th scope="col" className="px-3 py-2 font-semibold">Store</th>
                <th scope="col" className="px-3 py-2 font-semibold">Applicant</th>
                <th scope="col" className="px-3 py-2 font-semibold">Status</th>
                <th scope="col" className="px-3 py-2 font-semibold">Submitted</th>
                <th scope="col" className="px-3 py-2 font-semibold">Documents</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-200">
              {page.items.map((s) => (
                <tr key={s.storeId}>
                  <td className="px-3 py-2">
                    <Link href={`/admin/sellers/${s.storeId}`} className="font-medium text-brand-700 underline">
                      {s.name}
                    </Link>
                    <div className="font-mono text-xs text-slate-600">{s.slug}</div>
                  </td>
                  <td className="px-3 py-2">
                    {s.applicantEmail ? (
                      <>
                        <div>{s.legalName ?? s.applicantName ?? '—'}</div>
                        <div className="text-xs text-slate-600">{s.applicantEmail}</div>
                      </>
                    ) : (
                      <span className="text-slate-600">No application (seeded)</span>
                    )}
                  </td>
                  <td className="px-3 py-2">
                    <StoreStatusBadge status={s.status} />
                  </td>
                  <td className="px-3 py-2">{formatDate(s.submittedAt)}</td>
                  <td className="px-3 py-2">{s.documents}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p className="rounded-md border border-dashed border-slate-300 p-6 text-center text-slate-700">
          {q ? `No stores match “${q}”.` : status === 'submitted' ? 'No applications are waiting for review.' : 'No stores here.'}
        </p>
      )}
      <nav aria-label="Pages" className="flex gap-4 text-sm">
        {cursor ? (
          <Link href={href({ status: statusParam, q })} className="text-brand-700 underline">
            First page
          </Link>
        ) : null}
        {page.nextCursor ? (
          <Link href={href({ status: statusParam, q, cursor: page.nextCursor })} className="text-brand-700 underline">
            Next page
          </Link>
        ) : null}
      </nav>
    </div>
  );
}

export default function AdminSellersPage({ searchParams }: PageSearchParams) {
  return (
    <Workspace title="Sellers" path="/admin/sellers" permission="admin:sellers">
      {(actor) => <Queue actor={actor} searchParams={searchParams} />}
    </Workspace>
  );
}
