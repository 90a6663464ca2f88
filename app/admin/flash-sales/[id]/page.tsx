import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import type { ReactNode } from 'react';
import { z } from 'zod';
import { Workspace } from '@/components/accounts/workspace';
import { LiveRefresh } from '@/components/flash-sales-admin/live-refresh';
import { LocalTime } from '@/components/flash-sales-admin/local-time';
import { ReconciliationReport } from '@/components/flash-sales-admin/reconciliation-report';
import { ReconcileButton, ReviewPanel, SaleActionButton } from '@/components/flash-sales-admin/sale-controls';
import { SalePrice, SaleStatusBadge, Term, variantLabel } from '@/components/flash-sales-admin/ui';
import { liveCounters, listReconciliations, readSaleContext } from '@/lib/flash-sales/admin-queries';
import { getStockGate } from '@/lib/flash-sales/gate';
import { isPublic } from '@/lib/flash-sales/phase';
import { readFlashSale } from '@/lib/flash-sales/reads';
import { getDb } from '@/lib/platform/db';
import { firstParam, type SearchParams } from '@/lib/sellers/links';

export const metadata: Metadata = { title: 'Flash sale · Admin', robots: { index: false } };

type Props = { params: Promise<{ id: string }>; searchParams: Promise<SearchParams> };

const NOTICE: Record<string, string> = {
  created: 'Flash sale created.',
  approved: 'Proposal approved.',
  rejected: 'Proposal rejected: the seller sees your reason.',
  scheduled: 'Sale announced: it is upcoming on the storefront.',
  started: 'Sale started: its allocation left general stock.',
  cancelled: 'Sale cancelled.',
};

/** A scheduled sale whose start has come (by this server's clock, as the gate's). */
function isDue(sale: { status: string; startsAt: Date; endsAt: Date }, now = Date.now()) {
  return sale.status === 'scheduled' && sale.startsAt.getTime() <= now && now < sale.endsAt.getTime();
}

const ENGINE = { redis: 'Redis', postgres: 'Postgres' } as const;

function Card({ id, title, actions, children }: { id: string; title: string; actions?: ReactNode; children: ReactNode }) {
  return (
    <section aria-labelledby={id} className="rounded-lg border border-slate-200 bg-white p-4 sm:p-6">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <h2 id={id} className="text-lg font-semibold">
          {title}
        </h2>
        {actions}
      </div>
      <div className="mt-3">{children}</div>
    </section>
  );
}

