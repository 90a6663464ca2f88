import type { Metadata } from 'next';
import Link from 'next/link';
import { Suspense } from 'react';
import { Workspace } from '@/components/accounts/workspace';
import { LiveRefresh } from '@/components/flash-sales-admin/live-refresh';
import { SalesTable } from '@/components/flash-sales-admin/sales-table';
import { SALE_STATUS_LABEL, StatusTabs } from '@/components/flash-sales-admin/ui';
import { buttonClass, KeysetPager } from '@/components/seller-catalog/ui';
import { PageSkeleton } from '@/components/seller-catalog/page-skeleton';
import { flashSaleStatus, type FlashSaleStatus } from '@/db/schema/flash-sales';
import { countFlashSales, withSaleExtras } from '@/lib/flash-sales/admin-queries';
import { getStockGate } from '@/lib/flash-sales/gate';
import { listFlashSales } from '@/lib/flash-sales/reads';
import { getDb } from '@/lib/platform/db';
import { firstParam, sellerHref, type PageSearchParams, type SearchParams } from '@/lib/sellers/links';

export const metadata: Metadata = { title: 'Flash sales · Admin', robots: { index: false } };

const LIMIT = 50;
// Review queue first, then the sale's life in order.
const TABS: FlashSaleStatus[] = ['proposed', 'approved', 'scheduled', 'live', 'ended', 'cancelled', 'rejected'];
const href = (status: FlashSaleStatus | 'all', cursor?: string) => sellerHref('/admin/flash-sales', null, { status: status === 'all' ? undefined : status, cursor });

const EMPTY: Record<FlashSaleStatus | 'all', string> = {
  all: 'No flash sales yet. Create one, or wait for sellers’ proposals.',
  proposed: 'No proposals are waiting for review.',
  approved: 'No approved sales are waiting to be announced.',
  scheduled: 'No sales are scheduled.',
  live: 'No sale is live right now.',
  ended: 'No sale has ended yet.',
  cancelled: 'No cancelled sales.',
  rejected: 'No rejected proposals.',
};

async function Sales({ status, cursor }: { status: FlashSaleStatus | 'all'; cursor?: string }) {
  const db = await getDb();
  const page = await listFlashSales(db, { statuses: status === 'all' ? undefined : [status], limit: LIMIT, cursor });
  const rows = await withSaleExtras(db, await getStockGate(), page.items);
  if (!rows.length) {
    return (
      <p role="status" className="rounded-md border border-dashed border-slate-300 p-6 text-center text-slate-700">
        {EMPTY[status]}
      </p>
    );
  }
  return (
    <>
      <SalesTable rows={rows} audience="admin" caption={`Flash sales: ${status === 'all' ? 'all' : SALE_STATUS_LABEL[status].toLowerCase()}, newest first`} />
      {rows.some((r) => r.status === 'live') ? <LiveRefresh /> : null}
      <KeysetPager label="Flash sale pages" firstHref={cursor ? href(status) : null} nextHref={page.nextCursor ? href(status, page.nextCursor) : null} />
    </>
  );
}

async function SalesPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const sp = await searchParams;
  const raw = firstParam(sp.status);
  const cursor = firstParam(sp.cursor);
  const status: FlashSaleStatus | 'all' = (flashSaleStatus.enumValues as readonly string[]).includes(raw ?? '') ? (raw as FlashSaleStatus) : 'all';
  const counts = await countFlashSales(await getDb());
  const total = Object.values(counts).reduce((a, b) => a + (b ?? 0), 0);
  const tabs = [{ status: 'all' as const, label: 'All', count: total, href: href('all') }, ...TABS.map((s) => ({ status: s, label: SALE_STATUS_LABEL[s], count: counts[s] ?? 0, href: href(s) }))];
  return (
    <div className="mt-4 space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <p className="text-sm">
          <Link href="/admin" className="text-brand-700 underline">
            ← Admin
          </Link>
        </p>
        <Link href="/admin/flash-sales/new" className={buttonClass}>
          New flash sale
        </Link>
      </div>
      <p className="max-w-3xl text-slate-700">
        Limited allocations sold at a sale price in a window. Sellers propose, you review; a sale takes its units out of stock when it starts and returns the unsold ones when it
        ends. Live counts come from the stock gate.
      </p>
      <StatusTabs tabs={tabs} current={status} />
      <Suspense key={`${status}:${cursor ?? ''}`} fallback={<PageSkeleton label="Loading sales" rows={4} />}>
        <Sales status={status} cursor={cursor} />
      </Suspense>
    </div>
  );
}

export default function AdminFlashSalesPage({ searchParams }: PageSearchParams) {
  return (
    <Workspace title="Flash sales" path="/admin/flash-sales" permission="admin:console">
      {() => <SalesPage searchParams={searchParams} />}
    </Workspace>
  );
}
