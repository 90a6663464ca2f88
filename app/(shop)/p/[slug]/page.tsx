import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { Breadcrumbs } from '@/components/catalog/breadcrumbs';
import { ProductView } from '@/components/catalog/product-view';
import { Rating } from '@/components/catalog/rating';
import { getCategory, getProduct, getTopProductSlugs } from '@/lib/catalog/queries';
import { env } from '@/lib/platform/env';

type Props = { params: Promise<{ slug: string }> };

const SLUG = /^[a-z0-9-]{1,200}$/;

async function productFor(slug: string) {
  return SLUG.test(slug) ? getProduct(slug) : null;
}

// The best sellers are prerendered at build; any other product renders on first visit and is
// then served from the cache (ISR) until a catalog write invalidates its tag.
export async function generateStaticParams() {
  const slugs = await getTopProductSlugs(20);
  return slugs.length ? slugs.map((slug) => ({ slug })) : [{ slug: 'none' }];
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const product = await productFor((await params).slug);
  if (!product) return { title: 'Product not found' };
  const description = product.seoDescription ?? product.description.slice(0, 160);
  const image = product.images[0];
  return {
    title: product.seoTitle ?? product.title,
    description,
    alternates: { canonical: `/p/${product.slug}` },
    openGraph: {
      type: 'website',
      title: product.title,
      description,
      url: `/p/${product.slug}`,
      images: image ? [{ url: image.url, width: image.width, height: image.height, alt: image.alt }] : [],
    },
  };
}

export default async function ProductPage({ params }: Props) {
  const product = await productFor((await params).slug);
  if (!product) notFound();
  const category = await getCategory(product.categoryPath);
  const jsonLd = {
    '@context': 'https://schema.org',
    '@type': 'Product',
    name: product.title,
    description: product.description,
    sku: product.variants[0]?.sku,
    brand: { '@type': 'Brand', name: product.brand },
    image: product.images.map((i) => new URL(i.url, env.PUBLIC_URL).toString()),
    ...(product.reviewCount ? { aggregateRating: { '@type': 'AggregateRating', ratingValue: product.rating.toFixed(1), reviewCount: product.reviewCount } } : {}),
    offers: {
      '@type': 'AggregateOffer',
      priceCurrency: product.currency,
      lowPrice: (product.priceMin / 100).toFixed(2),
      highPrice: (product.priceMax / 100).toFixed(2),
      offerCount: product.variants.length,
      seller: { '@type': 'Organization', name: product.store.name },
    },
  };
  return (
    <div className="space-y-8">
      <Breadcrumbs items={[...(category?.breadcrumbs ?? []).map((b) => ({ name: b.name, href: `/c/${b.path}` })), { name: product.title, href: `/p/${product.slug}` }]} />
      <ProductView product={product}>
        <div className="space-y-2">
          <p className="text-sm uppercase tracking-wide text-slate-600">{product.brand}</p>
          <h1 className="text-2xl font-bold tracking-tight sm:text-3xl">{product.title}</h1>
          <Rating value={product.rating} count={product.reviewCount} />
          <p className="text-sm text-slate-700">
            Sold by <span className="font-medium">{product.store.name}</span> · ships from {product.store.country} · seller rating {product.store.rating.toFixed(1)}/5
          </p>
        </div>
      </ProductView>
      <section aria-labelledby="description-heading" className="max-w-3xl">
        <h2 id="description-heading" className="text-lg font-semibold">
          About this product
        </h2>
        <p className="mt-2 leading-relaxed text-slate-800">{product.description}</p>
        {product.tags.length ? (
          <ul className="mt-4 flex flex-wrap gap-2" aria-label="Tags">
            {product.tags.map((t) => (
              <li key={t}>
                <a href={`/search?q=${encodeURIComponent(t)}`} className="rounded-full bg-slate-100 px-3 py-1 text-xs text-slate-700 hover:bg-slate-200">
                  {t}
                </a>
              </li>
            ))}
          </ul>
        ) : null}
      </section>
      <script type="application/ld+json" dangerouslySetInnerHTML={{ __html: JSON.stringify(jsonLd).replace(/</g, '\\u003c') }} />
    </div>
  );
}
