import type { Metadata } from 'next';
import Link from 'next/link';
import { Suspense } from 'react';
import { z } from 'zod';
import { KeysetPager } from '@/components/seller-catalog/ui';
import { SellerPage } from '@/components/sellers/seller-page';
import { Skeleton } from '@/components/ui/skeleton';
import { getDb } from '@/lib/platform/db';
import { NotFoundError } from '@/lib/platform/errors';
import { listMovements } from '@/lib/seller-catalog/inventory';
import { storeScope, type StoreScope } from '@/lib/seller-catalog/scope';
import { firstParam, sellerHref, type PageSearchParams } from '@/lib/sellers/links';

export const metadata: Metadata = { title: 'Stock history', robots: { index: false } };

const REASON: Record<string, string> = {
  initial: 'Initial stock',
  sale: 'Sale',
  restock: 'Restock',
  adjustment: 'Adjustment',
  return: 'Return',
  cancellation: 'Order cancelled',
  damage: 'Damaged or lost',
  correction: 'Count correction',
};

const when = new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' });

async function Ledger({ scope, storeSlug, variantId, cursor }: { scope: StoreScope; storeSlug: string; variantId?: string; cursor?: string }) {
  const page = await listMovements(await getDb(), scope, { variantId, cursor }).catch((err: unknown) => {
    if (err instanceof NotFoundError) return null;
    throw err;
  });
  if (!page) return <p className="mt-4 text-slate-700">That variant was not found in this store.</p>;
  if (!page.items.length) return <p role="status" className="mt-4 rounded-md border border-dashed border-slate-300 p-6 text-center text-slate-700">{cursor ? 'No older movements.' : 'No stock movements yet.'}</p>;
  const href = (c?: string) => sellerHref('/seller/inventory/history', storeSlug, { variant: variantId, cursor: c });
  return (
    <>
      <div className="relative mt-4 overflow-x-auto rounded-lg border border-slate-200">
        <table className="w-full min-w-[44rem] text-left text-sm">
          <caption className="sr-only">Stock movements, newest first</caption>
          <thead className="bg-slate-50 text-slate-700">
            <tr>
              <th scope="col" className="px-3 py-2 font-medium">When (UTC)</th>
              <th scope="col" className="px-3 py-2 font-medium">Variant</th>
              <th scope="col" className="px-3 py-2 font-medium">Location</th>
              <th scope="col" className="px-3 py-2 text-right font-medium">Change</th>
              <th scope="col" className="px-3 py-2 font-medium">Reason</th>
              <th scope="col" className="px-3 py-2 font-medium">By / note</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-200">
            {page.items.map((m) => (
              <tr key={m.id}>
                <td className="px-3 py-2 whitespace-nowrap">
                  <time dateTime={m.createdAt.toISOString()}>{when.format(m.createdAt)}</time>
                </td>
                <td className="px-3 py-2">
                  {m.productTitle}
                  {m.variantTitle !== 'Default' ? ` — ${m.variantTitle}` : ''}
                  <span className="block font-mono text-xs text-slate-600">{m.sku}</span>
                </td>
                <td className="px-3 py-2">{m.locationName}</td>
                <td className={`px-3 py-2 text-right font-semibold tabular-nums ${m.delta < 0 ? 'text-sale' : 'text-green-800'}`}>{m.delta > 0 ? `+${m.delta}` : `−${-m.delta}`}</td>
                <td className="px-3 py-2">{REASON[m.reason] ?? m.reason}</td>
                <td className="px-3 py-2 text-slate-700">
                  {m.actorName ?? (m.reference ? m.reference.split(':')[0] : 'System')}
                  {m.note ? <span className="block text-xs">{m.note}</span> : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <KeysetPager label="Older movements" firstHref={cursor ? href() : null} nextHref={page.nextCursor ? href(page.nextCursor) : null} />
    </>
  );
}

export default function HistoryPage({ searchParams }: PageSearchParams) {
  return (
    <SellerPage title="Stock history" path="/seller/inventory/history" searchParams={searchParams}>
      {async ({ actor, store }) => {
        const sp = await searchParams;
        const v = z.uuid().safeParse(firstParam(sp.variant));
        const cursor = firstParam(sp.cursor);
        return (
          <div className="mt-2">
            <p className="text-sm">
              <Link href={sellerHref('/seller/inventory', store.slug)} className="text-brand-700 underline">
                ← Inventory
              </Link>
              {v.success ? (
                <>
                  {' · '}
                  <Link href={sellerHref('/seller/inventory/history', store.slug)} className="text-brand-700 underline">
                    All variants
                  </Link>
                </>
              ) : null}
            </p>
            <p className="mt-2 text-sm text-slate-700">Every change to stock on hand, append-only: adjustments, sales, returns, cancellations and imports.</p>
            <Suspense fallback={<Skeleton className="mt-4 h-64 w-full" />}>
              <Ledger scope={storeScope(actor, store.id)} storeSlug={store.slug} variantId={v.success ? v.data : undefined} cursor={cursor && cursor.length <= 200 ? cursor : undefined} />
            </Suspense>
          </div>
        );
      }}
    </SellerPage>
  );
}
