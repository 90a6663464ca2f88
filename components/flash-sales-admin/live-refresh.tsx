'use client';

import { useRouter } from 'next/navigation';
import { useEffect } from 'react';

/**
 * Re-reads the page's server data every `seconds` while the tab is visible, so live counters
 * stay current without a reload (focus, typed text and open confirmations are kept).
 */
export function LiveRefresh({ seconds = 15 }: { seconds?: number }) {
  const router = useRouter();
  useEffect(() => {
    const id = setInterval(() => {
      if (document.visibilityState === 'visible') router.refresh();
    }, seconds * 1000);
    return () => clearInterval(id);
  }, [router, seconds]);
  return <p className="text-xs text-slate-600">Live counts refresh every {seconds} seconds.</p>;
}
