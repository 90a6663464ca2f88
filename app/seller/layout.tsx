import type { Metadata } from 'next';
import { Suspense, type ReactNode } from 'react';
import { SellerHeader, SellerHeaderSkeleton } from '@/components/sellers/seller-header';

export const metadata: Metadata = { robots: { index: false } };

/** The seller portal frame. Pages guard themselves with requireSellerStore (lib/sellers/portal.ts). */
export default function SellerLayout({ children }: { children: ReactNode }) {
  return (
    <>
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:top-2 focus:left-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2">
        Skip to content
      </a>
      <Suspense fallback={<SellerHeaderSkeleton />}>
        <SellerHeader />
      </Suspense>
      <main id="main" className="mx-auto max-w-7xl px-4 py-6">
        {children}
      </main>
    </>
  );
}
