import { Skeleton } from '@/components/ui/skeleton';

export default function Loading() {
  return (
    <div role="status" aria-label="Loading your cart" className="space-y-6">
      <Skeleton className="h-8 w-48" />
      <div className="grid gap-8 lg:grid-cols-[1fr_20rem]">
        <div className="space-y-3">
          <Skeleton className="h-28 w-full" />
          <Skeleton className="h-28 w-full" />
        </div>
        <Skeleton className="h-56 w-full" />
      </div>
    </div>
  );
}
