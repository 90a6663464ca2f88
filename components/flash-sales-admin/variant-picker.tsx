'use client';

import { useEffect, useId, useRef, useState } from 'react';
import type { ActionResult } from '@/lib/accounts/action';
import type { SaleVariantChoice } from '@/lib/flash-sales/admin-queries';
import { formatMoney } from '@/lib/money';
import { inputClass } from '@/components/seller-catalog/ui';
import { variantLabel } from './ui';

type Search = (input: { q: string }) => Promise<ActionResult<SaleVariantChoice[]>>;

type State = { kind: 'idle' } | { kind: 'searching' } | { kind: 'done'; q: string; items: SaleVariantChoice[] } | { kind: 'error'; message: string };

const freeTotal = (v: SaleVariantChoice) => v.locations.reduce((n, l) => n + Math.max(0, l.free), 0);

/**
 * Search by SKU or product title, then pick one variant from a radio group (plain radios: arrow
 * keys move between results, the choice is announced). The chosen variant stays listed while
 * the search changes. Submits as `variantId`.
 */
export function VariantPicker({
  search,
  minChars,
  showStore,
  selected,
  onSelect,
  error,
}: {
  search: Search;
  /** 0: list the first variants before anything is typed (a seller's own store). */
  minChars: number;
  showStore: boolean;
  selected: SaleVariantChoice | null;
  onSelect: (v: SaleVariantChoice) => void;
  error?: string;
}) {
  const uid = useId();
  const [q, setQ] = useState('');
  const [state, setState] = useState<State>({ kind: 'idle' });
  const latest = useRef(0);

  const run = (query: string) => {
    const n = ++latest.current;
    if (query.trim().length < minChars) {
      setState({ kind: 'idle' });
      return;
    }
    setState({ kind: 'searching' });
    search({ q: query.trim() })
      .then((r) => {
        if (n !== latest.current) return; // a newer search answered or will answer
        setState(r.ok ? { kind: 'done', q: query.trim(), items: r.data } : { kind: 'error', message: r.fieldErrors?.q?.[0] ?? r.message });
      })
      .catch(() => n === latest.current && setState({ kind: 'error', message: 'The search failed. Check your connection and try again.' }));
  };

  // Search as the user types, a moment after the last key.
  useEffect(() => {
    const t = setTimeout(() => run(q), q ? 250 : 0);
    return () => clearTimeout(t);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `run` is recreated each render; the query is what matters
  }, [q]);

  const items = state.kind === 'done' ? state.items : [];
  const listed = selected && !items.some((i) => i.variantId === selected.variantId) ? [selected, ...items] : items;
  const status =
    state.kind === 'searching'
      ? 'Searching…'
      : state.kind === 'error'
        ? state.message
        : state.kind === 'done'
          ? state.items.length
            ? `${state.items.length === 20 ? 'First 20' : state.items.length} variant${state.items.length === 1 ? '' : 's'}${state.q ? ` matching “${state.q}”` : ''}.`
            : state.q
              ? `No published variant matches “${state.q}”.`
              : 'No published variants yet.'
          : minChars > 0
            ? `Type at least ${minChars} characters of a SKU or product title.`
            : '';

  return (
    <div className="space-y-3">
      <div>
        <label htmlFor={`${uid}-q`} className="block text-sm font-medium">
          Find a variant
        </label>
        <p id={`${uid}-q-hint`} className="text-xs text-slate-600">
          Search by SKU or product title{showStore ? ' across every store' : ''}. Only published products can go on sale.
        </p>
        <input
          id={`${uid}-q`}
          data-field="variantId"
          type="search"
          value={q}
          maxLength={100}
          autoComplete="off"
          spellCheck={false}
          aria-describedby={`${uid}-q-hint ${uid}-status`}
          onChange={(e) => setQ(e.target.value)}
          onKeyDown={(e) => {
            // Enter searches now instead of submitting the sale form.
            if (e.key === 'Enter') {
              e.preventDefault();
              run(q);
            }
          }}
          className={inputClass}
        />
        <p id={`${uid}-status`} role="status" className={`mt-1 min-h-5 text-sm ${state.kind === 'error' ? 'text-sale' : 'text-slate-700'}`}>
          {status}
        </p>
      </div>
      <fieldset aria-describedby={error ? `${uid}-error` : undefined} className="min-w-0">
        <legend className="text-sm font-medium">Variant</legend>
        {error ? (
          <p id={`${uid}-error`} className="mt-1 text-sm text-sale">
            {error}
          </p>
        ) : null}
        {listed.length ? (
          <ul className="mt-2 max-h-80 space-y-2 overflow-y-auto pr-1">
            {listed.map((v) => {
              const id = `${uid}-v-${v.variantId}`;
              return (
                <li key={v.variantId}>
                  <label
                    htmlFor={id}
                    className="flex cursor-pointer items-start gap-3 rounded-md border border-slate-200 p-3 hover:border-brand-600 has-[:checked]:border-brand-600 has-[:checked]:bg-brand-50 has-[:focus-visible]:ring-2 has-[:focus-visible]:ring-brand-600"
                  >
                    <input id={id} type="radio" name="variantId" value={v.variantId} checked={selected?.variantId === v.variantId} onChange={() => onSelect(v)} className="mt-1 size-4" />
                    <span className="min-w-0 text-sm">
                      <span className="block font-medium break-words">{variantLabel(v.productTitle, v.variantTitle)}</span>
                      <span className="block text-slate-700">
                        <span className="font-mono text-xs">{v.sku}</span>
                        {showStore ? ` · ${v.storeName}` : ''} · {formatMoney(v.price, v.currency)} · {freeTotal(v)} free
                      </span>
                    </span>
                  </label>
                </li>
              );
            })}
          </ul>
        ) : (
          <p className="mt-1 text-sm text-slate-600">{selected ? null : 'No variant chosen yet.'}</p>
        )}
      </fieldset>
    </div>
  );
}
