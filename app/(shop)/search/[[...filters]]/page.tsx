import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { FacetPanel } from '@/components/catalog/facet-panel';
import { fromFilterSegment, isFilterSegment } from '@/lib/catalog/filter-segment';
import { Pager } from '@/components/catalog/pager';
import { ProductGrid } from '@/components/catalog/product-card';
import { parseListingParams, SORTS } from '@/lib/catalog/inputs';
import { getFacetKeys } from '@/lib/catalog/queries';
import { getSearchResults } from '@/lib/search/queries';

// The query arrives as a path segment: proxy.ts rewrites `/search?q=…` to `/search/q=…` so each
// search is cached as its own ISR page (lib/catalog/filter-segment.ts).
type Props = { params: Promise<{ filters?: string[] }> };

export const metadata: Metadata = { title: 'Search', robots: { index: false, follow: true } };

export async function generateStaticParams() {
  return [{ filters: [] }];
}

export default async function SearchPage({ params }: Props) {
  const segments = (await params).filters ?? [];
  if (segments.length > 1 || (segments[0] !== undefined && !isFilterSegment(segments[0]))) notFound();
  const filters = parseListingParams(fromFilterSegment(segments[0]), await getFacetKeys(), 'relevance');
  if (!filters.q) {
    return (
      <div className="py-10 text-center">
        <h1 className="text-2xl font-bold">Search the marketplace</h1>
        <p className="mt-2 text-slate-600">Type a product, brand or category in the search box above.</p>
      </div>
    );
  }
  const result = await getSearchResults(filters.q, filters);
  return (
    <div>
      <h1 className="text-2xl font-bold tracking-tight">
        Results for “<span className="break-all">{filters.q}</span>”
      </h1>
      <p className="mt-1 text-sm text-slate-600" role="status">
        {result.facets.total.toLocaleString('en-US')} {result.facets.total === 1 ? 'product' : 'products'}
        {result.correctedQuery ? (
          <>
            {' '}
            · showing results for <strong className="text-slate-900">{result.correctedQuery}</strong>
          </>
        ) : null}
        {result.fuzzy ? ' · closest matches' : null}
      </p>
      <div className="mt-6 grid gap-8 lg:grid-cols-[240px_1fr]">
        <aside aria-label="Filters">
          <FacetPanel action="/search" facets={result.facets} filters={filters} sorts={[...SORTS]} />
        </aside>
        <section aria-labelledby="results-heading">
          <h2 id="results-heading" className="sr-only">
            Search results
          </h2>
          {result.items.length ? (
            <>
              <ProductGrid products={result.items} priorityCount={4} />
              <Pager action="/search" filters={filters} nextCursor={result.nextCursor} />
            </>
          ) : (
            <div className="rounded-lg border border-dashed border-slate-300 p-10 text-center">
              <p className="font-medium">No products found.</p>
              <p className="mt-1 text-sm text-slate-600">Check the spelling, use fewer words, or browse a category.</p>
              <Link href="/" className="mt-3 inline-block text-sm text-brand-700 underline">
                Back to the home page
              </Link>
            </div>
          )}
        </section>
      </div>
    </div>
  );
}
