'use client';

import Link from 'next/link';
import { useEffect, useState } from 'react';
import { announcedCountdown, formatCountdown } from '@/lib/flash-sales/phase';
import { useNow } from './use-clock';

/**
 * "Held for you for 9:41" above the express checkout, on the server's clock (`serverNow` at
 * render corrects this browser's). At zero: the hold is gone, say so and lead back to the sale.
 */
export function HoldCountdown({ expiresAt, serverNow, saleHref, title }: { expiresAt: string; serverNow: string; saleHref: string; title: string }) {
  // Learnt once after mount (a render can't read the browser's clock).
  const [offset, setOffset] = useState(0);
  useEffect(() => {
    // eslint-disable-next-line react-hooks/set-state-in-effect -- reads the browser clock once, after hydration
    setOffset(Date.parse(serverNow) - Date.now());
  }, [serverNow]);
  const clientNow = useNow();
  const left = clientNow === null ? null : Date.parse(expiresAt) - (clientNow + offset);

  if (left !== null && left <= 0) {
    return (
      <div role="alert" className="space-y-2 rounded-lg border border-red-200 bg-red-50 p-4 text-red-900" data-testid="hold-expired">
        <p className="font-semibold">Your hold on {title} has expired</p>
        <p className="text-sm">The item went back to the sale. If any are left, you can hold it again.</p>
        <Link href={saleHref} className="inline-block rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700">
          Back to the sale
        </Link>
      </div>
    );
  }
  return (
    <div className="flex flex-wrap items-center justify-between gap-2 rounded-lg border border-amber-200 bg-amber-50 p-4 text-amber-950" data-testid="hold-banner">
      <p>
        <span className="font-semibold">{title}</span> is held for you for{' '}
        <span className="font-mono font-semibold tabular-nums" aria-hidden="true" data-testid="hold-countdown">
          {left === null ? '…' : formatCountdown(left)}
        </span>
        <span className="sr-only" aria-live="polite" aria-atomic="true">
          {left === null ? '' : announcedCountdown(left)}
        </span>
        . Complete your order before then.
      </p>
      <Link href={saleHref} className="text-sm text-brand-700 underline">
        Back to the sale
      </Link>
    </div>
  );
}
