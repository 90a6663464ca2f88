import type { Metadata } from 'next';
import Link from 'next/link';
import { SaleForm } from '@/components/flash-sales-admin/sale-form';
import { SellerPage } from '@/components/sellers/seller-page';
import { sellerHref, type PageSearchParams } from '@/lib/sellers/links';

export const metadata: Metadata = { title: 'Propose a flash sale', robots: { index: false } };

export default function ProposeFlashSalePage({ searchParams }: PageSearchParams) {
  return (
    <SellerPage title="Propose a flash sale" path="/seller/flash-sales/new" searchParams={searchParams}>
      {({ store }) => (
        <div className="mt-4 max-w-3xl space-y-4">
          <p className="text-sm">
            <Link href={sellerHref('/seller/flash-sales', store.slug)} className="text-brand-700 underline">
              ← All flash sales
            </Link>
          </p>
          <p className="text-slate-700">One of {store.name}’s published variants, from one of its locations.</p>
          <div className="rounded-lg border border-slate-200 bg-white p-4 sm:p-6">
            <SaleForm mode={{ kind: 'seller', storeId: store.id, storeSlug: store.slug }} />
          </div>
        </div>
      )}
    </SellerPage>
  );
}
