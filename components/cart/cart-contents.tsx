'use client';

import Image from 'next/image';
import Link from 'next/link';
import { useOptimistic, useState, useTransition } from 'react';
import type { ActionResult } from '@/lib/accounts/action';
import { acknowledgePricesAction, removeCartItemAction, updateCartItemAction, type CartActionData } from '@/lib/cart/actions';
import type { CartLineView, CartView } from '@/lib/cart/queries';
import { formatMoney } from '@/lib/money';
import { useSetCart } from './use-cart';

const MAX_LINE_QUANTITY = 99;

export type CartEstimate = {
  /** Cheapest shipping per store, before an address is known. */
  shipping: number;
  stores: Record<string, { shipping: number; name: string }>;
};

type Change = { itemId: string; quantity: number };

function problemOf(l: CartLineView): CartLineView['problem'] {
  if (!l.purchasable) return 'unavailable';
  if (l.available <= 0) return 'out_of_stock';
  return l.quantity > l.available ? 'insufficient_stock' : null;
}

function ProblemNote({ line }: { line: CartLineView }) {
  const problem = problemOf(line);
  if (!problem) return null;
  const text =
    problem === 'unavailable' ? 'No longer available. Remove it to continue.' : problem === 'out_of_stock' ? 'Out of stock. Remove it to continue.' : `Only ${line.available} left. Lower the quantity to continue.`;
  return <p className="text-sm font-medium text-sale">{text}</p>;
}

/** The cart page's interactive part: quantity changes and removals show at once (useOptimistic) and settle with the server's view. */
export function CartContents({ cart, estimate }: { cart: CartView | null; estimate: CartEstimate | null }) {
  const [pending, startTransition] = useTransition();
  const [lines, applyChange] = useOptimistic(cart?.lines ?? [], (state: CartLineView[], c: Change) =>
    c.quantity === 0 ? state.filter((l) => l.itemId !== c.itemId) : state.map((l) => (l.itemId === c.itemId ? { ...l, quantity: c.quantity } : l)),
  );
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const setCart = useSetCart();
  const currency = cart?.currency ?? 'USD';
  const money = (n: number) => formatMoney(n, currency);

  const settle = (res: ActionResult<CartActionData>) => {
    if (!res.ok) {
      setError(res.message);
      return;
    }
    setCart(res.data.cart);
    const line = res.data.line;
    if (line?.capped) setNotice(`Only ${line.available} available: the quantity is now ${line.quantity}.`);
  };

  const change = (line: CartLineView, quantity: number) => {
    setError(null);
    setNotice(null);
    startTransition(async () => {
      applyChange({ itemId: line.itemId, quantity });
      settle(quantity === 0 ? await removeCartItemAction({ itemId: line.itemId }) : await updateCartItemAction({ itemId: line.itemId, quantity }));
    });
  };

  const acceptPrices = () => {
    setError(null);
    startTransition(async () => settle(await acknowledgePricesAction()));
  };

  if (!lines.length) {
    return (
      <div className="rounded-lg border border-dashed border-slate-300 px-6 py-16 text-center">
        <h2 className="text-lg font-semibold">Your cart is empty</h2>
        <p className="mt-2 text-slate-700">Find something you like and add it to your cart.</p>
        <Link href="/" className="mt-6 inline-block rounded-md bg-brand-600 px-5 py-2.5 font-medium text-white hover:bg-brand-700">
          Continue shopping
        </Link>
      </div>
    );
  }

  const changed = lines.filter((l) => l.priceChanged);
  const problems = lines.some((l) => problemOf(l) !== null);
  const subtotal = lines.reduce((n, l) => n + l.unitPrice * l.quantity, 0);
  const itemCount = lines.reduce((n, l) => n + l.quantity, 0);
  const stores = [...new Set(lines.map((l) => l.storeId))];
  const shipping = estimate ? stores.reduce((n, id) => n + (estimate.stores[id]?.shipping ?? 0), 0) : null;

  return (
    <div className="grid gap-8 lg:grid-cols-[1fr_20rem]">
      <div className="space-y-6">
        <div aria-live="polite" className="space-y-3">
          {changed.length ? (
            <div className="rounded-md border border-amber-300 bg-amber-50 p-4 text-sm text-amber-950" data-testid="price-change">
              <ul className="space-y-1">
                {changed.map((l) => (
                  <li key={l.itemId}>
                    The price of {l.title} ({l.variantTitle}) changed from {money(l.unitPriceSeen)} to {money(l.unitPrice)}.
                  </li>
                ))}
              </ul>
              <button type="button" onClick={acceptPrices} disabled={pending} className="mt-3 rounded-md bg-amber-900 px-3 py-1.5 font-medium text-white hover:bg-amber-950 disabled:opacity-60">
                Accept new prices
              </button>
            </div>
          ) : null}
          {notice ? <p className="rounded-md bg-slate-100 px-3 py-2 text-sm">{notice}</p> : null}
        </div>
        <p role="alert" className="text-sm font-medium text-sale empty:hidden">
          {error}
        </p>

        {stores.map((storeId) => {
          const storeLines = lines.filter((l) => l.storeId === storeId);
          const storeShipping = estimate?.stores[storeId];
          return (
            <section key={storeId} aria-labelledby={`store-${storeId}`} className="rounded-lg border border-slate-200">
              <header className="flex flex-wrap items-baseline justify-between gap-2 border-b border-slate-200 bg-slate-50 px-4 py-2">
                <h2 id={`store-${storeId}`} className="text-sm font-semibold">
                  Sold by {storeLines[0]!.storeName}
                </h2>
                {storeShipping ? (
                  <p className="text-xs text-slate-700">
                    {storeShipping.name}: {storeShipping.shipping ? money(storeShipping.shipping) : 'Free'} (estimate)
                  </p>
                ) : null}
              </header>
              <ul className="divide-y divide-slate-200">
                {storeLines.map((l) => (
                  <CartLine key={l.itemId} line={l} money={money} onChange={change} />
                ))}
              </ul>
            </section>
          );
        })}
      </div>

      <aside aria-labelledby="summary-heading" className="h-fit space-y-3 rounded-lg border border-slate-200 p-4 lg:sticky lg:top-4">
        <h2 id="summary-heading" className="text-lg font-semibold">
          Order summary
        </h2>
        <dl className="space-y-2 text-sm">
          <div className="flex justify-between">
            <dt>
              Subtotal ({itemCount} {itemCount === 1 ? 'item' : 'items'})
            </dt>
            <dd className="font-medium" data-testid="cart-subtotal">
              {money(subtotal)}
            </dd>
          </div>
          <div className="flex justify-between">
            <dt>Estimated shipping</dt>
            <dd>{shipping === null ? 'At checkout' : shipping ? money(shipping) : 'Free'}</dd>
          </div>
          <div className="flex justify-between text-slate-700">
            <dt>Tax</dt>
            <dd>At checkout</dd>
          </div>
          <div className="flex justify-between border-t border-slate-200 pt-2 text-base font-semibold">
            <dt>Estimated total</dt>
            <dd>{money(subtotal + (shipping ?? 0))}</dd>
          </div>
        </dl>
        {problems ? <p className="text-sm text-sale">Some items need your attention before checkout.</p> : null}
        {problems ? (
          <button type="button" disabled className="block w-full cursor-not-allowed rounded-md bg-slate-400 px-4 py-2.5 text-center font-medium text-white">
            Checkout
          </button>
        ) : (
          <Link href="/checkout" prefetch={false} className="block rounded-md bg-brand-600 px-4 py-2.5 text-center font-medium text-white hover:bg-brand-700">
            Checkout
          </Link>
        )}
        <Link href="/" className="block text-center text-sm text-brand-700 hover:underline">
          Continue shopping
        </Link>
      </aside>
    </div>
  );
}

