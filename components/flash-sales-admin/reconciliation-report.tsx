import type { SaleReport } from '@/lib/flash-sales/admin-queries';
import { LocalTime } from './local-time';

const ENGINE = { redis: 'Redis', postgres: 'Postgres' } as const;

function Metric({ label, value, hint, alert }: { label: string; value: number; hint?: string; alert?: boolean }) {
  return (
    <div className={`rounded-md border p-3 ${alert ? 'border-sale bg-red-50' : 'border-slate-200 bg-white'}`}>
      <dt className={`text-sm ${alert ? 'font-semibold text-sale' : 'text-slate-700'}`}>{label}</dt>
      <dd className={`mt-1 text-2xl font-semibold tabular-nums ${alert ? 'text-sale' : ''}`}>{value}</dd>
      {hint ? <dd className={`mt-0.5 text-xs ${alert ? 'text-red-900' : 'text-slate-600'}`}>{hint}</dd> : null}
    </div>
  );
}

function DriftCell({ drift }: { drift: number }) {
  return drift === 0 ? <span className="text-green-800">0</span> : <strong className="rounded bg-red-100 px-1.5 py-0.5 text-sale">{drift} (drift)</strong>;
}

/**
 * A sale's reconciliation: the latest report (allocation, sold, held, remaining, returned and
 * drift, highlighted unless 0) with what it was computed from, and the history of reports.
 */
export function ReconciliationReport({ reports }: { reports: SaleReport[] }) {
  const [latest, ...older] = reports;
  if (!latest) {
    return (
      <p className="rounded-md border border-dashed border-slate-300 p-6 text-center text-slate-700">
        No report yet. A sale is reconciled when it has ended and its last holds have settled, and whenever you press “Reconcile now”.
      </p>
    );
  }
  const d = latest.details;
  return (
    <div className="space-y-6">
      <div>
        <p className="text-sm text-slate-700">
          Latest report, <LocalTime value={latest.createdAt} />, {ENGINE[latest.engine]} engine.
        </p>
        <dl data-testid="latest-report" className="mt-3 grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-6">
          <Metric label="Allocation" value={latest.allocation} />
          <Metric label="Sold" value={latest.sold} />
          <Metric label="Held" value={latest.held} hint="In open checkouts" />
          <Metric label="Remaining" value={latest.remaining} />
          <Metric label="Returned" value={latest.returned} hint="Back in general stock" />
          <Metric
            label="Drift"
            value={latest.drift}
            alert={latest.drift !== 0}
            hint={latest.drift === 0 ? 'Counters match holds and orders' : 'Counters disagree with holds or orders: investigate'}
          />
        </dl>
        {latest.drift !== 0 ? (
          <p role="alert" className="mt-3 rounded-md border border-sale bg-red-50 px-3 py-2 text-sm text-red-900">
            Drift of {latest.drift} units. A confirmed hold without an order keeps units from sale (never sells them twice); compare the gate’s counters with the hold rows
            below.
          </p>
        ) : null}
        <details className="mt-3 text-sm">
          <summary className="cursor-pointer font-medium text-brand-700">What the report compared</summary>
          <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1">
            <dt className="text-slate-600">Gate counters</dt>
            <dd>
              {d.gate.sold} sold, {d.gate.held} held, {d.gate.remaining} remaining of {d.gate.allocation}
            </dd>
            <dt className="text-slate-600">Hold rows (units)</dt>
            <dd>
              {d.holds.confirmed} confirmed, {d.holds.active} active, {d.holds.released} released, {d.holds.expired} expired
            </dd>
            <dt className="text-slate-600">Confirmed units with an order</dt>
            <dd>{d.ordered}</dd>
            <dt className="text-slate-600">Hold rows repaired first</dt>
            <dd>{d.repaired}</dd>
          </dl>
        </details>
      </div>
      {older.length ? (
        <div>
          <h3 className="font-semibold">Earlier reports</h3>
          <div className="relative mt-2 overflow-x-auto rounded-lg border border-slate-200">
            <table className="w-full min-w-[36rem] text-left text-sm">
              <caption className="sr-only">Earlier reconciliation reports, newest first</caption>
              <thead className="bg-slate-50 text-slate-700">
                <tr>
                  <th scope="col" className="px-3 py-2 font-medium">
                    When
                  </th>
                  {['Sold', 'Held', 'Remaining', 'Returned', 'Drift'].map((h) => (
                    <th key={h} scope="col" className="px-3 py-2 text-right font-medium">
                      {h}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-200">
                {older.map((r) => (
                  <tr key={r.id}>
                    <th scope="row" className="px-3 py-2 text-left font-normal">
                      <LocalTime value={r.createdAt} />
                    </th>
                    <td className="px-3 py-2 text-right tabular-nums">{r.sold}</td>
                    <td className="px-3 py-2 text-right tabular-nums">{r.held}</td>
                    <td className="px-3 py-2 text-right tabular-nums">{r.remaining}</td>
                    <td className="px-3 py-2 text-right tabular-nums">{r.returned}</td>
                    <td className="px-3 py-2 text-right tabular-nums">
                      <DriftCell drift={r.drift} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      ) : null}
    </div>
  );
}
