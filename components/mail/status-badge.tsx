import type { OutboxEmail } from '@/db/schema/messaging';

const styles: Record<OutboxEmail['status'], string> = {
  pending: 'bg-amber-50 text-amber-800 ring-amber-600/30',
  sent: 'bg-green-50 text-green-800 ring-green-600/30',
  captured: 'bg-brand-50 text-brand-800 ring-brand-600/30',
  failed: 'bg-red-50 text-red-800 ring-red-600/30',
  suppressed: 'bg-slate-100 text-slate-700 ring-slate-500/30',
};

export function StatusBadge({ status }: { status: OutboxEmail['status'] }) {
  return <span className={`inline-flex rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${styles[status]}`}>{status}</span>;
}
