'use client';

import Link from 'next/link';
import { forwardRef } from 'react';
import type { CheckoutAlert } from './types';

/** The message above the form after a refused or failed attempt; focusable so it is read out at once. */
export const CheckoutAlertBox = forwardRef<HTMLDivElement, { alert: CheckoutAlert }>(function CheckoutAlertBox({ alert }, ref) {
  return (
    <div ref={ref} tabIndex={-1} role="alert" data-testid="checkout-alert" className="rounded-md border border-red-300 bg-red-50 p-4 text-sm text-red-950">
      {alert.kind === 'stock' ? (
        <>
          <p className="font-semibold">Some items are no longer available in the quantity you asked for</p>
          <ul className="mt-2 list-disc space-y-1 pl-5">
            {alert.lines.map((l) => (
              <li key={l.variantId} data-testid="stock-line">
                <span className="font-medium">{l.title}</span>:{' '}
                {l.available > 0 ? `only ${l.available} left (you asked for ${l.requested}).` : `sold out (you asked for ${l.requested}).`}
              </li>
            ))}
          </ul>
          <Link href="/cart" className="mt-3 inline-block font-medium text-red-950 underline">
            Update your cart
          </Link>
        </>
      ) : alert.kind === 'payment' ? (
        <>
          <p className="font-semibold">{alert.title}</p>
          <p className="mt-1">{alert.message}</p>
        </>
      ) : (
        <>
          <p>{alert.message}</p>
          {alert.code === 'cart_empty' || alert.code === 'cart_not_found' ? (
            <Link href="/" className="mt-2 inline-block font-medium text-red-950 underline">
              Continue shopping
            </Link>
          ) : null}
        </>
      )}
    </div>
  );
});
