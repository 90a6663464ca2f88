import { and, eq } from 'drizzle-orm';
import { orders, storeOrders, type StoreOrder } from '@/db/schema/orders';
import { stores } from '@/db/schema/sellers';
import type { Tx } from '@/lib/platform/db';
import { NotFoundError } from '@/lib/platform/errors';

export type LockedStoreOrder = StoreOrder & { storeName: string; order: { id: string; number: string; email: string; status: StoreOrder['status'] } };

/**
 * The store order `storeOrderId` of `storeId`, locked for a fulfilment or cancellation: the order
 * row first, then the store order (the lock order of every status writer). Another store's id,
 * or one that does not exist, is "not found": nothing says whether it exists elsewhere.
 */
export async function lockStoreOrder(tx: Tx, storeId: string, storeOrderId: string): Promise<LockedStoreOrder> {
  const [ref] = await tx
    .select({ orderId: storeOrders.orderId })
    .from(storeOrders)
    .where(and(eq(storeOrders.id, storeOrderId), eq(storeOrders.storeId, storeId)));
  if (!ref) throw new NotFoundError('That order');
  const [order] = await tx.select({ id: orders.id, number: orders.number, email: orders.email, status: orders.status }).from(orders).where(eq(orders.id, ref.orderId)).for('update');
  const [so] = await tx.select().from(storeOrders).where(eq(storeOrders.id, storeOrderId)).for('update');
  const [store] = await tx.select({ name: stores.name }).from(stores).where(eq(stores.id, storeId));
  return { ...so!, storeName: store!.name, order: order! };
}
