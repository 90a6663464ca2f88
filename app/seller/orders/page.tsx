import type { Metadata } from 'next';
import { Suspense } from 'react';
import { SellerOrderList, SellerOrderListSkeleton } from '@/components/fulfilment/order-list';
import { SellerPage } from '@/components/sellers/seller-page';
import { parseOrderListParams } from '@/lib/fulfilment/inputs';
import { storeScope } from '@/lib/seller-catalog/scope';
import type { PageSearchParams } from '@/lib/sellers/links';

export const metadata: Metadata = { title: 'Orders', robots: { index: false } };

export default function SellerOrdersPage({ searchParams }: PageSearchParams) {
  return (
    <SellerPage title="Orders" path="/seller/orders" searchParams={searchParams}>
      {async ({ actor, store }) => {
        const params = parseOrderListParams(await searchParams);
        return (
          <Suspense key={JSON.stringify(params)} fallback={<SellerOrderListSkeleton />}>
            <SellerOrderList scope={storeScope(actor, store.id)} storeSlug={store.slug} params={params} />
          </Suspense>
        );
      }}
    </SellerPage>
  );
}
