import { PageSkeleton } from '@/components/seller-catalog/page-skeleton';

export default function Loading() {
  return <PageSkeleton label="Loading" />;
}
