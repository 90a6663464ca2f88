'use client';

import { useQuery } from '@tanstack/react-query';
import Image from 'next/image';
import { useEffect, useMemo, useState, type ReactNode } from 'react';
import type { ProductDetail } from '@/lib/catalog/reads';
import { AddToCart } from '@/components/cart/add-to-cart';
import { Price } from './price';

type Props = { product: ProductDetail; children: ReactNode };

async function fetchAvailability(productId: string): Promise<Record<string, number>> {
  const res = await fetch(`/api/stock/${productId}`);
  if (!res.ok) throw new Error('Could not load stock');
  return (await res.json()).variants;
}

/** Gallery, variant picker, price and live stock: the interactive half of the product page. */
export function ProductView({ product, children }: Props) {
  const [selected, setSelected] = useState<Record<string, string>>(() => product.variants[0]?.options ?? {});
  // null = follow the selected variant's image; a number = the shopper picked a thumbnail.
  const [pickedImage, setPickedImage] = useState<number | null>(null);
  const stock = useQuery({ queryKey: ['stock', product.id], queryFn: () => fetchAvailability(product.id), refetchInterval: 30_000 });

  // A shared link may name a variant (?variant=id); read it after hydration so the page stays cacheable.
  useEffect(() => {
    const id = new URLSearchParams(window.location.search).get('variant');
    const v = product.variants.find((x) => x.id === id);
    // eslint-disable-next-line react-hooks/set-state-in-effect -- the URL is only known after hydration; the cached HTML stays variant-neutral
    if (v) setSelected(v.options);
  }, [product.variants]);

  const variant = useMemo(
    () => product.variants.find((v) => Object.entries(selected).every(([k, val]) => v.options[k] === val)) ?? null,
    [product.variants, selected],
  );

  // Only a shopper's choice touches the URL (a replaceState on load would re-render the page).
  const choose = (options: Record<string, string>) => {
    setSelected(options);
    setPickedImage(null);
    const next = product.variants.find((v) => Object.entries(options).every(([k, val]) => v.options[k] === val));
    if (!next) return;
    const url = new URL(window.location.href);
    url.searchParams.set('variant', next.id);
    window.history.replaceState(window.history.state, '', url);
  };

  const variantImage = variant ? product.images.findIndex((img) => img.id === variant.imageId) : -1;
  const imageIndex = pickedImage ?? Math.max(variantImage, 0);


  const image = product.images[imageIndex] ?? product.images[0];
  const available = variant && stock.data ? (stock.data[variant.id] ?? 0) : null;
  const exists = (name: string, value: string) =>
    product.variants.some((v) => v.options[name] === value && Object.entries(selected).every(([k, val]) => k === name || v.options[k] === val));

  return (
    <div className="grid gap-8 md:grid-cols-2">
      <section aria-label="Product images">
        <div className="relative aspect-square overflow-hidden rounded-xl bg-slate-100">
          {image ? (
            <Image src={image.url} alt={image.alt} fill priority sizes="(min-width: 768px) 50vw, 100vw" className="object-cover" />
          ) : null}
        </div>
        {product.images.length > 1 ? (
          <ul className="mt-3 flex gap-2 overflow-x-auto" aria-label="Choose an image">
            {product.images.map((img, i) => (
              <li key={img.id}>
                <button
                  type="button"
                  onClick={() => setPickedImage(i)}
                  aria-label={`Show image ${i + 1}: ${img.alt}`}
                  aria-pressed={i === imageIndex}
                  className={`relative block size-16 overflow-hidden rounded-md border-2 ${i === imageIndex ? 'border-brand-600' : 'border-transparent'}`}
                >
                  <Image src={img.url} alt="" fill sizes="64px" className="object-cover" />
                </button>
              </li>
            ))}
          </ul>
        ) : null}
      </section>

      <section aria-label="Product details" className="space-y-5">
        {children}
        <div data-testid="price">
          <Price amount={variant?.price ?? product.priceMin} compareAt={variant?.compareAtPrice} currency={product.currency} size="lg" />
        </div>

        {product.options.map((option) => (
          <fieldset key={option.name}>
            <legend className="mb-2 text-sm font-medium">
              {option.name}: <span className="font-normal text-slate-700">{selected[option.name]}</span>
            </legend>
            <div className="flex flex-wrap gap-2">
              {option.values.map((value) => {
                const checked = selected[option.name] === value;
                const possible = exists(option.name, value);
                return (
                  <label
                    key={value}
                    className={`cursor-pointer rounded-md border px-3 py-1.5 text-sm has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-brand-600 ${
                      checked ? 'border-brand-600 bg-brand-50 font-medium' : 'border-slate-300'
                    } ${possible ? '' : 'text-slate-500 line-through'}`}
                  >
                    <input
                      type="radio"
                      className="sr-only"
                      name={`option-${option.name}`}
                      value={value}
                      checked={checked}
                      onChange={() => choose({ ...selected, [option.name]: value })}
                    />
                    {value}
                    {possible ? null : <span className="sr-only"> (unavailable in this combination)</span>}
                  </label>
                );
              })}
            </div>
          </fieldset>
        ))}

        <p role="status" aria-live="polite" className="text-sm" data-testid="stock">
          {!variant ? (
            <span className="text-slate-700">This combination is not available.</span>
          ) : stock.isPending ? (
            <span className="text-slate-600">Checking stock…</span>
          ) : stock.isError ? (
            <span className="text-slate-600">Stock could not be checked right now.</span>
          ) : available === 0 ? (
            <span className="font-medium text-sale">Out of stock</span>
          ) : available !== null && available <= 5 ? (
            <span className="font-medium text-amber-700">Only {available} left</span>
          ) : (
            <span className="font-medium text-green-700">In stock</span>
          )}
        </p>
        <AddToCart key={variant?.id ?? 'none'} variantId={variant?.id ?? null} available={available} title={product.title} />
        {variant ? <p className="text-xs text-slate-600">SKU {variant.sku}</p> : null}
      </section>
    </div>
  );
}
