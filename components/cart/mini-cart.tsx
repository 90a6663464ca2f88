'use client';

import Image from 'next/image';
import Link from 'next/link';
import { useEffect, useId, useRef } from 'react';
import { formatMoney } from '@/lib/money';
import { useCart, useMiniCart } from './use-cart';

function CartIcon() {
  return (
    <svg aria-hidden="true" viewBox="0 0 24 24" className="size-5" fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" strokeLinejoin="round">
      <path d="M3 4h2l2.4 11.2a1 1 0 0 0 1 .8h8.9a1 1 0 0 0 1-.8L20 8H6.2" />
      <circle cx="9" cy="20" r="1.3" />
      <circle cx="17" cy="20" r="1.3" />
    </svg>
  );
}

/** Header cart button with a count badge and a preview panel; loads in the browser from /api/cart. */
export function MiniCart() {
  const { data: cart, isPending } = useCart();
  const { open, setOpen } = useMiniCart();
  const panelId = useId();
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const count = cart?.itemCount ?? 0;

  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape') return;
      setOpen(false);
      button.current?.focus();
    };
    const onPointer = (e: PointerEvent) => {
      if (root.current && !root.current.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('keydown', onKey);
    document.addEventListener('pointerdown', onPointer);
    return () => {
      document.removeEventListener('keydown', onKey);
      document.removeEventListener('pointerdown', onPointer);
    };
  }, [open, setOpen]);

  const label = `Cart, ${count} ${count === 1 ? 'item' : 'items'}`;
  return (
    <div ref={root} className="relative">
      <button
        ref={button}
        type="button"
        aria-expanded={open}
        aria-controls={panelId}
        aria-label={label}
        onClick={() => setOpen(!open)}
        className="relative flex items-center gap-1 rounded-md px-2 py-1.5 text-sm hover:bg-slate-100"
        data-testid="mini-cart-button"
      >
        <CartIcon />
        <span className="hidden sm:inline">Cart</span>
        <span
          aria-hidden="true"
          data-testid="cart-count"
          className={`min-w-5 rounded-full px-1.5 text-center text-xs font-semibold leading-5 ${count ? 'bg-brand-600 text-white' : 'bg-slate-200 text-slate-700'}`}
        >
          {count}
        </span>
      </button>
      {/* Announces changes to the count (adds, removals) without moving focus. */}
      <span className="sr-only" aria-live="polite">
        {isPending ? '' : label}
      </span>
      <div
        id={panelId}
        hidden={!open}
        role="region"
        aria-label="Cart preview"
        className="absolute right-0 z-40 mt-2 w-[min(22rem,calc(100vw-2rem))] rounded-lg border border-slate-200 bg-white p-4 shadow-lg"
      >
        {!cart || cart.lines.length === 0 ? (
          <p className="text-sm text-slate-700">Your cart is empty.</p>
        ) : (
          <>
            <ul className="max-h-80 divide-y divide-slate-100 overflow-y-auto">
              {cart.lines.map((l) => (
                <li key={l.itemId} className="flex gap-3 py-2">
                  <div className="relative size-12 shrink-0 overflow-hidden rounded bg-slate-100">
                    {l.imageUrl ? <Image src={l.imageUrl} alt="" fill sizes="48px" className="object-cover" /> : null}
                  </div>
                  <div className="min-w-0 flex-1 text-sm">
                    <p className="truncate font-medium">{l.title}</p>
                    <p className="text-slate-600">
                      {l.variantTitle} · Qty {l.quantity}
                    </p>
                  </div>
                  <p className="text-sm font-medium">{formatMoney(l.unitPrice * l.quantity, cart.currency)}</p>
                </li>
              ))}
            </ul>
            <p className="mt-3 flex justify-between border-t border-slate-200 pt-3 text-sm">
              <span>Subtotal</span>
              <span className="font-semibold" data-testid="mini-cart-subtotal">
                {formatMoney(cart.subtotal, cart.currency)}
              </span>
            </p>
          </>
        )}
        <div className="mt-3 flex gap-2">
          <Link href="/cart" onClick={() => setOpen(false)} className="flex-1 rounded-md border border-slate-300 px-3 py-2 text-center text-sm font-medium hover:bg-slate-50">
            View cart
          </Link>
          {cart && cart.lines.length ? (
            <Link href="/checkout" prefetch={false} onClick={() => setOpen(false)} className="flex-1 rounded-md bg-brand-600 px-3 py-2 text-center text-sm font-medium text-white hover:bg-brand-700">
              Checkout
            </Link>
          ) : null}
        </div>
      </div>
    </div>
  );
}
