'use client';

import { useEffect } from 'react';

/** A failed seller or admin page: says so in words, offers a retry, and never shows internals. */
export function SellerRouteError({ error, reset, what }: { error: Error & { digest?: string }; reset: () => void; what: string }) {
  useEffect(() => {
    console.error(error);
  }, [error]);
  return (
    <div role="alert" className="max-w-xl space-y-3 rounded-lg border border-red-200 bg-red-50 p-5">
      <h2 className="text-lg font-semibold text-red-900">{what} couldn’t be loaded</h2>
      <p className="text-sm text-red-900">
        Something went wrong on our side. Your saved changes are safe. Try again; if it keeps happening, contact support{error.digest ? ` and mention code ${error.digest}` : ''}.
      </p>
      <button type="button" onClick={reset} className="rounded-md border border-red-300 bg-white px-4 py-2 font-medium text-red-900 hover:bg-red-100">
        Try again
      </button>
    </div>
  );
}
