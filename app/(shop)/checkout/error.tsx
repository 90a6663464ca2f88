'use client';

import Link from 'next/link';

/** Something unexpected broke the checkout page: nothing was charged by rendering it, so offer a retry. */
export default function CheckoutError({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <div className="mx-auto max-w-xl space-y-4 py-10 text-center">
      <h1 className="text-2xl font-bold tracking-tight">The checkout could not load</h1>
      <p className="text-slate-700">Something went wrong on our side. Your cart is safe and nothing was charged.</p>
      <div className="flex flex-wrap justify-center gap-3">
        <button type="button" onClick={reset} className="rounded-md bg-brand-600 px-5 py-2.5 font-medium text-white hover:bg-brand-700">
          Try again
        </button>
        <Link href="/cart" className="rounded-md border border-slate-300 px-5 py-2.5 font-medium hover:bg-slate-50">
          Back to your cart
        </Link>
      </div>
    </div>
  );
}
