'use client';

import { SellerRouteError } from '@/components/sellers/route-error';

export default function Error({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return <SellerRouteError error={error} reset={reset} what="The invitation" />;
}
