import { NextResponse } from 'next/server';
import { getCurrentCartId } from '@/lib/cart/identity';
import { getCartView } from '@/lib/cart/queries';
import { getDb } from '@/lib/platform/db';

/**
 * The current shopper's cart for the mini-cart: pages are cached and shared, so the browser
 * fetches its own cart here. `{ cart: CartView | null }`, never cached.
 */
export async function GET() {
  const cartId = await getCurrentCartId();
  const cart = cartId ? await getCartView(await getDb(), cartId) : null;
  return NextResponse.json({ cart }, { headers: { 'Cache-Control': 'private, no-store' } });
}
