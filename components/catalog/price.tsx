import { discountPercent, formatMoney } from '@/lib/money';

export function Price({
  amount,
  max,
  compareAt,
  currency,
  size = 'md',
}: {
  amount: number;
  max?: number;
  compareAt?: number | null;
  currency: string;
  size?: 'md' | 'lg';
}) {
  const off = discountPercent(amount, compareAt);
  const big = size === 'lg' ? 'text-2xl' : 'text-base';
  return (
    <p className="flex flex-wrap items-baseline gap-x-2">
      <span className={`${big} font-semibold ${off ? 'text-sale' : ''}`}>
        {max && max > amount ? <span className="sr-only">From </span> : null}
        {formatMoney(amount, currency)}
        {max && max > amount ? <span aria-hidden="true">+</span> : null}
      </span>
      {off ? (
        <>
          <s className="text-sm text-slate-600">
            <span className="sr-only">Was </span>
            {formatMoney(compareAt!, currency)}
          </s>
          <span className="rounded bg-red-50 px-1.5 py-0.5 text-xs font-medium text-sale">−{off}%</span>
        </>
      ) : null}
    </p>
  );
}
