export function Rating({ value, count }: { value: number; count: number }) {
  if (!count) return <p className="text-xs text-slate-600">No reviews yet</p>;
  const pct = Math.max(0, Math.min(100, (value / 5) * 100));
  return (
    <p className="flex items-center gap-1 text-xs text-slate-700">
      <span className="relative inline-block leading-none text-slate-300" aria-hidden="true">
        ★★★★★
        <span className="absolute inset-0 overflow-hidden text-amber-500" style={{ width: `${pct}%` }}>
          ★★★★★
        </span>
      </span>
      <span className="sr-only">Rated {value.toFixed(1)} out of 5,</span>
      <span>
        {value.toFixed(1)} ({count.toLocaleString('en-US')}
        <span className="sr-only"> reviews</span>)
      </span>
    </p>
  );
}
