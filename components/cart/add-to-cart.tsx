'use client';

import { useState, useTransition } from 'react';
import { addToCartAction } from '@/lib/cart/actions';
import { useMiniCart, useSetCart } from './use-cart';

const MAX_LINE_QUANTITY = 99;

type Props = {
  /** The chosen variant, or null when the chosen options match none. */
  variantId: string | null;
  /** Live units available; null while unknown (the server caps anyway). */
  available: number | null;
  title: string;
};

/** Quantity and "Add to cart" for the product page; the page stays static, this calls the server action. */
export function AddToCart({ variantId, available, title }: Props) {
  const [quantity, setQuantity] = useState(1);
  const [pending, startTransition] = useTransition();
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const setCart = useSetCart();
  const openMiniCart = useMiniCart((s) => s.setOpen);

  const soldOut = available === 0;
  const max = Math.max(1, Math.min(available ?? MAX_LINE_QUANTITY, MAX_LINE_QUANTITY));
  const qty = Math.min(quantity, max);
  const disabled = !variantId || soldOut || pending;

  const add = () => {
    if (!variantId) return;
    setMessage(null);
    startTransition(async () => {
      const res = await addToCartAction({ variantId, quantity: qty });
      if (!res.ok) {
        setMessage({ kind: 'error', text: res.message });
        return;
      }
      setCart(res.data.cart);
      openMiniCart(true);
      const line = res.data.line;
      setMessage({
        kind: 'ok',
        text: line?.capped ? `Only ${line.available} available: your cart now has ${line.quantity} of ${title}.` : `Added ${title} to your cart.`,
      });
    });
  };

  return (
    <div className="space-y-2">
      <div className="flex flex-wrap items-end gap-3">
        <label className="text-sm font-medium">
          Quantity
          <select
            value={qty}
            onChange={(e) => setQuantity(Number(e.target.value))}
            disabled={!variantId || soldOut}
            className="mt-1 block rounded-md border border-slate-300 bg-white px-3 py-2 text-sm"
          >
            {Array.from({ length: Math.min(max, 20) }, (_, i) => i + 1).map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        </label>
        <button
          type="button"
          onClick={add}
          disabled={disabled}
          aria-disabled={disabled}
          className="min-w-40 rounded-md bg-brand-600 px-5 py-2.5 font-medium text-white hover:bg-brand-700 disabled:cursor-not-allowed disabled:bg-slate-400"
        >
          {pending ? 'Adding…' : soldOut ? 'Out of stock' : 'Add to cart'}
        </button>
      </div>
      <p role="status" className="min-h-5 text-sm text-green-800" data-testid="add-to-cart-status">
        {message?.kind === 'ok' ? message.text : null}
      </p>
      <p role="alert" className="text-sm text-sale">
        {message?.kind === 'error' ? message.text : null}
      </p>
    </div>
  );
}
