import type { Metadata } from 'next';
import Link from 'next/link';
import { z } from 'zod';
import { ImageManager } from '@/components/seller-catalog/image-manager';
import { OptionsEditor } from '@/components/seller-catalog/options-editor';
import { ProductForm } from '@/components/seller-catalog/product-form';
import { StatusControls } from '@/components/seller-catalog/status-controls';
import { ProductStatusBadge } from '@/components/seller-catalog/status-badge';
import { Section } from '@/components/seller-catalog/ui';
import { VariantsForm } from '@/components/seller-catalog/variants-form';
import { SellerPage } from '@/components/sellers/seller-page';
import { getDb } from '@/lib/platform/db';
import { NotFoundError } from '@/lib/platform/errors';
import { formatAmount } from '@/lib/seller-catalog/inputs';
import { variantsWithStock } from '@/lib/seller-catalog/products';
import { getSellerProduct, listCategoryChoices } from '@/lib/seller-catalog/queries';
import { storeScope } from '@/lib/seller-catalog/scope';
import { sellerHref, type SearchParams } from '@/lib/sellers/links';

export const metadata: Metadata = { title: 'Edit product', robots: { index: false } };

type Props = { params: Promise<{ id: string }>; searchParams: Promise<SearchParams> };

export default function EditProductPage({ params, searchParams }: Props) {
  return (
    <SellerPage title="Edit product" path="/seller/products" searchParams={searchParams}>
      {async ({ actor, store }) => {
        const { id } = await params;
        const scope = storeScope(actor, store.id);
        const db = await getDb();
        // Another store's product and an id that never existed look the same.
        const data = z.uuid().safeParse(id).success
          ? await getSellerProduct(db, scope, id).catch((err: unknown) => {
              if (err instanceof NotFoundError) return null;
              throw err;
            })
          : null;
        const back = (
          <Link href={sellerHref('/seller/products', store.slug)} className="text-brand-700 underline">
            ← All products
          </Link>
        );
        if (!data) {
          return (
            <div className="mt-6">
              <h2 className="text-lg font-semibold">Product not found</h2>
              <p className="mt-1 text-slate-700">It may have been deleted, or it belongs to another store.</p>
              <p className="mt-3">{back}</p>
            </div>
          );
        }
        const { product: p, options, variants, images } = data;
        const [categories, stocked] = await Promise.all([listCategoryChoices(db), variantsWithStock(db, scope, p.id)]);
        const created = (await searchParams).created === '1';
        return (
          <div className="mt-2 space-y-6">
            <p className="text-sm">{back}</p>
            {created ? (
              <p role="status" className="rounded-md bg-green-50 px-3 py-2 text-sm text-green-800">
                Product created as a draft. Add options, images and stock, then publish it.
              </p>
            ) : null}
            <div className="flex flex-wrap items-center gap-3">
              <h2 className="text-xl font-semibold">{p.title}</h2>
              <ProductStatusBadge status={p.status} />
              {p.status === 'active' ? (
                <Link href={`/p/${p.slug}`} className="text-sm text-brand-700 underline">
                  View in store
                </Link>
              ) : null}
            </div>
            <StatusControls storeId={store.id} productId={p.id} status={p.status} />

            <Section id="details-heading" title="Details">
              <ProductForm
                storeId={store.id}
                storeSlug={store.slug}
                productId={p.id}
                categories={categories}
                initial={{
                  title: p.title,
                  handle: p.slug,
                  description: p.description,
                  categoryId: p.categoryId,
                  brand: p.brand,
                  tags: p.tags.join(', '),
                  seoTitle: p.seoTitle ?? '',
                  seoDescription: p.seoDescription ?? '',
                  price: '',
                  compareAtPrice: '',
                  sku: '',
                }}
              />
            </Section>

            <Section
              id="options-heading"
              title="Options"
              description="Options such as Size or Colour. Generating variants makes one per combination and keeps the existing ones (their SKU, prices and stock) wherever a combination still fits."
            >
              <OptionsEditor
                storeId={store.id}
                productId={p.id}
                slug={p.slug}
                options={options.map((o) => ({ name: o.name, values: o.values }))}
                variants={variants.map((v) => ({ id: v.id, options: v.options, sku: v.sku, price: v.price, compareAtPrice: v.compareAtPrice, weightGrams: v.weightGrams, lowStockThreshold: v.lowStockThreshold }))}
                stocked={stocked}
              />
            </Section>

            <Section
              id="variants-heading"
              title={`Variants (${variants.length})`}
              description={
                <>
                  Prices in {p.currency}. The compare-at price is shown struck through and must be higher than the price. Stock is managed in{' '}
                  <Link href={sellerHref('/seller/inventory', store.slug, { q: p.title.slice(0, 100) })} className="text-brand-700 underline">
                    Inventory
                  </Link>
                  .
                </>
              }
            >
              <VariantsForm
                // A new set of variants (the matrix changed) starts a fresh form; a save keeps its message.
                key={variants.map((v) => v.id).join()}
                storeId={store.id}
                productId={p.id}
                variants={variants.map((v) => ({
                  id: v.id,
                  title: v.title,
                  sku: v.sku,
                  price: formatAmount(v.price),
                  compareAtPrice: v.compareAtPrice === null ? '' : formatAmount(v.compareAtPrice),
                  weightGrams: String(v.weightGrams),
                  lowStockThreshold: String(v.lowStockThreshold),
                  available: v.onHand - v.reserved,
                }))}
              />
            </Section>

            <Section id="images-heading" title={`Images (${images.length})`} description="JPEG, PNG, WebP or GIF up to 10 MB. Images are converted to WebP and their metadata (location, camera) removed. The first image is the main one.">
              <ImageManager storeId={store.id} productId={p.id} images={images.map((i) => ({ id: i.id, url: i.url, alt: i.alt, width: i.width, height: i.height }))} />
            </Section>
          </div>
        );
      }}
    </SellerPage>
  );
}