async function Detail({ params, searchParams }: Props) {
  const { id } = await params;
  if (!z.uuid().safeParse(id).success) notFound();
  const db = await getDb();
  const row = await readFlashSale(db, id);
  if (!row) notFound();
  const { sale } = row;
  const [context, reports, gate] = await Promise.all([readSaleContext(db, id), listReconciliations(db, id), getStockGate()]);
  const live = sale.status === 'live' ? (await liveCounters(gate, [{ id, engine: sale.engine }])).get(id) : undefined;
  const sp = await searchParams;
  const notice = firstParam(sp.created) ? NOTICE.created : NOTICE[firstParam(sp.done) ?? ''];
  const due = isDue(sale);
  const self = `/admin/flash-sales/${id}`;
  const label = variantLabel(row.productTitle, row.variantTitle);
  const counters = live ?? (sale.engine ? { allocation: sale.allocation, remaining: sale.remaining, held: sale.held, sold: sale.sold } : null);
  const reconcileBlocked = !sale.engine
    ? 'Available once the sale has started: until then no unit has left stock.'
    : sale.engine !== gate.engine
      ? `This sale runs on the ${ENGINE[sale.engine]} engine; this server is configured for ${ENGINE[gate.engine]}.`
      : undefined;

  return (
    <div className="mt-2 space-y-6">
      <p className="text-sm">
        <Link href="/admin/flash-sales" className="text-brand-700 underline">
          ← All flash sales
        </Link>
      </p>
      {notice ? (
        <p role="status" className="rounded-md border border-green-200 bg-green-50 px-3 py-2 text-sm text-green-900">
          {notice}
        </p>
      ) : null}
      <div className="flex flex-wrap items-center gap-x-3 gap-y-2">
        <h2 className="text-xl font-semibold break-words">{label}</h2>
        <SaleStatusBadge status={sale.status} />
        <span className="text-sm text-slate-700">{row.storeName}</span>
        {isPublic(sale) ? (
          <Link href={`/flash/${id}`} className="ml-auto text-sm text-brand-700 underline">
            Public sale page
          </Link>
        ) : (
          <span className="ml-auto text-sm text-slate-700">Not public until it is announced.</span>
        )}
      </div>
      {sale.startError && (sale.status === 'scheduled' || sale.status === 'cancelled') ? (
        <p role="alert" className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900">
          Could not start: {sale.startError}
        </p>
      ) : null}

      {sale.status === 'proposed' ? (
        <section aria-labelledby="review-heading" className="rounded-lg border-2 border-brand-100 bg-brand-50/40 p-4 sm:p-6">
          <h2 id="review-heading" className="mb-3 text-lg font-semibold">
            Review the proposal
          </h2>
          <ReviewPanel saleId={id} doneHref={{ approved: `${self}?done=approved`, rejected: `${self}?done=rejected` }} />
        </section>
      ) : null}

      <div className="grid gap-6 lg:grid-cols-2">
        <Card id="terms-heading" title="Terms">
          <dl className="grid grid-cols-[9rem_1fr] gap-x-4 gap-y-1.5 text-sm">
            <Term label="SKU">
              <span className="font-mono">{context?.sku}</span>
            </Term>
            <Term label="Store">{row.storeName}</Term>
            <Term label="Units from">{context ? `${context.locationName} (${context.locationCode})` : null}</Term>
            <Term label="Allocation">{sale.allocation} units</Term>
            <Term label="Price">
              <SalePrice salePrice={sale.salePrice} regularPrice={row.regularPrice} currency={sale.currency} />
            </Term>
            <Term label="Limit">{sale.perCustomerLimit} per customer</Term>
            <Term label="Starts">
              <LocalTime value={sale.startsAt} />
            </Term>
            <Term label="Ends">
              <LocalTime value={sale.endsAt} />
            </Term>
            <Term label="Proposed/created by">{context?.createdBy}</Term>
            <Term label="Approved by">{context?.approvedBy ? <>{context.approvedBy}{sale.approvedAt ? <>, <LocalTime value={sale.approvedAt} /></> : null}</> : null}</Term>
            {sale.reviewNote ? <Term label="Review note">{sale.reviewNote}</Term> : null}
            <Term label="Engine">{sale.engine ? ENGINE[sale.engine] : 'Chosen when it starts'}</Term>
          </dl>
        </Card>

        <Card id="counters-heading" title={sale.status === 'live' ? 'Live counters' : 'Counters'}>
          {sale.status === 'live' && live === null ? (
            <p role="status" className="text-sm text-amber-900">
              The stock gate can’t be read right now: buying is paused and resumes by itself. Try again in a moment.
            </p>
          ) : counters ? (
            <dl className="grid grid-cols-2 gap-3 sm:grid-cols-4">
              {(
                [
                  ['Remaining', counters.remaining],
                  ['Held', counters.held],
                  ['Sold', counters.sold],
                  ['Returned', sale.returned],
                ] as const
              ).map(([k, v]) => (
                <div key={k} className="rounded-md border border-slate-200 p-3">
                  <dt className="text-sm text-slate-700">{k}</dt>
                  <dd className="mt-1 text-2xl font-semibold tabular-nums">{v}</dd>
                </div>
              ))}
            </dl>
          ) : (
            <p className="text-sm text-slate-700">Nothing sold yet: the sale has not started.</p>
          )}
          {sale.status === 'live' ? (
            <div className="mt-3">
              <LiveRefresh />
            </div>
          ) : null}
          {sale.startedAt ? (
            <p className="mt-3 text-sm text-slate-700">
              Started <LocalTime value={sale.startedAt} />
              {sale.endedAt ? (
                <>
                  , {sale.status === 'cancelled' ? 'cancelled' : 'ended'} <LocalTime value={sale.endedAt} />
                </>
              ) : null}
              {sale.status !== 'live' ? (sale.settledAt ? '; settled.' : '; settling as the last holds resolve.') : '.'}
            </p>
          ) : null}
        </Card>
      </div>

      {['approved', 'scheduled', 'live'].includes(sale.status) ? (
        <Card id="controls-heading" title="Controls">
          <div className="flex flex-wrap items-start gap-6">
            {sale.status === 'approved' ? (
              <SaleActionButton saleId={id} action="schedule" label="Announce (schedule)" pendingLabel="Announcing…" done="Announced." tone="primary" doneHref={`${self}?done=scheduled`} />
            ) : null}
            {due ? (
              <div className="max-w-xs space-y-1">
                <SaleActionButton saleId={id} action="start" label="Start now" pendingLabel="Starting…" done="Started." tone="primary" doneHref={`${self}?done=started`} />
                <p className="text-xs text-slate-600">Its start time has passed; the scheduler or the first buyer starts it within a minute anyway.</p>
              </div>
            ) : null}
            <SaleActionButton
              saleId={id}
              action="cancel"
              label="Cancel the sale"
              pendingLabel="Cancelling…"
              done="Cancelled."
              tone="danger"
              doneHref={`${self}?done=cancelled`}
              confirm={{
                question:
                  sale.status === 'live'
                    ? 'Cancel this live sale? Buying stops at once; units not sold or held go back to stock now, held ones as their checkouts end.'
                    : 'Cancel this sale? It will not start.',
                yes: 'Yes, cancel it',
                no: 'Keep it',
              }}
            />
          </div>
        </Card>
      ) : null}

      <Card id="reconciliation-heading" title="Reconciliation" actions={<ReconcileButton saleId={id} disabledReason={reconcileBlocked} />}>
        <p className="mb-4 max-w-3xl text-sm text-slate-700">
          The gate’s counters checked against the hold rows and the orders. Drift is expected to be 0: anything else means units kept from sale or counted twice.
        </p>
        <ReconciliationReport reports={reports} />
      </Card>
    </div>
  );
}

export default function AdminFlashSalePage(props: Props) {
  return (
    <Workspace title="Flash sale" path="/admin/flash-sales" permission="admin:console">
      {() => <Detail {...props} />}
    </Workspace>
  );
}
