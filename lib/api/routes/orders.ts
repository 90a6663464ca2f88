import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { checkouts } from '@/db/schema/checkout';
import { orders } from '@/db/schema/orders';
import { verifyCartToken } from '@/lib/cart/service';
import { canViewOrder, isValidOrderAccessToken, orderAccessToken } from '@/lib/orders/access';
import { getOrderById, getOrderByNumber, type OrderDetail } from '@/lib/orders/queries';
import type { DbOrTx } from '@/lib/platform/db';
import { absoluteUrl } from '@/lib/platform/urls';
import { bearerToken } from '../auth';
import { apiActor } from '../context';
import { notFound, unauthorized } from '../errors';
import { defineRoute } from '../handler';
import { orderSchema } from '../schemas';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A Bearer token opens an order when it is the token of the cart it was bought from, or the order's access token. */
async function tokenOpens(db: DbOrTx, order: OrderDetail, token: string): Promise<boolean> {
  if (isValidOrderAccessToken(order, token)) return true;
  const [c] = await db
    .select({ cartId: checkouts.cartId })
    .from(orders)
    .innerJoin(checkouts, eq(checkouts.id, orders.checkoutId))
    .where(eq(orders.id, order.id))
    .limit(1);
  return c ? verifyCartToken(db, c.cartId, token) : false;
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

function orderBody(o: OrderDetail) {
  return {
    ...o,
    placedAt: o.placedAt.toISOString(),
    paidAt: iso(o.paidAt),
    cancelledAt: iso(o.cancelledAt),
    url: absoluteUrl(`/orders/${encodeURIComponent(o.number)}?t=${orderAccessToken(o)}`),
    events: o.events.map((e) => ({ ...e, createdAt: e.createdAt.toISOString() })),
    refunds: o.refunds.map((r) => ({ ...r, createdAt: r.createdAt.toISOString(), settledAt: iso(r.settledAt) })),
  };
}

export const getOrderRoute = defineRoute({
  id: 'getOrder',
  method: 'GET',
  path: '/orders/{id}',
  tag: 'Orders',
  summary: 'Get an order',
  description:
    'An order by id (or number, e.g. MK-100001) with its sub-orders per seller, lines, timeline, payment and refunds. Readable by its signed-in owner (session cookie), or with `Authorization: Bearer <token>` where the token is the cart token of the cart it was bought from or the order access token returned by the checkout. Unknown and not-yours are the same 404.',
  auth: 'order',
  limit: 'read',
  params: z.object({ id: z.string().trim().min(1).max(64).describe('Order id (UUID) or order number.') }),
  responses: { 200: { description: 'The order.', schema: orderSchema } },
  errors: [400, 401, 404, 429],
  async handle({ db, req, params }) {
    const token = bearerToken(req);
    const order = UUID.test(params.id) ? await getOrderById(db, params.id) : await getOrderByNumber(db, params.id);
    if (order && token && (await tokenOpens(db, order, token))) return { status: 200, body: orderBody(order) };
    const actor = await apiActor();
    if (!token && !actor) throw unauthorized('Sign in, or send the cart token or order access token as Authorization: Bearer <token>.');
    if (!order || !canViewOrder(actor, order)) throw notFound('That order');
    return { status: 200, body: orderBody(order) };
  },
});
