'use client';

// A client component so listings ship compact card data rather than a serialised element
// tree per card (it renders on the server all the same).
import Image from 'next/image';
import Link from 'next/link';
import type { ProductCard as Card } from '@/lib/catalog/listing';
import { Price } from './price';
import { Rating } from './rating';

export function ProductCard({ product, priority = false }: { product: Card; priority?: boolean }) {
  return (
    <article className="group relative flex flex-col">
      <div className="relative aspect-square overflow-hidden rounded-lg bg-slate-100">
        {product.imageUrl ? (
          <Image
            src={product.imageUrl}
            alt={product.imageAlt}
            fill
            sizes="(min-width: 1024px) 22vw, (min-width: 640px) 30vw, 45vw"
            className="object-cover transition-transform duration-300 group-hover:scale-105"
            priority={priority}
          />
        ) : null}
        {!product.inStock ? (
          <span className="absolute left-2 top-2 rounded bg-slate-900/80 px-2 py-0.5 text-xs font-medium text-white">Sold out</span>
        ) : null}
      </div>
      <div className="mt-2 space-y-1">
        <p className="text-xs uppercase tracking-wide text-slate-600">{product.brand}</p>
        <h3 className="text-sm font-medium leading-snug">
          <Link href={`/p/${product.slug}`} className="after:absolute after:inset-0 focus-visible:outline-none">
            {product.title}
          </Link>
        </h3>
        <Price amount={product.priceMin} max={product.priceMax} compareAt={product.compareAtMax} currency={product.currency} />
        <Rating value={product.rating} count={product.reviewCount} />
      </div>
    </article>
  );
}

export function ProductGrid({ products, priorityCount = 0 }: { products: Card[]; priorityCount?: number }) {
  return (
    <ul className="grid grid-cols-2 gap-x-4 gap-y-8 sm:grid-cols-3 lg:grid-cols-4">
      {products.map((p, i) => (
        <li key={p.id} className="relative">
          <ProductCard product={p} priority={i < priorityCount} />
        </li>
      ))}
    </ul>
  );
}
