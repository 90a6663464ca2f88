'use client';

import { useState, useTransition } from 'react';
import { acknowledgePricesAction } from '@/lib/cart/actions';
import { formatMoney } from '@/lib/money';
import { useSetCart } from '@/components/cart/use-cart';
import type { PriceChange } from './types';

/** Prices moved since the items went into the cart: the shopper accepts them before paying (the page then refreshes). */
export function PriceChangeBanner({ changes, currency = 'USD' }: { changes: PriceChange[]; currency?: string }) {
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const setCart = useSetCart();
  const accept = () =>
    start(async () => {
      setError(null);
      const res = await acknowledgePricesAction();
      if (res.ok) setCart(res.data.cart);
      else setError(res.message);
    });
  return (
    <div className="rounded-md border border-amber-300 bg-amber-50 p-4 text-sm text-amber-950" data-testid="price-change">
      <p className="font-semibold">Some prices changed since you added these items</p>
      <ul className="mt-2 space-y-1">
        {changes.map((c) => (
          <li key={c.itemId}>
            {c.name}: {formatMoney(c.from, currency)} → <strong>{formatMoney(c.to, currency)}</strong>
          </li>
        ))}
      </ul>
      <button type="button" onClick={accept} disabled={pending} className="mt-3 rounded-md bg-amber-900 px-3 py-1.5 font-medium text-white hover:bg-amber-950 disabled:opacity-60">
        {pending ? 'Accepting…' : 'Accept new prices'}
      </button>
      {error ? (
        <p role="alert" className="mt-2 text-sale">
          {error}
        </p>
      ) : null}
    </div>
  );
}
