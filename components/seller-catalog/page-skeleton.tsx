import { Skeleton } from '@/components/ui/skeleton';

/** The loading state of a seller-catalog page (title, toolbar, rows). */
export function PageSkeleton({ label, rows = 6 }: { label: string; rows?: number }) {
  return (
    <div className="space-y-3" role="status" aria-label={label}>
      <Skeleton className="h-8 w-64" />
      <Skeleton className="h-10 w-full max-w-md" />
      {Array.from({ length: rows }, (_, i) => (
        <Skeleton key={i} className="h-12 w-full" />
      ))}
    </div>
  );
}
