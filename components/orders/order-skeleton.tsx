import { Skeleton } from '@/components/ui/skeleton';

export function OrderSkeleton({ label = 'Loading your order' }: { label?: string }) {
  return (
    <div role="status" aria-label={label} className="space-y-6">
      <Skeleton className="h-8 w-64" />
      <Skeleton className="h-4 w-48" />
      <div className="grid gap-6 lg:grid-cols-3">
        <div className="space-y-4 lg:col-span-2">
          <Skeleton className="h-40 w-full" />
          <Skeleton className="h-48 w-full" />
        </div>
        <Skeleton className="h-64 w-full" />
      </div>
    </div>
  );
}

export function OrderListSkeleton() {
  return (
    <div role="status" aria-label="Loading your orders" className="mt-6 space-y-3">
      {Array.from({ length: 3 }, (_, i) => (
        <Skeleton key={i} className="h-28 w-full" />
      ))}
    </div>
  );
}