function CartLine({
  line,
  money,
  onChange,
}: {
  line: CartLineView;
  money: (n: number) => string;
  onChange: (line: CartLineView, quantity: number) => void;
}) {
  const max = Math.min(Math.max(line.available, 1), MAX_LINE_QUANTITY);
  const name = `${line.title} (${line.variantTitle})`;
  return (
    <li className="grid grid-cols-[4.5rem_1fr] gap-4 p-4 sm:grid-cols-[5rem_1fr_auto]" data-testid="cart-line">
      <div className="relative size-18 overflow-hidden rounded-md bg-slate-100 sm:size-20">
        {line.imageUrl ? <Image src={line.imageUrl} alt="" fill sizes="80px" className="object-cover" /> : null}
      </div>
      <div className="min-w-0 space-y-1">
        <h3 className="font-medium leading-snug">
          <Link href={`/p/${line.productSlug}?variant=${line.variantId}`} className="hover:underline">
            {line.title}
          </Link>
        </h3>
        <p className="text-sm text-slate-700">{line.variantTitle}</p>
        <p className="text-sm">
          {money(line.unitPrice)} each
          {line.priceChanged ? (
            <span className="ml-2 text-slate-600">
              <span className="sr-only">was </span>
              <s>{money(line.unitPriceSeen)}</s>
            </span>
          ) : null}
        </p>
        <ProblemNote line={line} />
        <div className="flex flex-wrap items-center gap-3 pt-1">
          <div role="group" aria-label={`Quantity of ${name}`} className="flex items-center rounded-md border border-slate-300">
            <button
              type="button"
              aria-label={`Decrease quantity of ${name}`}
              disabled={line.quantity <= 1}
              onClick={() => onChange(line, line.quantity - 1)}
              className="px-3 py-1.5 text-lg leading-none hover:bg-slate-100 disabled:text-slate-400"
            >
              −
            </button>
            <output aria-live="polite" className="min-w-8 text-center text-sm font-medium" data-testid="line-quantity">
              {line.quantity}
            </output>
            <button
              type="button"
              aria-label={`Increase quantity of ${name}`}
              disabled={line.quantity >= max || !line.purchasable}
              onClick={() => onChange(line, line.quantity + 1)}
              className="px-3 py-1.5 text-lg leading-none hover:bg-slate-100 disabled:text-slate-400"
            >
              +
            </button>
          </div>
          <button type="button" onClick={() => onChange(line, 0)} className="text-sm text-brand-700 hover:underline">
            Remove<span className="sr-only"> {name}</span>
          </button>
        </div>
      </div>
      <p className="col-start-2 text-sm font-semibold sm:col-start-auto sm:text-right">
        <span className="sr-only">Line total: </span>
        {money(line.unitPrice * line.quantity)}
      </p>
    </li>
  );
}
