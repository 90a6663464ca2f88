import type { Metadata } from 'next';
import Link from 'next/link';
import { Suspense } from 'react';
import { LowStock, PanelSkeleton, PendingFulfilments, SalesOverview } from '@/components/dashboard/dashboard';
import { SellerPage } from '@/components/sellers/seller-page';
import { storeScope } from '@/lib/seller-catalog/scope';
import { sellerHref, type PageSearchParams } from '@/lib/sellers/links';

export const metadata: Metadata = { title: 'Seller portal', robots: { index: false } };

/** The seller's dashboard: sales, daily chart, best sellers, orders to ship, low stock. Each panel streams in on its own. */
export default function SellerHome({ searchParams }: PageSearchParams) {
  return (
    <SellerPage title="Seller portal" path="/seller" searchParams={searchParams}>
      {({ actor, store }) => {
        const scope = storeScope(actor, store.id);
        const links = [
          { href: sellerHref('/seller/orders', store.slug), label: 'Orders' },
          { href: sellerHref('/seller/products', store.slug), label: 'Products' },
          { href: sellerHref('/seller/inventory', store.slug), label: 'Inventory' },
          { href: sellerHref('/seller/settings', store.slug), label: 'Store settings' },
        ];
        return (
          <div className="mt-6 space-y-6">
            <nav aria-label="Quick links">
              <ul className="flex flex-wrap gap-2 text-sm">
                {links.map((l) => (
                  <li key={l.label}>
                    <Link href={l.href} className="inline-block rounded-md border border-slate-300 bg-white px-3 py-1.5 hover:border-brand-600 hover:text-brand-700">
                      {l.label}
                    </Link>
                  </li>
                ))}
              </ul>
            </nav>
            <Suspense fallback={<PanelSkeleton rows={4} label="Loading sales" />}>
              <SalesOverview scope={scope} storeSlug={store.slug} />
            </Suspense>
            <div className="grid gap-6 lg:grid-cols-2">
              <Suspense fallback={<PanelSkeleton label="Loading orders to ship" />}>
                <PendingFulfilments scope={scope} storeSlug={store.slug} />
              </Suspense>
              <Suspense fallback={<PanelSkeleton label="Loading low stock" />}>
                <LowStock scope={scope} storeSlug={store.slug} />
              </Suspense>
            </div>
          </div>
        );
      }}
    </SellerPage>
  );
}
