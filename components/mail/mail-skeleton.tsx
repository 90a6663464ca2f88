import { Skeleton } from '@/components/ui/skeleton';

/** The prerendered placeholder: says nothing about the viewer, which may turn out to be disabled. */
export function MailSkeleton() {
  return (
    <div role="status" aria-label="Loading" className="mx-auto max-w-6xl space-y-4 px-4 py-6">
      <Skeleton className="h-8 w-48" />
      <Skeleton className="h-4 w-72 max-w-full" />
      {Array.from({ length: 6 }, (_, i) => (
        <Skeleton key={i} className="h-10 w-full" />
      ))}
    </div>
  );
}
