import type { Metadata } from 'next';
import Link from 'next/link';
import { Suspense } from 'react';
import { AdjustStockForm } from '@/components/seller-catalog/adjust-stock-form';
import { EmptyState, KeysetPager, Section, secondaryButtonClass } from '@/components/seller-catalog/ui';
import { SellerPage } from '@/components/sellers/seller-page';
import { Skeleton } from '@/components/ui/skeleton';
import { getDb } from '@/lib/platform/db';
import { line } from '@/lib/seller-catalog/inputs';
import { listLocations, listStock } from '@/lib/seller-catalog/inventory';
import { listLowStock } from '@/lib/seller-catalog/low-stock';
import { storeScope, type StoreScope } from '@/lib/seller-catalog/scope';
import { firstParam, sellerHref, type PageSearchParams, type SearchParams } from '@/lib/sellers/links';

export const metadata: Metadata = { title: 'Inventory', robots: { index: false } };

async function LowStockPanel({ scope, storeSlug }: { scope: StoreScope; storeSlug: string }) {
  const items = await listLowStock(await getDb(), scope.storeId, 10);
  if (!items.length) return <p className="text-sm text-slate-700">Nothing is at or below its low-stock threshold.</p>;
  return (
    <ul className="divide-y divide-slate-200 text-sm">
      {items.map((i) => (
        <li key={i.variantId} className="flex flex-wrap items-center gap-x-3 gap-y-1 py-2">
          <Link href={sellerHref('/seller/inventory', storeSlug, { q: i.sku })} className="font-medium text-brand-700 underline">
            {i.productTitle}
            {i.variantTitle !== 'Default' ? ` — ${i.variantTitle}` : ''}
          </Link>
          <span className="font-mono text-xs text-slate-600">{i.sku}</span>
          <span className={i.available <= 0 ? 'font-semibold text-sale' : 'font-semibold text-amber-800'}>
            {i.available <= 0 ? 'Out of stock' : `${i.available} left`} (alert at {i.threshold})
          </span>
        </li>
      ))}
    </ul>
  );
}

async function StockTable({ scope, storeId, storeSlug, params }: { scope: StoreScope; storeId: string; storeSlug: string; params: { q?: string; low: boolean; cursor?: string } }) {
  const db = await getDb();
  const [locations, page] = await Promise.all([listLocations(db, scope), listStock(db, scope, { q: params.q, lowOnly: params.low, cursor: params.cursor })]);
  const href = (over: Record<string, string | undefined>) => sellerHref('/seller/inventory', storeSlug, { q: params.q, low: params.low ? '1' : undefined, ...over });
  if (!locations.length) {
    return <EmptyState title="No locations">Your store has no stock locations yet; the marketplace team sets them up with your store.</EmptyState>;
  }
  if (!page.rows.length) {
    return (
      <p role="status" className="mt-4 rounded-md border border-dashed border-slate-300 p-6 text-center text-slate-700">
        {params.q ? `Nothing matches “${params.q}”.` : params.low ? 'Nothing is low on stock.' : params.cursor ? 'No more products.' : 'No products yet.'}
      </p>
    );
  }
  return (
    <>
      <div className="relative mt-4 overflow-x-auto rounded-lg border border-slate-200">
        <table className="w-full min-w-[40rem] text-left text-sm">
          <caption className="sr-only">Stock per variant and location. On hand, with units held by checkouts in brackets.</caption>
          <thead className="bg-slate-50 text-slate-700">
            <tr>
              <th scope="col" className="px-3 py-2 font-medium">
                Variant
              </th>
              {locations.map((l) => (
                <th key={l.id} scope="col" className="px-3 py-2 text-right font-medium">
                  <abbr title={l.name} className="no-underline">
                    {l.code}
                  </abbr>
                </th>
              ))}
              <th scope="col" className="px-3 py-2 text-right font-medium">
                Available
              </th>
              <th scope="col" className="px-3 py-2 font-medium">
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          {page.rows.map((r) => {
            const low = r.threshold > 0 && r.available <= r.threshold;
            const label = `${r.productTitle}${r.variantTitle !== 'Default' ? ` — ${r.variantTitle}` : ''}`;
            return (
              <tbody key={r.variantId} className="border-t border-slate-200">
                <tr>
                  <th scope="row" className="px-3 py-2 text-left font-normal">
                    <span className="font-medium">{r.productTitle}</span>
                    {r.variantTitle !== 'Default' ? <span className="text-slate-700"> — {r.variantTitle}</span> : null}
                    <span className="block font-mono text-xs text-slate-600">{r.sku}</span>
                  </th>
                  {locations.map((l) => {
                    const lvl = r.levels[l.id];
                    return (
                      <td key={l.id} className="px-3 py-2 text-right tabular-nums">
                        {lvl?.onHand ?? 0}
                        {lvl?.reserved ? <span className="text-xs text-slate-600"> ({lvl.reserved} held)</span> : null}
                      </td>
                    );
                  })}
                  <td className={`px-3 py-2 text-right font-semibold tabular-nums ${low ? 'text-sale' : ''}`}>
                    {r.available}
                    {low ? <span className="block text-xs font-normal">Low (alert at {r.threshold})</span> : null}
                  </td>
                  <td className="px-3 py-2 text-right whitespace-nowrap">
                    <Link href={sellerHref('/seller/inventory/history', storeSlug, { variant: r.variantId })} className="text-brand-700 underline">
                      History<span className="sr-only"> of {label}</span>
                    </Link>
                  </td>
                </tr>
                <tr>
                  <td colSpan={locations.length + 3} className="px-3 pb-3">
                    <details className="group">
                      <summary className="cursor-pointer text-sm font-medium text-brand-700">
                        Adjust stock<span className="sr-only"> of {label}</span>
                      </summary>
                      <div className="mt-3">
                        <AdjustStockForm storeId={storeId} variantId={r.variantId} label={label} locations={locations} threshold={r.threshold} />
                      </div>
                    </details>
                  </td>
                </tr>
              </tbody>
            );
          })}
        </table>
      </div>
      <KeysetPager firstHref={params.cursor ? href({ cursor: undefined }) : null} nextHref={page.nextCursor ? href({ cursor: page.nextCursor }) : null} />
    </>
  );
}

