import Image from 'next/image';
import Link from 'next/link';
import { formatMoney } from '@/lib/money';
import { getDb } from '@/lib/platform/db';
import type { ProductListParams } from '@/lib/seller-catalog/inputs';
import { countSellerProducts, listSellerProducts } from '@/lib/seller-catalog/queries';
import type { StoreScope } from '@/lib/seller-catalog/scope';
import { sellerHref } from '@/lib/sellers/links';
import { Skeleton } from '@/components/ui/skeleton';
import { ProductStatusBadge } from './status-badge';
import { EmptyState, KeysetPager, secondaryButtonClass } from './ui';

const TABS = [
  { value: undefined, label: 'All', key: 'all' },
  { value: 'draft', label: 'Drafts', key: 'draft' },
  { value: 'active', label: 'Published', key: 'active' },
  { value: 'archived', label: 'Archived', key: 'archived' },
] as const;

const priceRange = (min: number, max: number, currency: string) => (min === max ? formatMoney(min, currency) : `${formatMoney(min, currency)} – ${formatMoney(max, currency)}`);

/** The product table with its status tabs, search and keyset pages. */
export async function ProductList({ scope, storeSlug, params }: { scope: StoreScope; storeSlug: string; params: ProductListParams }) {
  const db = await getDb();
  const [counts, page] = await Promise.all([countSellerProducts(db, scope), listSellerProducts(db, scope, params)]);
  const href = (over: Partial<ProductListParams>) => sellerHref('/seller/products', storeSlug, { q: params.q, status: params.status, ...over });

  if (counts.all === 0) {
    return (
      <EmptyState title="No products yet" action={{ href: sellerHref('/seller/products/new', storeSlug), label: 'Add your first product' }}>
        Add products one by one, or import many at once from a CSV file.
      </EmptyState>
    );
  }

  return (
    <div className="mt-6">
      <nav aria-label="Filter by status">
        <ul className="flex flex-wrap gap-1 border-b border-slate-200 text-sm">
          {TABS.map((t) => (
            <li key={t.key}>
              <Link
                href={href({ status: t.value, cursor: undefined })}
                aria-current={params.status === t.value ? 'page' : undefined}
                className="block border-b-2 border-transparent px-3 py-2 text-slate-700 hover:text-brand-700 aria-[current=page]:border-brand-600 aria-[current=page]:font-semibold aria-[current=page]:text-brand-700"
              >
                {t.label} <span className="text-slate-600">({counts[t.key]})</span>
              </Link>
            </li>
          ))}
        </ul>
      </nav>

      <form role="search" action="/seller/products" className="mt-4 flex flex-wrap items-end gap-2">
        <input type="hidden" name="store" value={storeSlug} />
        {params.status ? <input type="hidden" name="status" value={params.status} /> : null}
        <div className="min-w-0 flex-1 sm:max-w-sm">
          <label htmlFor="product-search" className="block text-sm font-medium">
            Search by title or SKU
          </label>
          <input id="product-search" name="q" type="search" defaultValue={params.q} maxLength={100} className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2" />
        </div>
        <button type="submit" className={secondaryButtonClass}>
          Search
        </button>
        {params.q ? (
          <Link href={href({ q: undefined, cursor: undefined })} className="px-2 py-2 text-sm text-brand-700 underline">
            Clear search
          </Link>
        ) : null}
      </form>

      {page.items.length === 0 ? (
        <p role="status" className="mt-6 rounded-md border border-dashed border-slate-300 p-6 text-center text-slate-700">
          {params.q ? `No products match “${params.q}”.` : params.cursor ? 'No more products.' : 'No products with this status.'}
        </p>
      ) : (
        <div className="relative mt-4 overflow-x-auto rounded-lg border border-slate-200">
          <table className="w-full min-w-[36rem] text-left text-sm">
            <caption className="sr-only">Products{params.status ? ` with status ${params.status}` : ''}, newest first</caption>
            <thead className="bg-slate-50 text-slate-700">
              <tr>
                <th scope="col" className="px-3 py-2 font-medium">
                  Product
                </th>
                <th scope="col" className="px-3 py-2 font-medium">
                  Status
                </th>
                <th scope="col" className="hidden px-3 py-2 font-medium sm:table-cell">
                  Variants
                </th>
                <th scope="col" className="px-3 py-2 text-right font-medium">
                  Available
                </th>
                <th scope="col" className="px-3 py-2 text-right font-medium">
                  Price
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-200">
              {page.items.map((p) => (
                <tr key={p.id} className="hover:bg-slate-50">
                  <td className="px-3 py-2">
                    <div className="flex items-center gap-3">
                      {p.imageUrl ? (
                        <Image src={p.imageUrl} alt="" width={40} height={40} className="size-10 shrink-0 rounded object-cover" />
                      ) : (
                        <span aria-hidden="true" className="size-10 shrink-0 rounded bg-slate-100" />
                      )}
                      <Link href={sellerHref(`/seller/products/${p.id}`, storeSlug)} className="font-medium text-brand-700 hover:underline">
                        {p.title}
                      </Link>
                    </div>
                  </td>
                  <td className="px-3 py-2">
                    <ProductStatusBadge status={p.status} />
                  </td>
                  <td className="hidden px-3 py-2 sm:table-cell">{p.variantCount}</td>
                  <td className={`px-3 py-2 text-right tabular-nums ${p.stock <= 0 ? 'text-sale' : ''}`}>{p.stock <= 0 ? 'Out of stock' : p.stock}</td>
                  <td className="px-3 py-2 text-right whitespace-nowrap tabular-nums">{priceRange(p.priceMin, p.priceMax, p.currency)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <KeysetPager firstHref={params.cursor ? href({ cursor: undefined }) : null} nextHref={page.nextCursor ? href({ cursor: page.nextCursor }) : null} />
    </div>
  );
}

export function ProductListSkeleton() {
  return (
    <div className="mt-6 space-y-3" role="status" aria-label="Loading products">
      <Skeleton className="h-9 w-80" />
      <Skeleton className="h-10 w-full max-w-sm" />
      {Array.from({ length: 6 }, (_, i) => (
        <Skeleton key={i} className="h-12 w-full" />
      ))}
    </div>
  );
}
