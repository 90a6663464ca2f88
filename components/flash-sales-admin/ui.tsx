import Link from 'next/link';
import type { FlashSaleStatus } from '@/db/schema/flash-sales';
import { formatMoney } from '@/lib/money';

export const SALE_STATUS_LABEL: Record<FlashSaleStatus, string> = {
  proposed: 'Proposed',
  approved: 'Approved',
  rejected: 'Rejected',
  scheduled: 'Scheduled',
  live: 'Live',
  ended: 'Ended',
  cancelled: 'Cancelled',
};

const TONE: Record<FlashSaleStatus, string> = {
  proposed: 'bg-amber-100 text-amber-900',
  approved: 'bg-brand-100 text-brand-800',
  rejected: 'bg-red-100 text-red-900',
  scheduled: 'bg-brand-100 text-brand-800',
  live: 'bg-green-100 text-green-900',
  ended: 'bg-slate-100 text-slate-800',
  cancelled: 'bg-slate-100 text-slate-800',
};

/** A sale's status as a pill; the text carries the meaning, the colour only repeats it. */
export function SaleStatusBadge({ status }: { status: FlashSaleStatus }) {
  return <span className={`inline-flex items-center rounded-full px-2 py-0.5 text-xs font-medium whitespace-nowrap ${TONE[status]}`}>{SALE_STATUS_LABEL[status]}</span>;
}

/** "Trail Runner — 9 / Red" (a single-variant product shows its title only). */
export const variantLabel = (productTitle: string, variantTitle: string) => (variantTitle && variantTitle !== 'Default' ? `${productTitle} — ${variantTitle}` : productTitle);

/** Sale price with the regular one struck through. */
export function SalePrice({ salePrice, regularPrice, currency }: { salePrice: number; regularPrice: number; currency: string }) {
  return (
    <span className="whitespace-nowrap">
      <span className="font-semibold">{formatMoney(salePrice, currency)}</span>{' '}
      <s className="text-xs text-slate-600">
        <span className="sr-only">regular price </span>
        {formatMoney(regularPrice, currency)}
      </s>
    </span>
  );
}

export type StatusTab<S extends string> = { status: S | 'all'; label: string; count: number; href: string };

/** Status filter tabs as links (the current one marked for screen readers too). */
export function StatusTabs<S extends string>({ tabs, current, label = 'Filter by status' }: { tabs: StatusTab<S>[]; current: S | 'all'; label?: string }) {
  return (
    <nav aria-label={label} className="-mx-4 overflow-x-auto px-4">
      <ul className="flex gap-1 border-b border-slate-200 text-sm">
        {tabs.map((t) => (
          <li key={t.status}>
            <Link
              href={t.href}
              aria-current={t.status === current ? 'page' : undefined}
              className="block border-b-2 border-transparent px-3 py-2 whitespace-nowrap text-slate-700 hover:text-brand-700 aria-[current=page]:border-brand-600 aria-[current=page]:font-semibold aria-[current=page]:text-brand-700"
            >
              {t.label} <span className="text-slate-600">({t.count})</span>
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/** A label/value row of a definition list. */
export function Term({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <>
      <dt className="text-slate-600">{label}</dt>
      <dd className="break-words">{children ?? '—'}</dd>
    </>
  );
}
