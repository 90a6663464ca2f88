import type { Metadata } from 'next';
import Link from 'next/link';
import { Suspense } from 'react';
import { LiveRefresh } from '@/components/flash-sales-admin/live-refresh';
import { SalesTable } from '@/components/flash-sales-admin/sales-table';
import { SALE_STATUS_LABEL, StatusTabs } from '@/components/flash-sales-admin/ui';
import { PageSkeleton } from '@/components/seller-catalog/page-skeleton';
import { buttonClass, EmptyState, KeysetPager } from '@/components/seller-catalog/ui';
import { SellerPage } from '@/components/sellers/seller-page';
import { flashSaleStatus, type FlashSaleStatus } from '@/db/schema/flash-sales';
import { countFlashSales, withSaleExtras } from '@/lib/flash-sales/admin-queries';
import { getStockGate } from '@/lib/flash-sales/gate';
import { listFlashSales } from '@/lib/flash-sales/reads';
import { getDb } from '@/lib/platform/db';
import { firstParam, sellerHref, type PageSearchParams } from '@/lib/sellers/links';

export const metadata: Metadata = { title: 'Flash sales', robots: { index: false } };

const LIMIT = 50;
const TABS: FlashSaleStatus[] = ['proposed', 'scheduled', 'live', 'ended', 'rejected', 'cancelled'];

async function StoreSales({ storeId, storeSlug, status, cursor }: { storeId: string; storeSlug: string; status: FlashSaleStatus | 'all'; cursor?: string }) {
  const db = await getDb();
  // The store comes from the session's memberships (SellerPage), never from the query string alone.
  const page = await listFlashSales(db, { storeId, statuses: status === 'all' ? undefined : status === 'scheduled' ? ['approved', 'scheduled'] : [status], limit: LIMIT, cursor });
  const rows = await withSaleExtras(db, await getStockGate(), page.items);
  const href = (c?: string) => sellerHref('/seller/flash-sales', storeSlug, { status: status === 'all' ? undefined : status, cursor: c });
  if (!rows.length) {
    return status === 'all' && !cursor ? (
      <EmptyState title="No flash sales yet" action={{ href: sellerHref('/seller/flash-sales/new', storeSlug), label: 'Propose a flash sale' }}>
        Put a limited number of units of a product on sale for a short window. The marketplace team reviews each proposal.
      </EmptyState>
    ) : (
      <p role="status" className="rounded-md border border-dashed border-slate-300 p-6 text-center text-slate-700">
        {status === 'all' ? 'No more sales.' : `No ${SALE_STATUS_LABEL[status].toLowerCase()} sales.`}
      </p>
    );
  }
  return (
    <>
      <SalesTable rows={rows} audience="seller" caption={`Your store’s flash sales${status === 'all' ? '' : `: ${SALE_STATUS_LABEL[status].toLowerCase()}`}, newest first`} />
      {rows.some((r) => r.status === 'live') ? <LiveRefresh /> : null}
      <KeysetPager label="Flash sale pages" firstHref={cursor ? href() : null} nextHref={page.nextCursor ? href(page.nextCursor) : null} />
    </>
  );
}

export default function SellerFlashSalesPage({ searchParams }: PageSearchParams) {
  return (
    <SellerPage title="Flash sales" path="/seller/flash-sales" searchParams={searchParams}>
      {async ({ store }) => {
        const sp = await searchParams;
        const raw = firstParam(sp.status);
        const status: FlashSaleStatus | 'all' = (flashSaleStatus.enumValues as readonly string[]).includes(raw ?? '') ? (raw as FlashSaleStatus) : 'all';
        const counts = await countFlashSales(await getDb(), { storeId: store.id });
        const total = Object.values(counts).reduce((a, b) => a + (b ?? 0), 0);
        const tabs = [
          { status: 'all' as const, label: 'All', count: total, href: sellerHref('/seller/flash-sales', store.slug) },
          ...TABS.map((s) => ({
            status: s,
            label: SALE_STATUS_LABEL[s],
            // Approved but not yet announced counts as scheduled for the seller: it will run.
            count: (counts[s] ?? 0) + (s === 'scheduled' ? (counts.approved ?? 0) : 0),
            href: sellerHref('/seller/flash-sales', store.slug, { status: s }),
          })),
        ];
        return (
          <div className="mt-4 space-y-4">
            {firstParam(sp.proposed) ? (
              <p role="status" className="rounded-md border border-green-200 bg-green-50 px-3 py-2 text-sm text-green-900">
                Proposal sent. The marketplace team reviews it; its status shows here.
              </p>
            ) : null}
            <div className="flex flex-wrap items-center justify-between gap-3">
              <p className="max-w-2xl text-slate-700">
                Limited units of one variant at a sale price for a short window. When an approved sale starts its units leave your stock; unsold ones come back when it ends.
              </p>
              <Link href={sellerHref('/seller/flash-sales/new', store.slug)} className={buttonClass}>
                Propose a flash sale
              </Link>
            </div>
            {total ? <StatusTabs tabs={tabs} current={status === 'approved' ? 'scheduled' : status} /> : null}
            <Suspense key={`${status}:${firstParam(sp.cursor) ?? ''}`} fallback={<PageSkeleton label="Loading sales" rows={3} />}>
              <StoreSales storeId={store.id} storeSlug={store.slug} status={status === 'approved' ? 'scheduled' : status} cursor={firstParam(sp.cursor)} />
            </Suspense>
          </div>
        );
      }}
    </SellerPage>
  );
}
