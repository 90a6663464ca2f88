import { STATUS_LABEL, type StoreStatus } from '@/lib/sellers/status';

const TONE: Record<StoreStatus, string> = {
  draft: 'bg-slate-100 text-slate-800',
  submitted: 'bg-amber-100 text-amber-900',
  approved: 'bg-green-100 text-green-900',
  rejected: 'bg-red-100 text-red-900',
  active: 'bg-green-100 text-green-900',
  suspended: 'bg-red-100 text-red-900',
};

/** A store's status as a pill; the text carries the meaning, the colour only repeats it. */
export function StoreStatusBadge({ status }: { status: StoreStatus }) {
  return <span className={`inline-flex items-center rounded-full px-2 py-0.5 text-xs font-medium ${TONE[status]}`}>{STATUS_LABEL[status]}</span>;
}
