import Link from 'next/link';
import type { FlashSaleCard } from '@/lib/flash-sales/reads';
import type { SaleExtras } from '@/lib/flash-sales/admin-queries';
import type { GateSnapshot } from '@/lib/flash-sales/gate';
import { isPublic } from '@/lib/flash-sales/phase';
import { LocalTime } from './local-time';
import { SaleActionButton } from './sale-controls';
import { SalePrice, SaleStatusBadge, variantLabel } from './ui';

export type SaleRow = FlashSaleCard & { extras: SaleExtras | undefined; live: GateSnapshot | null | undefined };

function Counters({ row }: { row: SaleRow }) {
  if (row.status === 'live') {
    if (!row.live) return <span className="text-amber-800">Unavailable</span>;
    return (
      <span className="whitespace-nowrap tabular-nums">
        <strong>{row.live.remaining}</strong> left · {row.live.sold} sold
        {row.live.held ? <span className="block text-xs text-slate-600">{row.live.held} in checkouts</span> : null}
      </span>
    );
  }
  if ((row.status === 'ended' || row.status === 'cancelled') && row.extras?.engine) {
    return (
      <span className="whitespace-nowrap tabular-nums">
        {row.extras.counters.sold} sold
        <span className="block text-xs text-slate-600">{row.extras.settledAt ? 'settled' : 'settling'}</span>
      </span>
    );
  }
  return <span className="text-slate-600">—</span>;
}

/**
 * Sales as a table: product, (store,) window, allocation, price, limit, live or final counts and
 * status with the review note. `audience` admin links each to its detail page; seller shows the
 * review note and the withdraw button of a proposal.
 */
export function SalesTable({ rows, audience, caption }: { rows: SaleRow[]; audience: 'admin' | 'seller'; caption: string }) {
  return (
    <div className="relative overflow-x-auto rounded-lg border border-slate-200">
      <table className="w-full min-w-[56rem] text-left text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead className="bg-slate-50 text-slate-700">
          <tr>
            <th scope="col" className="px-3 py-2 font-medium">
              Product
            </th>
            {audience === 'admin' ? (
              <th scope="col" className="px-3 py-2 font-medium">
                Store
              </th>
            ) : null}
            <th scope="col" className="px-3 py-2 font-medium">
              Window
            </th>
            <th scope="col" className="px-3 py-2 text-right font-medium">
              Allocation
            </th>
            <th scope="col" className="px-3 py-2 font-medium">
              Price
            </th>
            <th scope="col" className="px-3 py-2 text-right font-medium">
              Limit
            </th>
            <th scope="col" className="px-3 py-2 font-medium">
              Remaining / sold
            </th>
            <th scope="col" className="px-3 py-2 font-medium">
              Status
            </th>
            {audience === 'seller' ? (
              <th scope="col" className="px-3 py-2 font-medium">
                <span className="sr-only">Actions</span>
              </th>
            ) : null}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-200">
          {rows.map((r) => {
            const label = variantLabel(r.productTitle, r.variantTitle);
            const note = r.extras?.reviewNote;
            const startError = r.status === 'scheduled' || r.status === 'cancelled' ? r.extras?.startError : null;
            return (
              <tr key={r.id} className="align-top">
                <th scope="row" className="px-3 py-2 text-left font-normal">
                  {audience === 'admin' ? (
                    <Link href={`/admin/flash-sales/${r.id}`} className="font-medium text-brand-700 underline">
                      {label}
                    </Link>
                  ) : (
                    <span className="font-medium">{label}</span>
                  )}
                </th>
                {audience === 'admin' ? <td className="px-3 py-2">{r.storeName}</td> : null}
                <td className="px-3 py-2">
                  <LocalTime value={r.startsAt} className="block whitespace-nowrap" />
                  <span className="block whitespace-nowrap text-slate-700">
                    <span className="sr-only">until </span>→ <LocalTime value={r.endsAt} />
                  </span>
                </td>
                <td className="px-3 py-2 text-right tabular-nums">{r.allocation}</td>
                <td className="px-3 py-2">
                  <SalePrice salePrice={r.salePrice} regularPrice={r.regularPrice} currency={r.currency} />
                </td>
                <td className="px-3 py-2 text-right tabular-nums">{r.perCustomerLimit}</td>
                <td className="px-3 py-2">
                  <Counters row={r} />
                </td>
                <td className="px-3 py-2">
                  <SaleStatusBadge status={r.status} />
                  {r.status === 'rejected' && note ? <p className="mt-1 max-w-xs text-xs whitespace-pre-line text-red-900">Review note: {note}</p> : null}
                  {startError ? <p className="mt-1 max-w-xs text-xs text-amber-900">{startError}</p> : null}
                </td>
                {audience === 'seller' ? (
                  <td className="px-3 py-2">
                    {r.status === 'proposed' ? (
                      <SaleActionButton
                        saleId={r.id}
                        action="withdraw"
                        label="Withdraw"
                        pendingLabel="Withdrawing…"
                        done="Proposal withdrawn."
                        confirm={{ question: `Withdraw the proposal for ${label}?`, yes: 'Withdraw it', no: 'Keep it' }}
                      />
                    ) : isPublic({ status: r.status, startedAt: r.extras?.startedAt ?? null }) ? (
                      <Link href={`/flash/${r.id}`} className="whitespace-nowrap text-brand-700 underline">
                        Sale page<span className="sr-only"> of {label}</span>
                      </Link>
                    ) : null}
                  </td>
                ) : null}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
