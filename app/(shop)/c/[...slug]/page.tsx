import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { Breadcrumbs } from '@/components/catalog/breadcrumbs';
import { FacetPanel } from '@/components/catalog/facet-panel';
import { Pager } from '@/components/catalog/pager';
import { ProductGrid } from '@/components/catalog/product-card';
import { parseListingParams, SORTS } from '@/lib/catalog/inputs';
import { getCategories, getCategoryListing, getFacetKeys } from '@/lib/catalog/queries';
import { fromFilterSegment } from '@/lib/catalog/filter-segment';
import { categoryFor, splitSlug } from './category';

// Filters arrive as the last path segment: proxy.ts rewrites `?color=Red` to `/color=Red` so each
// filter combination is cached as its own ISR page (lib/catalog/filter-segment.ts).
type Props = { params: Promise<{ slug: string[] }> };


export async function generateStaticParams() {
  const departments = (await getCategories()).filter((c) => c.depth === 0);
  // Cache Components needs at least one param to validate the route; an empty catalog gets a 404 placeholder.
  return departments.length ? departments.map((c) => ({ slug: c.path.split('/') })) : [{ slug: ['none'] }];
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const category = await categoryFor((await params).slug);
  if (!category) return { title: 'Category not found' };
  return {
    title: category.name,
    description: `Shop ${category.name.toLowerCase()} from independent sellers.`,
    alternates: { canonical: `/c/${category.path}` },
    openGraph: { title: category.name, url: `/c/${category.path}` },
  };
}

export default async function CategoryPage({ params }: Props) {
  const { slug } = await params;
  const category = await categoryFor(slug);
  if (!category) notFound();
  const filters = parseListingParams(fromFilterSegment(splitSlug(slug).filters), await getFacetKeys(), 'best-selling');
  const page = await getCategoryListing(category.id, category.subtree, filters);
  const action = `/c/${category.path}`;
  return (
    <div>
      <Breadcrumbs items={category.breadcrumbs.map((b) => ({ name: b.name, href: `/c/${b.path}` }))} />
      <div className="mt-3 flex flex-wrap items-baseline justify-between gap-2">
        <h1 className="text-2xl font-bold tracking-tight">{category.name}</h1>
        <p className="text-sm text-slate-600" role="status">
          {page.facets.total.toLocaleString('en-US')} {page.facets.total === 1 ? 'product' : 'products'}
        </p>
      </div>
      {category.children.length ? (
        <nav aria-label="Subcategories" className="mt-3">
          <ul className="flex flex-wrap gap-2">
            {category.children.map((c) => (
              <li key={c.id}>
                <Link href={`/c/${c.path}`} className="inline-block rounded-full border border-slate-300 px-3 py-1 text-sm hover:border-brand-600 hover:text-brand-700">
                  {c.name}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
      ) : null}
      <div className="mt-6 grid gap-8 lg:grid-cols-[240px_1fr]">
        <aside aria-label="Filters">
          <FacetPanel action={action} facets={page.facets} filters={filters} sorts={SORTS.filter((s) => s !== 'relevance')} />
        </aside>
        <section aria-labelledby="products-heading">
          <h2 id="products-heading" className="sr-only">
            Products
          </h2>
          {page.items.length ? (
            <>
              <ProductGrid products={page.items} priorityCount={4} />
              <Pager action={action} filters={filters} nextCursor={page.nextCursor} />
            </>
          ) : (
            <div className="rounded-lg border border-dashed border-slate-300 p-10 text-center">
              <p className="font-medium">No products match these filters.</p>
              <Link href={action} className="mt-2 inline-block text-sm text-brand-700 underline">
                Clear all filters
              </Link>
            </div>
          )}
        </section>
      </div>
    </div>
  );
}
