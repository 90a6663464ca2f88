'use client';

import { RouteError } from '@/components/seller-catalog/route-states';

export default function Error({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <main id="main" className="mx-auto max-w-7xl px-4 py-8">
      <RouteError error={error} reset={reset} what="Flash sales" />
    </main>
  );
}
