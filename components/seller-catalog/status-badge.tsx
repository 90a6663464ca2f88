const TONE = {
  draft: 'bg-slate-100 text-slate-800',
  active: 'bg-green-100 text-green-900',
  archived: 'bg-amber-100 text-amber-900',
} as const;
const LABEL = { draft: 'Draft', active: 'Published', archived: 'Archived' } as const;

/** A product's status as a pill; the text carries the meaning, the colour only repeats it. */
export function ProductStatusBadge({ status }: { status: keyof typeof TONE }) {
  return <span className={`inline-flex items-center rounded-full px-2 py-0.5 text-xs font-medium whitespace-nowrap ${TONE[status]}`}>{LABEL[status]}</span>;
}
