'use client';

import { useRouter } from 'next/navigation';
import { useId, useState, useTransition } from 'react';
import { saveVariantsAction } from '@/lib/seller-catalog/actions';
import { saveVariantsInput } from '@/lib/seller-catalog/inputs';
import { buttonClass } from './ui';

export type VariantRow = {
  id: string;
  title: string;
  sku: string;
  price: string;
  compareAtPrice: string;
  weightGrams: string;
  lowStockThreshold: string;
  available: number;
};

const FIELDS = [
  { key: 'sku', label: 'SKU', width: 'w-36', mode: 'text' },
  { key: 'price', label: 'Price', width: 'w-24', mode: 'decimal' },
  { key: 'compareAtPrice', label: 'Compare-at', width: 'w-24', mode: 'decimal' },
  { key: 'weightGrams', label: 'Weight (g)', width: 'w-24', mode: 'numeric' },
  { key: 'lowStockThreshold', label: 'Low-stock alert at', width: 'w-24', mode: 'numeric' },
] as const;
type Key = (typeof FIELDS)[number]['key'];

/**
 * Per-variant SKU, price, compare-at, weight and low-stock threshold, saved together. Checked
 * here with the server's own schema first, so each error sits beside its cell.
 */
export function VariantsForm({ storeId, productId, variants }: { storeId: string; productId: string; variants: VariantRow[] }) {
  const router = useRouter();
  const uid = useId();
  const [rows, setRows] = useState(variants);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [pending, start] = useTransition();
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const set = (i: number, key: Key, value: string) => setRows((rs) => rs.map((r, j) => (j === i ? { ...r, [key]: value } : r)));

  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    const input = { storeId, productId, variants: rows.map(({ id, sku, price, compareAtPrice, weightGrams, lowStockThreshold }) => ({ id, sku, price, compareAtPrice, weightGrams, lowStockThreshold })) };
    const check = saveVariantsInput.safeParse(input);
    if (!check.success) {
      const errs: Record<string, string> = {};
      for (const issue of check.error.issues) {
        const [, i, key] = issue.path;
        if (typeof i === 'number' && typeof key === 'string') errs[`${i}.${key}`] ??= issue.message;
      }
      setErrors(errs);
      setMessage({ ok: false, text: `Fix the ${Object.keys(errs).length} highlighted field(s).` });
      // Take the keyboard to the first bad cell.
      const first = Object.keys(errs)[0];
      if (first) document.getElementById(`${uid}-${first}`)?.focus();
      return;
    }
    setErrors({});
    start(async () => {
      const r = await saveVariantsAction(input);
      setMessage(r.ok ? { ok: true, text: `Saved ${r.data.saved} variant(s). The storefront shows the change now.` } : { ok: false, text: r.message });
      if (r.ok) router.refresh();
    });
  };

  return (
    <form onSubmit={submit} noValidate>
      <div className="relative overflow-x-auto">
        <table className="w-full min-w-[44rem] text-left text-sm">
          <caption className="sr-only">Variants and their prices</caption>
          <thead className="text-slate-700">
            <tr>
              <th scope="col" className="py-2 pr-3 font-medium">
                Variant
              </th>
              {FIELDS.map((f) => (
                <th key={f.key} scope="col" className="py-2 pr-3 font-medium">
                  {f.label}
                </th>
              ))}
              <th scope="col" className="py-2 text-right font-medium">
                Available
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-200">
            {rows.map((r, i) => (
              <tr key={r.id} className="align-top">
                <th scope="row" className="py-2 pr-3 font-medium">
                  {r.title}
                </th>
                {FIELDS.map((f) => {
                  const id = `${uid}-${i}.${f.key}`;
                  const err = errors[`${i}.${f.key}`];
                  return (
                    <td key={f.key} className="py-2 pr-3">
                      <input
                        id={id}
                        value={r[f.key]}
                        onChange={(e) => set(i, f.key, e.target.value)}
                        inputMode={f.mode === 'text' ? undefined : f.mode}
                        aria-label={`${f.label} for ${r.title}`}
                        aria-invalid={Boolean(err)}
                        aria-describedby={err ? `${id}-error` : undefined}
                        className={`block rounded-md border border-slate-300 px-2 py-1.5 aria-invalid:border-sale ${f.width}`}
                      />
                      {err ? (
                        <p id={`${id}-error`} className="mt-1 max-w-40 text-xs text-sale">
                          {err}
                        </p>
                      ) : null}
                    </td>
                  );
                })}
                <td className="py-2 text-right tabular-nums">{r.available}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p role="status" className="mt-2 min-h-5 text-sm text-green-800">
        {message?.ok ? message.text : null}
      </p>
      {message && !message.ok ? (
        <p role="alert" className="text-sm text-sale">
          {message.text}
        </p>
      ) : null}
      <button type="submit" disabled={pending} className={`mt-2 ${buttonClass}`}>
        {pending ? 'Saving…' : 'Save variants'}
      </button>
    </form>
  );
}
