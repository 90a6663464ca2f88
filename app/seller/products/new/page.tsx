import type { Metadata } from 'next';
import Link from 'next/link';
import { ProductForm } from '@/components/seller-catalog/product-form';
import { SellerPage } from '@/components/sellers/seller-page';
import { getDb } from '@/lib/platform/db';
import { listCategoryChoices } from '@/lib/seller-catalog/queries';
import { sellerHref, type PageSearchParams } from '@/lib/sellers/links';

export const metadata: Metadata = { title: 'New product', robots: { index: false } };

export default function NewProductPage({ searchParams }: PageSearchParams) {
  return (
    <SellerPage title="New product" path="/seller/products/new" searchParams={searchParams}>
      {async ({ store }) => {
        const categories = await listCategoryChoices(await getDb());
        return (
          <div className="mt-4 max-w-3xl">
            <p className="text-sm">
              <Link href={sellerHref('/seller/products', store.slug)} className="text-brand-700 underline">
                ← All products
              </Link>
            </p>
            <p className="mt-3 text-slate-700">The product starts as a draft with one variant. Add options (size, colour…), images and stock next, then publish it.</p>
            <div className="mt-6 rounded-lg border border-slate-200 bg-white p-4 sm:p-6">
              <ProductForm storeId={store.id} storeSlug={store.slug} categories={categories} />
            </div>
          </div>
        );
      }}
    </SellerPage>
  );
}
