'use client';

import { RouteError } from '@/components/seller-catalog/route-states';

export default function Error({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return <RouteError error={error} reset={reset} what="The new product form" />;
}
