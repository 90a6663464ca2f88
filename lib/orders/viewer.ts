import 'server-only';
import { getActor } from '@/lib/accounts/session';
import { getDb } from '@/lib/platform/db';
import { canViewOrder, isValidOrderAccessToken } from './access';
import { getOrderByNumber, type OrderDetail } from './queries';

export type ViewableOrder = {
  order: OrderDetail;
  /** The token to carry on links between the order's pages, when that is how the viewer got in. */
  token: string | null;
};

/**
 * The order behind an order page, or null when it does not exist or this visitor may not see
 * it: the same null either way, so the page never reveals which.
 */
export async function getViewableOrder(number: string, token: string | null | undefined): Promise<ViewableOrder | null> {
  const [order, actor] = await Promise.all([getOrderByNumber(await getDb(), number), getActor()]);
  if (!order || !canViewOrder(actor, order, token)) return null;
  return { order, token: token && isValidOrderAccessToken(order, token) ? token : null };
}
