import { formatMoney } from '@/lib/money';

type Totals = { currency: string; subtotal: number; shippingTotal: number; taxTotal: number; discountTotal: number; total: number; refundedTotal?: number };

/** Subtotal, shipping, tax, discount and total; refunds below the total when there are any. */
export function TotalsTable({ totals, caption = 'Order totals' }: { totals: Totals; caption?: string }) {
  const money = (n: number) => formatMoney(n, totals.currency);
  const rows: [string, string][] = [
    ['Subtotal', money(totals.subtotal)],
    ['Shipping', totals.shippingTotal ? money(totals.shippingTotal) : 'Free'],
    ['Tax', money(totals.taxTotal)],
  ];
  if (totals.discountTotal) rows.push(['Discount', `−${money(totals.discountTotal)}`]);
  return (
    <table className="w-full text-sm">
      <caption className="sr-only">{caption}</caption>
      <tbody>
        {rows.map(([label, value]) => (
          <tr key={label}>
            <th scope="row" className="py-1 text-left font-normal text-slate-700">
              {label}
            </th>
            <td className="py-1 text-right tabular-nums">{value}</td>
          </tr>
        ))}
        <tr className="border-t border-slate-200 text-base font-semibold">
          <th scope="row" className="pt-2 text-left">
            Total
          </th>
          <td className="pt-2 text-right tabular-nums" data-testid="order-total">
            {money(totals.total)}
          </td>
        </tr>
        {totals.refundedTotal ? (
          <tr className="text-amber-900">
            <th scope="row" className="py-1 text-left font-normal">
              Refunded
            </th>
            <td className="py-1 text-right tabular-nums">−{money(totals.refundedTotal)}</td>
          </tr>
        ) : null}
      </tbody>
    </table>
  );
}
