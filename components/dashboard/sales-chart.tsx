import { formatMoney } from '@/lib/money';
import type { DailySales } from '@/lib/fulfilment/dashboard';

const W = 600;
const H = 180;
const PAD_TOP = 16;
const PAD_BOTTOM = 22;
const dayLabel = new Intl.DateTimeFormat('en-US', { month: 'short', day: 'numeric', timeZone: 'UTC' });
const label = (day: string) => dayLabel.format(new Date(`${day}T00:00:00Z`));

/**
 * Daily net sales as SVG bars. For assistive technology the picture has a summary (title and
 * description), and every value is in a table right below it (collapsed for sighted users).
 */
export function SalesChart({ days, currency }: { days: DailySales[]; currency: string }) {
  const money = (n: number) => formatMoney(n, currency);
  const max = Math.max(...days.map((d) => d.amount), 0);
  const total = days.reduce((n, d) => n + d.amount, 0);
  const best = days.reduce<DailySales | null>((b, d) => (d.amount > (b?.amount ?? 0) ? d : b), null);
  const slot = W / Math.max(days.length, 1);
  const plotH = H - PAD_TOP - PAD_BOTTOM;
  const summary = total
    ? `Net sales per day from ${label(days[0]!.day)} to ${label(days.at(-1)!.day)}: ${money(total)} in total; best day ${label(best!.day)} with ${money(best!.amount)}.`
    : `No sales from ${label(days[0]!.day)} to ${label(days.at(-1)!.day)}.`;
  return (
    <figure>
      <svg viewBox={`0 0 ${W} ${H}`} className="h-auto w-full" role="img" aria-labelledby="sales-chart-title sales-chart-desc">
        <title id="sales-chart-title">Daily sales, last {days.length} days</title>
        <desc id="sales-chart-desc">{summary}</desc>
        <line x1={0} x2={W} y1={H - PAD_BOTTOM} y2={H - PAD_BOTTOM} className="stroke-slate-300" strokeWidth={1} />
        {max > 0 ? (
          <>
            <line x1={0} x2={W} y1={PAD_TOP} y2={PAD_TOP} className="stroke-slate-200" strokeWidth={1} strokeDasharray="4 4" />
            <text x={4} y={PAD_TOP - 4} className="fill-slate-600 text-[11px]">
              {money(max)}
            </text>
          </>
        ) : null}
        {days.map((d, i) => {
          const h = max > 0 ? Math.max((d.amount / max) * plotH, d.amount > 0 ? 2 : 0) : 0;
          return (
            <rect key={d.day} x={i * slot + slot * 0.15} y={H - PAD_BOTTOM - h} width={slot * 0.7} height={h} rx={2} className="fill-brand-600" data-day={d.day}>
              <title>{`${label(d.day)}: ${money(d.amount)} (${d.orders} ${d.orders === 1 ? 'order' : 'orders'})`}</title>
            </rect>
          );
        })}
        {[0, Math.floor(days.length / 2), days.length - 1].map((i) =>
          days[i] ? (
            <text key={i} x={i * slot + slot / 2} y={H - 6} textAnchor={i === 0 ? 'start' : i === days.length - 1 ? 'end' : 'middle'} className="fill-slate-600 text-[11px]">
              {label(days[i]!.day)}
            </text>
          ) : null,
        )}
      </svg>
      <figcaption className="sr-only">{summary}</figcaption>
      <details className="mt-2 text-sm">
        <summary className="cursor-pointer text-brand-700 underline">Show as a table</summary>
        <div className="mt-2 max-h-64 overflow-y-auto rounded-md border border-slate-200">
          <table className="w-full text-left">
            <caption className="sr-only">Net sales per day</caption>
            <thead className="sticky top-0 bg-slate-50 text-slate-700">
              <tr>
                <th scope="col" className="px-3 py-1.5 font-medium">
                  Day
                </th>
                <th scope="col" className="px-3 py-1.5 text-right font-medium">
                  Orders
                </th>
                <th scope="col" className="px-3 py-1.5 text-right font-medium">
                  Net sales
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {[...days].reverse().map((d) => (
                <tr key={d.day}>
                  <th scope="row" className="px-3 py-1 font-normal">
                    <time dateTime={d.day}>{label(d.day)}</time>
                  </th>
                  <td className="px-3 py-1 text-right tabular-nums">{d.orders}</td>
                  <td className="px-3 py-1 text-right tabular-nums">{money(d.amount)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}
