import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { BackToOrders, SellerOrderView } from '@/components/fulfilment/order-detail';
import { SellerPage } from '@/components/sellers/seller-page';
import { getSellerOrder } from '@/lib/fulfilment/queries';
import { getDb } from '@/lib/platform/db';
import { storeScope } from '@/lib/seller-catalog/scope';
import { sellerHref, type SearchParams } from '@/lib/sellers/links';

export const metadata: Metadata = { title: 'Order', robots: { index: false } };

type Props = { params: Promise<{ id: string }>; searchParams: Promise<SearchParams> };

export default function SellerOrderPage({ params, searchParams }: Props) {
  return (
    <SellerPage title="Order" path="/seller/orders" searchParams={searchParams}>
      {async ({ actor, store }) => {
        const { id } = await params;
        // Another store's order and an id that never existed look the same: not found.
        const order = await getSellerOrder(await getDb(), storeScope(actor, store.id), id);
        if (!order) notFound();
        return (
          <div className="mt-2">
            <BackToOrders href={sellerHref('/seller/orders', store.slug)} />
            <SellerOrderView order={order} storeId={store.id} />
          </div>
        );
      }}
    </SellerPage>
  );
}
