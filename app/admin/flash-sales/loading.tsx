import { PageSkeleton } from '@/components/seller-catalog/page-skeleton';

export default function Loading() {
  return (
    <div className="mx-auto max-w-7xl px-4 py-8">
      <PageSkeleton label="Loading" />
    </div>
  );
}