function parseParams(sp: SearchParams) {
  const q = line('a search', 100).safeParse(firstParam(sp.q) ?? '');
  const cursor = firstParam(sp.cursor);
  return { q: q.success && q.data ? q.data : undefined, low: firstParam(sp.low) === '1', cursor: cursor && cursor.length <= 200 ? cursor : undefined };
}

export default function InventoryPage({ searchParams }: PageSearchParams) {
  return (
    <SellerPage title="Inventory" path="/seller/inventory" searchParams={searchParams}>
      {async ({ actor, store }) => {
        const scope = storeScope(actor, store.id);
        const params = parseParams(await searchParams);
        return (
          <div className="mt-4 space-y-6">
            <Section
              id="low-heading"
              title="Low stock"
              actions={
                <Link href={sellerHref('/seller/inventory/history', store.slug)} className={secondaryButtonClass}>
                  Stock movement history
                </Link>
              }
            >
              <Suspense fallback={<Skeleton className="h-16 w-full" />}>
                <LowStockPanel scope={scope} storeSlug={store.slug} />
              </Suspense>
            </Section>
            <section aria-labelledby="stock-heading">
              <h2 id="stock-heading" className="text-lg font-semibold">
                Stock by location
              </h2>
              <form role="search" action="/seller/inventory" className="mt-3 flex flex-wrap items-end gap-3">
                <input type="hidden" name="store" value={store.slug} />
                <div className="min-w-0 flex-1 sm:max-w-sm">
                  <label htmlFor="stock-search" className="block text-sm font-medium">
                    Search by title or SKU
                  </label>
                  <input id="stock-search" name="q" type="search" defaultValue={params.q} maxLength={100} className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2" />
                </div>
                <label className="flex items-center gap-2 py-2 text-sm">
                  <input type="checkbox" name="low" value="1" defaultChecked={params.low} className="size-4" /> Low stock only
                </label>
                <button type="submit" className={secondaryButtonClass}>
                  Show
                </button>
              </form>
              <Suspense key={JSON.stringify(params)} fallback={<Skeleton className="mt-4 h-64 w-full" />}>
                <StockTable scope={scope} storeId={store.id} storeSlug={store.slug} params={params} />
              </Suspense>
            </section>
          </div>
        );
      }}
    </SellerPage>
  );
}
