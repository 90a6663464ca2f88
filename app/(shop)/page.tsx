import Image from 'next/image';
import Link from 'next/link';
import { ProductGrid } from '@/components/catalog/product-card';
import { FlashSaleStrip } from '@/components/flash-sales/flash-sale-strip';
import { getFeaturedCategories, getHomeShelves } from '@/lib/catalog/queries';

export default async function HomePage() {
  const [featured, shelves] = await Promise.all([getFeaturedCategories(), getHomeShelves()]);
  return (
    <div className="space-y-12">
      <section className="rounded-2xl bg-gradient-to-r from-brand-700 to-brand-600 px-6 py-10 text-white sm:px-10">
        <h1 className="text-3xl font-bold tracking-tight sm:text-4xl">Independent shops, one checkout</h1>
        <p className="mt-2 max-w-xl text-brand-100">
          Shoes, clothing, electronics, home and outdoor gear from independent sellers, shipped by them.
        </p>
        <a href="#new" className="mt-5 inline-block rounded-full bg-white px-5 py-2 text-sm font-semibold text-brand-800 hover:bg-brand-50">
          Shop new arrivals
        </a>
      </section>

      <FlashSaleStrip />

      <section aria-labelledby="featured-heading">
        <h2 id="featured-heading" className="mb-4 text-xl font-semibold">
          Featured categories
        </h2>
        {featured.length ? (
          <ul className="grid grid-cols-2 gap-4 sm:grid-cols-3 lg:grid-cols-5">
            {featured.map((c) => (
              <li key={c.path}>
                <Link href={`/c/${c.path}`} className="group block">
                  <div className="relative aspect-[4/3] overflow-hidden rounded-lg bg-slate-100">
                    {c.imageUrl ? <Image src={c.imageUrl} alt="" fill sizes="(min-width: 1024px) 18vw, 45vw" className="object-cover transition-transform group-hover:scale-105" /> : null}
                  </div>
                  <p className="mt-2 font-medium group-hover:underline">{c.name}</p>
                  <p className="text-xs text-slate-600">{c.productCount} products</p>
                </Link>
              </li>
            ))}
          </ul>
        ) : (
          <p className="text-slate-600">No categories yet.</p>
        )}
      </section>

      <Shelf id="new" title="New arrivals" products={shelves.newArrivals} priority />
      <Shelf id="best" title="Best sellers" products={shelves.bestSellers} />
    </div>
  );
}

function Shelf({ id, title, products, priority = false }: { id: string; title: string; products: Parameters<typeof ProductGrid>[0]['products']; priority?: boolean }) {
  return (
    <section id={id} aria-labelledby={`${id}-heading`} className="scroll-mt-4">
      <h2 id={`${id}-heading`} className="mb-4 text-xl font-semibold">
        {title}
      </h2>
      {products.length ? <ProductGrid products={products} priorityCount={priority ? 4 : 0} /> : <p className="text-slate-600">Nothing here yet — check back soon.</p>}
    </section>
  );
}
