import { eq, sql } from 'drizzle-orm';
import { checkouts } from '@/db/schema/checkout';
import { createCart } from '@/lib/cart/service';
import { sellableSql } from '@/lib/catalog/sellable';
import { attachHoldToCheckout, readHold } from '@/lib/flash-sales/holds';
import type { Db, DbOrTx } from '@/lib/platform/db';
import { DomainError, NotFoundError } from '@/lib/platform/errors';
import { loadPricingRates } from '@/lib/pricing/rates';
import { type Destination, type PricingLine, quoteCart } from '@/lib/pricing/quote';
import type { CheckoutRequest } from './inputs';
import { type CheckoutStatus, insertAndStart, paymentMethodOf, replay, requestHash } from './service';

/**
 * Express checkout of one flash-sale hold: one line, the sale price, the hold as its stock
 * (the saga confirms the hold instead of reserving general stock; lib/checkout/saga-steps.ts).
 * Only the customer who holds it can buy it, while it is active.
 */
export async function quoteForHold(db: DbOrTx, holdId: string, customerKey: string, destination: Destination | null, selections: Record<string, string> = {}) {
  const hold = await readHold(db, holdId);
  if (!hold || hold.customerKey !== customerKey) throw new NotFoundError('That hold');
  if (hold.status !== 'active' || hold.expiresAt.getTime() <= Date.now()) throw new DomainError('hold_expired', 'Your hold on this flash-sale item has expired.', 409);
  const rows = await db.execute<{ product_id: string; store_id: string; store_name: string; title: string; variant_title: string; sku: string; image_url: string | null; weight_grams: number; sellable: boolean }>(sql`
    select p.id as product_id, ${sellableSql('p')} as sellable, s.id as store_id, s.name as store_name, p.title, v.title as variant_title, v.sku, v.weight_grams,
      coalesce(vi.url, (select pi.url from product_images pi where pi.product_id = p.id order by pi.position, pi.id limit 1)) as image_url
    from variants v join products p on p.id = v.product_id join stores s on s.id = p.store_id
    left join product_images vi on vi.id = v.image_id
    where v.id = ${hold.sale.variantId}`);
  const v = rows.rows[0];
  if (!v) throw new NotFoundError('That product');
  if (!v.sellable) throw new DomainError('unavailable', `${v.title} is no longer available.`, 409);
  const line: PricingLine = {
    variantId: hold.sale.variantId,
    productId: v.product_id,
    storeId: v.store_id,
    storeName: v.store_name,
    title: v.title,
    variantTitle: v.variant_title,
    sku: v.sku,
    imageUrl: v.image_url,
    unitPrice: hold.sale.salePrice,
    quantity: hold.quantity,
    weightGrams: Number(v.weight_grams),
  };
  const rates = await loadPricingRates(db, [v.store_id]);
  return { hold, quote: quoteCart({ currency: hold.sale.currency, lines: [line], destination, selections, ...rates }) };
}

export async function submitFlashCheckout(
  db: Db,
  input: { idempotencyKey: string; holdId: string; customerKey: string; userId: string | null; request: CheckoutRequest; wait?: number },
): Promise<{ checkout: CheckoutStatus; created: boolean }> {
  const { request } = input;
  const hash = requestHash(`hold:${input.holdId}`, input.userId, request);
  const [prior] = await db.select().from(checkouts).where(eq(checkouts.idempotencyKey, input.idempotencyKey));
  if (prior) return { checkout: await replay(db, prior, hash, input.wait), created: false };
  const method = paymentMethodOf(request);
  const { quote } = await quoteForHold(db, input.holdId, input.customerKey, { country: request.shippingAddress.country, region: request.shippingAddress.region }, request.shippingSelections);
  if (quote.missingShipping.length) throw new DomainError('shipping_unavailable', 'The seller does not ship to that address.', 422);
  // The checkout needs a cart; an express checkout's is empty and closes with the order.
  const cartId = await createCart(db, { userId: null });
  return insertAndStart(db, {
    idempotencyKey: input.idempotencyKey,
    hash,
    cartId,
    userId: input.userId,
    request,
    method,
    quote,
    wait: input.wait,
    afterInsert: async (checkoutId) => {
      if (!(await attachHoldToCheckout(db, input.holdId, checkoutId))) {
        await db.update(checkouts).set({ status: 'failed', step: 'failed', failure: { code: 'hold_in_checkout', message: 'This hold is already being checked out, or it expired.' } }).where(eq(checkouts.id, checkoutId));
        throw new DomainError('hold_in_checkout', 'This hold is already being checked out, or it expired.', 409);
      }
    },
  });
}
