'use client';

import { useRouter } from 'next/navigation';
import { useId, useMemo, useState, useTransition } from 'react';
import { saveOptionsAction } from '@/lib/seller-catalog/actions';
import { parseMoney } from '@/lib/seller-catalog/inputs';
import { generateMatrix, matrixProblems, MAX_OPTIONS, normaliseOptions, type ExistingVariant } from '@/lib/seller-catalog/matrix';
import { buttonClass, inputClass, secondaryButtonClass, smallButtonClass } from './ui';

type Row = { key: number; name: string; values: string; from?: string };

/**
 * Options and the variant matrix. The preview runs the same pure generator as the server, so
 * "2 new, 1 removed" here is what saving does.
 */
export function OptionsEditor({
  storeId,
  productId,
  slug,
  options,
  variants,
  stocked,
}: {
  storeId: string;
  productId: string;
  slug: string;
  options: { name: string; values: string[] }[];
  variants: ExistingVariant[];
  stocked: string[];
}) {
  const router = useRouter();
  const uid = useId();
  const [rows, setRows] = useState<Row[]>(() => options.map((o, i) => ({ key: i, name: o.name, values: o.values.join(', '), from: o.name })));
  const [nextKey, setNextKey] = useState(options.length);
  const [defaultPrice, setDefaultPrice] = useState('');
  const [pending, start] = useTransition();
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);

  const parsed = useMemo(() => normaliseOptions(rows.map((r) => ({ name: r.name, values: r.values.split(',') }))), [rows]);
  const renames = new Map(rows.filter((r) => r.from && r.from !== r.name.trim()).map((r) => [r.from!, r.name.trim()]));
  const existing = variants.map((v) => ({ ...v, options: Object.fromEntries(Object.entries(v.options).map(([k, val]) => [renames.get(k) ?? k, val])) }));
  const price = defaultPrice.trim() ? parseMoney(defaultPrice) : null;
  const plan = generateMatrix(parsed, existing, { price: price ?? variants[0]?.price ?? 0, skuPrefix: slug.slice(0, 24) });
  const problems = matrixProblems(parsed);
  const created = plan.rows.filter((r) => !r.id);
  const blocked = plan.removed.filter((r) => stocked.includes(r.id));
  const unchanged =
    created.length === 0 &&
    plan.removed.length === 0 &&
    JSON.stringify(parsed) === JSON.stringify(options) &&
    renames.size === 0;

  const update = (key: number, patch: Partial<Row>) => setRows((rs) => rs.map((r) => (r.key === key ? { ...r, ...patch } : r)));
  const save = () =>
    start(async () => {
      const r = await saveOptionsAction({
        storeId,
        productId,
        options: rows.filter((x) => x.name.trim() || x.values.trim()).map((x) => ({ name: x.name, values: x.values, from: x.from })),
        defaultPrice: defaultPrice.trim() || null,
      });
      if (r.ok) {
        // The saved names are what the next rename starts from.
        setRows((rs) => rs.filter((x) => x.name.trim() || x.values.trim()).map((x) => ({ ...x, from: x.name.trim() })));
        setDefaultPrice('');
        setMessage({ ok: true, text: `Variants generated: ${r.data.kept} kept, ${r.data.created} new, ${r.data.removed} removed.` });
        router.refresh();
      } else {
        const field = r.fieldErrors ? Object.values(r.fieldErrors).flat()[0] : undefined;
        setMessage({ ok: false, text: field ?? r.message });
      }
    });

  return (
    <div className="space-y-4">
      {rows.length === 0 ? <p className="text-sm text-slate-700">No options: the product has a single variant.</p> : null}
      <ul className="space-y-3">
        {rows.map((r, i) => (
          <li key={r.key} className="grid gap-3 rounded-md border border-slate-200 p-3 sm:grid-cols-[12rem_1fr_auto] sm:items-end">
            <div>
              <label htmlFor={`${uid}-name-${r.key}`} className="block text-sm font-medium">
                Option {i + 1} name
              </label>
              <input id={`${uid}-name-${r.key}`} value={r.name} maxLength={40} onChange={(e) => update(r.key, { name: e.target.value })} className={inputClass} placeholder="Size" />
            </div>
            <div>
              <label htmlFor={`${uid}-values-${r.key}`} className="block text-sm font-medium">
                Values
              </label>
              <input
                id={`${uid}-values-${r.key}`}
                value={r.values}
                onChange={(e) => update(r.key, { values: e.target.value })}
                className={inputClass}
                placeholder="S, M, L"
                aria-describedby={`${uid}-values-hint`}
              />
            </div>
            <button type="button" onClick={() => setRows((rs) => rs.filter((x) => x.key !== r.key))} className={secondaryButtonClass} aria-label={`Remove option ${r.name || i + 1}`}>
              Remove
            </button>
          </li>
        ))}
      </ul>
      <p id={`${uid}-values-hint`} className="text-xs text-slate-600">
        Separate values with commas. Renaming a value makes a new variant for it (the old one is removed).
      </p>
      <div className="flex flex-wrap items-end gap-3">
        <button
          type="button"
          disabled={rows.length >= MAX_OPTIONS}
          onClick={() => {
            setRows((rs) => [...rs, { key: nextKey, name: '', values: '' }]);
            setNextKey((k) => k + 1);
          }}
          className={smallButtonClass}
        >
          + Add option
        </button>
        <div>
          <label htmlFor={`${uid}-price`} className="block text-sm font-medium">
            Price for new variants (optional)
          </label>
          <input id={`${uid}-price`} value={defaultPrice} onChange={(e) => setDefaultPrice(e.target.value)} inputMode="decimal" className={`${inputClass} w-40`} placeholder="e.g. 49.99" />
        </div>
      </div>

      <div aria-live="polite" className="rounded-md bg-slate-50 p-3 text-sm">
        {problems.length ? (
          <p className="text-sale">{problems.join(' ')}</p>
        ) : (
          <>
            <p>
              <strong>{plan.rows.length}</strong> variant{plan.rows.length === 1 ? '' : 's'}: {plan.rows.length - created.length} kept, {created.length} new, {plan.removed.length} removed.
            </p>
            {created.length ? <p className="mt-1 text-slate-700">New: {created.slice(0, 12).map((r) => r.title).join(', ')}{created.length > 12 ? '…' : ''}</p> : null}
            {plan.removed.length ? (
              <p className="mt-1 text-slate-700">
                Removed: {plan.removed.slice(0, 12).map((r) => variants.find((v) => v.id === r.id)?.sku ?? r.sku).join(', ')}
              </p>
            ) : null}
            {blocked.length ? <p className="mt-1 text-sale">Some variants to remove still have stock ({blocked.map((b) => b.sku).join(', ')}). Set their stock to 0 first.</p> : null}
          </>
        )}
      </div>
      <button type="button" onClick={save} disabled={pending || problems.length > 0 || blocked.length > 0 || unchanged} className={buttonClass}>
        {pending ? 'Generating…' : 'Save options and generate variants'}
      </button>
      <p role="status" className="min-h-5 text-sm text-green-800">
        {message?.ok ? message.text : null}
      </p>
      {message && !message.ok ? (
        <p role="alert" className="text-sm text-sale">
          {message.text}
        </p>
      ) : null}
    </div>
  );
}
