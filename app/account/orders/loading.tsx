import { OrderListSkeleton } from '@/components/orders/order-skeleton';

export default function Loading() {
  return (
    <div className="mx-auto max-w-7xl px-4 py-8">
      <OrderListSkeleton />
    </div>
  );
}
