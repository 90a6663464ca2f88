import type { Metadata } from 'next';
import Link from 'next/link';
import { Suspense } from 'react';
import { ProductList, ProductListSkeleton } from '@/components/seller-catalog/product-list';
import { buttonClass, secondaryButtonClass } from '@/components/seller-catalog/ui';
import { SellerPage } from '@/components/sellers/seller-page';
import { parseProductListParams } from '@/lib/seller-catalog/inputs';
import { storeScope } from '@/lib/seller-catalog/scope';
import { sellerHref, type PageSearchParams } from '@/lib/sellers/links';

export const metadata: Metadata = { title: 'Products', robots: { index: false } };

export default function ProductsPage({ searchParams }: PageSearchParams) {
  return (
    <SellerPage title="Products" path="/seller/products" searchParams={searchParams}>
      {async ({ actor, store }) => {
        const params = parseProductListParams(await searchParams);
        const scope = storeScope(actor, store.id);
        return (
          <>
            <div className="mt-4 flex flex-wrap gap-2">
              <Link href={sellerHref('/seller/products/new', store.slug)} className={buttonClass}>
                New product
              </Link>
              <Link href={sellerHref('/seller/products/import', store.slug)} className={secondaryButtonClass}>
                Import CSV
              </Link>
              {/* A download, not a page: a plain link so the browser saves the file. */}
              <a href={`/seller/products/export?store=${encodeURIComponent(store.slug)}`} className={secondaryButtonClass} download>
                Export CSV
              </a>
            </div>
            <Suspense key={JSON.stringify(params)} fallback={<ProductListSkeleton />}>
              <ProductList scope={scope} storeSlug={store.slug} params={params} />
            </Suspense>
          </>
        );
      }}
    </SellerPage>
  );
}
