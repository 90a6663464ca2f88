import { Suspense } from 'react';
import { Footer, Header } from '@/components/shop/header';
import { Providers } from '@/components/shop/providers';

export default function ShopLayout({ children }: { children: React.ReactNode }) {
  return (
    <Providers>
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2">
        Skip to content
      </a>
      <Suspense fallback={<div className="h-[105px] border-b border-slate-200" />}>
        <Header />
      </Suspense>
      <main id="main" className="mx-auto max-w-7xl px-4 py-6">
        {children}
      </main>
      <Footer />
    </Providers>
  );
}
