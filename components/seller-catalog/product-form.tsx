'use client';

import { useRouter } from 'next/navigation';
import { useActionState, useEffect } from 'react';
import type { ActionResult } from '@/lib/accounts/action';
import { createProductAction, updateProductAction } from '@/lib/seller-catalog/actions';
import { sellerHref } from '@/lib/sellers/links';
import { buttonClass, inputClass, Labelled } from './ui';

export type ProductFormValues = {
  title: string;
  handle: string;
  description: string;
  categoryId: string;
  brand: string;
  tags: string;
  seoTitle: string;
  seoDescription: string;
  price: string;
  compareAtPrice: string;
  sku: string;
};

type Choice = { value: string; label: string };
type State = { result: ActionResult<{ productId: string }>; values: Partial<ProductFormValues> } | null;

const EMPTY: ProductFormValues = { title: '', handle: '', description: '', categoryId: '', brand: '', tags: '', seoTitle: '', seoDescription: '', price: '', compareAtPrice: '', sku: '' };

/** Creates a product (then opens its editor) or edits its details (`productId` set). */
export function ProductForm({
  storeId,
  storeSlug,
  productId,
  initial = EMPTY,
  categories,
}: {
  storeId: string;
  storeSlug: string;
  productId?: string;
  initial?: ProductFormValues;
  categories: Choice[];
}) {
  const editing = Boolean(productId);
  const router = useRouter();
  const [state, action, pending] = useActionState<State, FormData>(async (prev, form) => {
    const result = await (editing ? updateProductAction : createProductAction)(prev?.result, form);
    const values = Object.fromEntries([...form].filter(([, v]) => typeof v === 'string')) as Partial<ProductFormValues>;
    return { result: result as ActionResult<{ productId: string }>, values };
  }, null);
  const result = state?.result;
  useEffect(() => {
    if (!editing && result?.ok) router.push(sellerHref(`/seller/products/${result.data.productId}`, storeSlug, { created: 1 }));
  }, [editing, result, router, storeSlug]);
  const fe = result && !result.ok ? result.fieldErrors : undefined;
  const v = { ...initial, ...state?.values };
  const prefix = editing ? 'edit' : 'new';
  const props = (name: keyof ProductFormValues, hint?: string) => {
    const id = `${prefix}-${name}`;
    const error = fe?.[name]?.[0];
    return {
      field: { id, label: '', hint, error },
      input: {
        id,
        name,
        defaultValue: v[name],
        'aria-invalid': Boolean(error),
        'aria-describedby': [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ') || undefined,
        className: inputClass,
      },
    };
  };
  const f = (name: keyof ProductFormValues, label: string, hint?: string, extra: Record<string, unknown> = {}) => {
    const p = props(name, hint);
    return (
      <Labelled {...p.field} label={label}>
        <input {...p.input} {...extra} />
      </Labelled>
    );
  };
  const cat = props('categoryId');
  const desc = props('description');

  return (
    <form action={action} noValidate className="space-y-5">
      <input type="hidden" name="storeId" value={storeId} />
      {productId ? <input type="hidden" name="productId" value={productId} /> : null}
      <div className="grid gap-5 lg:grid-cols-2">
        {f('title', 'Title', undefined, { required: true, maxLength: 200 })}
        {f('handle', editing ? 'Handle' : 'Handle (optional)', editing ? 'The product’s web address: /p/<handle>.' : 'Made from the title when left empty.', { maxLength: 120, autoCapitalize: 'none', spellCheck: false })}
      </div>
      <Labelled {...desc.field} label="Description">
        {/* Keyed by the value: React resets a form after its action, and a textarea or select would fall back to its first default. */}
        <textarea key={`d-${v.description}`} {...desc.input} rows={5} maxLength={10_000} />
      </Labelled>
      <div className="grid gap-5 lg:grid-cols-2">
        <Labelled {...cat.field} label="Category">
          <select key={`c-${v.categoryId}`} {...cat.input} required>
            <option value="">Choose a category…</option>
            {categories.map((c) => (
              <option key={c.value} value={c.value}>
                {c.label}
              </option>
            ))}
          </select>
        </Labelled>
        {f('brand', 'Brand (optional)', undefined, { maxLength: 100 })}
      </div>
      {f('tags', 'Tags (optional)', 'Separate tags with commas, e.g. trail, waterproof.', { maxLength: 1000 })}
      {editing ? null : (
        <fieldset className="grid gap-5 rounded-md border border-slate-200 p-4 sm:grid-cols-3">
          <legend className="px-1 text-sm font-semibold">Price and SKU</legend>
          {f('price', 'Price', 'e.g. 49.99', { inputMode: 'decimal', required: true })}
          {f('compareAtPrice', 'Compare-at price (optional)', 'Shown struck through; must be higher.', { inputMode: 'decimal' })}
          {f('sku', 'SKU (optional)', 'Made from the handle when empty.', { maxLength: 64, autoCapitalize: 'characters', spellCheck: false })}
        </fieldset>
      )}
      <fieldset className="grid gap-5 rounded-md border border-slate-200 p-4 lg:grid-cols-2">
        <legend className="px-1 text-sm font-semibold">Search engine listing (optional)</legend>
        {f('seoTitle', 'SEO title', 'Up to 70 characters; the title is used when empty.', { maxLength: 70 })}
        {f('seoDescription', 'SEO description', 'Up to 320 characters.', { maxLength: 320 })}
      </fieldset>
      <p role="status" className="min-h-5 text-sm text-green-800">
        {editing && result?.ok ? 'Saved. The storefront shows the change now.' : null}
      </p>
      {result && !result.ok ? (
        <p role="alert" className="text-sm text-sale">
          {result.message}
        </p>
      ) : null}
      <button type="submit" disabled={pending || (!editing && result?.ok)} className={buttonClass}>
        {pending ? 'Saving…' : editing ? 'Save details' : 'Create product'}
      </button>
    </form>
  );
}
