'use client';

import { useEffect } from 'react';
import { secondaryButtonClass } from './ui';

/** The error boundary body of a seller-catalog route: a plain message and a retry. */
export function RouteError({ error, reset, what }: { error: Error & { digest?: string }; reset: () => void; what: string }) {
  useEffect(() => {
    console.error(error);
  }, [error]);
  return (
    <div role="alert" className="rounded-lg border border-red-200 bg-red-50 p-6">
      <h1 className="text-lg font-semibold text-red-900">{what} could not be loaded</h1>
      <p className="mt-1 text-sm text-red-900">Something went wrong on our side. Your data is safe; try again in a moment.</p>
      {error.digest ? <p className="mt-1 text-xs text-red-800">Reference: {error.digest}</p> : null}
      <button type="button" onClick={reset} className={`mt-4 ${secondaryButtonClass}`}>
        Try again
      </button>
    </div>
  );
}
