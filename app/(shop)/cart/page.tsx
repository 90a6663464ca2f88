import type { Metadata } from 'next';
import { CartContents, type CartEstimate } from '@/components/cart/cart-contents';
import { getCurrentCartId } from '@/lib/cart/identity';
import { getCartView, toPricingLines } from '@/lib/cart/queries';
import { getDb } from '@/lib/platform/db';
import { quoteCart } from '@/lib/pricing/quote';
import { loadPricingRates } from '@/lib/pricing/rates';

export const metadata: Metadata = { title: 'Your cart', robots: { index: false } };

// Dynamic (the cart is the visitor's own): loading.tsx is its Suspense boundary.
export default async function CartPage() {
  const cartId = await getCurrentCartId();
  const db = await getDb();
  const cart = cartId ? await getCartView(db, cartId) : null;
  let estimate: CartEstimate | null = null;
  if (cart?.lines.length) {
    // No address yet: each seller's cheapest option, and no tax (the pricing module's estimate mode).
    const rates = await loadPricingRates(db, cart.lines.map((l) => l.storeId));
    const quote = quoteCart({ currency: cart.currency, lines: toPricingLines(cart), destination: null, ...rates, selections: {} });
    estimate = { shipping: quote.shipping, stores: Object.fromEntries(quote.stores.map((s) => [s.storeId, { shipping: s.shipping, name: s.shippingName }])) };
  }
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-bold tracking-tight">Your cart</h1>
      <CartContents cart={cart} estimate={estimate} />
    </div>
  );
}
