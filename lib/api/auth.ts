import { verifyCartToken } from '@/lib/cart/service';
import type { DbOrTx } from '@/lib/platform/db';
import { notFound, unauthorized } from './errors';

/** The token of `Authorization: Bearer <token>`, or null. */
export function bearerToken(req: Request): string | null {
  const m = /^Bearer[ \t]+([A-Za-z0-9._~+/=-]{1,512})[ \t]*$/i.exec(req.headers.get('authorization') ?? '');
  return m ? m[1]! : null;
}

/**
 * Proves the caller holds the cart's secret token. No token → 401; a wrong token and a cart
 * that does not exist get the same 404, so cart ids cannot be probed.
 */
export async function requireCartToken(db: DbOrTx, req: Request, cartId: string): Promise<void> {
  if (!(await verifyCartToken(db, cartId, requireBearer(req)))) throw notFound('That cart');
}

/** The Bearer token, or a 401 asking for one. */
export function requireBearer(req: Request): string {
  const token = bearerToken(req);
  if (!token) throw unauthorized('Send the cart token from POST /api/v1/carts as Authorization: Bearer <token>.');
  return token;
}
