import { OrderSkeleton } from '@/components/orders/order-skeleton';

export default function Loading() {
  return <OrderSkeleton />;
}
