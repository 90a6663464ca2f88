import Image from 'next/image';
import Link from 'next/link';
import { formatMoney } from '@/lib/money';
import { getDb } from '@/lib/platform/db';
import type { ProductListParams } from '@/lib/seller-catalog/inputs';
import { countSellerProducts, listSellerProducts } from '@/lib/seller-catalog/queries';
import type { StoreScope } from '@/lib/seller-catalog/scope';
import { sellerHref } from '@/lib/sellers/links';
import { ProductStatusBadge } from './status-badge';
import { EmptyState, FilterTabs, KeysetPager, ListSearch, ListSkeleton } from './ui';

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
      <FilterTabs
        label="Filter by status"
        tabs={TABS.map((t) => ({
          key: t.key,
          href: href({ status: t.value, cursor: undefined }),
          current: params.status === t.value,
          label: (
            <>
              {t.label} <span className="text-slate-600">({counts[t.key]})</span>
            </>
          ),
        }))}
      />
      <ListSearch
        id="product-search"
        action="/seller/products"
        label="Search by title or SKU"
        q={params.q}
        maxLength={100}
        hidden={{ store: storeSlug, status: params.status }}
        clearHref={href({ q: undefined, cursor: undefined })}
      />

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
  return <ListSkeleton label="Loading products" rowClass="h-12" />;
}
