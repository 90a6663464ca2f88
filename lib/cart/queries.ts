import { sql } from 'drizzle-orm';
import type { PricingLine } from '@/lib/pricing/quote';
import { sellableSql } from '@/lib/catalog/sellable';
import { getAvailability } from '@/lib/inventory/availability';
import type { DbOrTx } from '@/lib/platform/db';
import { isUuid } from './service';

export type CartLineProblem = null | 'out_of_stock' | 'insufficient_stock' | 'unavailable';

export type CartLineView = {
  itemId: string;
  variantId: string;
  productId: string;
  productSlug: string;
  storeId: string;
  storeName: string;
  title: string;
  variantTitle: string;
  sku: string;
  imageUrl: string | null;
  /** The live price. */
  unitPrice: number;
  /** The price the shopper last saw (when adding, changing the quantity or accepting a change). */
  unitPriceSeen: number;
  priceChanged: boolean;
  quantity: number;
  /** Live units available (on hand minus live reservations). */
  available: number;
  weightGrams: number;
  /** The product and its store are active. */
  purchasable: boolean;
  problem: CartLineProblem;
};

export type CartView = {
  id: string;
  status: 'active' | 'merged' | 'converted';
  currency: string;
  itemCount: number;
  lines: CartLineView[];
  /** Live prices × quantities. */
  subtotal: number;
  hasPriceChanges: boolean;
  hasStockProblems: boolean;
};

type Row = {
  item_id: string;
  variant_id: string;
  product_id: string;
  product_slug: string;
  store_id: string;
  store_name: string;
  title: string;
  variant_title: string;
  sku: string;
  image_url: string | null;
  unit_price: number;
  unit_price_seen: number;
  quantity: number;
  weight_grams: number;
  purchasable: boolean;
};

/** A cart with every line checked against live price and stock, or null when it does not exist. */
export async function getCartView(db: DbOrTx, cartId: string): Promise<CartView | null> {
  if (!isUuid(cartId)) return null;
  const cart = await db.execute<{ id: string; status: CartView['status']; currency: string }>(sql`select id, status, currency from carts where id = ${cartId}`);
  const head = cart.rows[0];
  if (!head) return null;
  // The variant's own image, else the product's first; lines in the order they were added.
  const rows = await db.execute<Row>(sql`
    select ci.id as item_id, v.id as variant_id, p.id as product_id, p.slug as product_slug,
      s.id as store_id, s.name as store_name, p.title, v.title as variant_title, v.sku,
      coalesce(vi.url, (select pi.url from product_images pi where pi.product_id = p.id order by pi.position, pi.id limit 1)) as image_url,
      v.price as unit_price, ci.unit_price_seen, ci.quantity, v.weight_grams,
      ${sellableSql('p')} as purchasable
    from cart_items ci
    join variants v on v.id = ci.variant_id
    join products p on p.id = v.product_id
    join stores s on s.id = p.store_id
    left join product_images vi on vi.id = v.image_id
    where ci.cart_id = ${cartId}
    order by ci.created_at, ci.id`);
  const available = await getAvailability(
    db,
    rows.rows.map((r) => r.variant_id),
  );
  const lines = rows.rows.map((r): CartLineView => {
    const quantity = Number(r.quantity);
    const stock = available.get(r.variant_id) ?? 0;
    const purchasable = Boolean(r.purchasable);
    const unitPrice = Number(r.unit_price);
    const unitPriceSeen = Number(r.unit_price_seen);
    return {
      itemId: r.item_id,
      variantId: r.variant_id,
      productId: r.product_id,
      productSlug: r.product_slug,
      storeId: r.store_id,
      storeName: r.store_name,
      title: r.title,
      variantTitle: r.variant_title,
      sku: r.sku,
      imageUrl: r.image_url,
      unitPrice,
      unitPriceSeen,
      priceChanged: unitPrice !== unitPriceSeen,
      quantity,
      available: stock,
      weightGrams: Number(r.weight_grams),
      purchasable,
      problem: !purchasable ? 'unavailable' : stock <= 0 ? 'out_of_stock' : quantity > stock ? 'insufficient_stock' : null,
    };
  });
  return {
    id: head.id,
    status: head.status,
    currency: head.currency,
    itemCount: lines.reduce((n, l) => n + l.quantity, 0),
    lines,
    subtotal: lines.reduce((n, l) => n + l.unitPrice * l.quantity, 0),
    hasPriceChanges: lines.some((l) => l.priceChanged),
    hasStockProblems: lines.some((l) => l.problem !== null),
  };
}

/** The cart's lines as the pricing module takes them (live prices; problems are the caller's to refuse). */
export function toPricingLines(view: CartView): PricingLine[] {
  return view.lines.map((l) => ({
    variantId: l.variantId,
    productId: l.productId,
    storeId: l.storeId,
    storeName: l.storeName,
    title: l.title,
    variantTitle: l.variantTitle,
    sku: l.sku,
    imageUrl: l.imageUrl,
    unitPrice: l.unitPrice,
    quantity: l.quantity,
    weightGrams: l.weightGrams,
  }));
}
