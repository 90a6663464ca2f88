'use client';

import { formatMoney } from '@/lib/money';
import type { Facets } from '@/lib/catalog/listing';
import type { ListingFilters } from '@/lib/catalog/inputs';
import { SORT_LABELS, type Sort } from '@/lib/catalog/sorts';
import { AutoSubmitForm } from './auto-submit-form';
import { FilterDisclosure } from './filter-disclosure';

const title = (key: string) => key.charAt(0).toUpperCase() + key.slice(1);

function Group({ legend, children }: { legend: string; children: React.ReactNode }) {
  return (
    <fieldset className="border-b border-slate-200 py-4">
      <legend className="mb-2 text-sm font-semibold">{legend}</legend>
      <div className="space-y-1.5">{children}</div>
    </fieldset>
  );
}

function Check({ name, value, checked, label, count }: { name: string; value: string; checked: boolean; label: string; count: number }) {
  return (
    <label className="flex cursor-pointer items-center gap-2 text-sm">
      <input type="checkbox" name={name} value={value} defaultChecked={checked} className="size-4 accent-brand-600" />
      <span className="flex-1">{label}</span>
      <span className="text-xs text-slate-600">{count}</span>
    </label>
  );
}

function PriceBound({ name, label, cents, placeholder }: { name: 'min' | 'max'; label: string; cents?: number; placeholder: string }) {
  return (
    <label className="text-xs">
      {label}
      <input
        type="number"
        name={name}
        min={0}
        step={1}
        inputMode="numeric"
        defaultValue={cents !== undefined ? cents / 100 : undefined}
        placeholder={placeholder}
        className="mt-1 block w-24 rounded-md border border-slate-300 px-2 py-1 text-sm"
      />
    </label>
  );
}

/**
 * Filters and sort as one GET form, so every state is a shareable URL. A client component so
 * the page ships the facet data once, not a serialised element tree beside the HTML.
 */
export function FacetPanel({
  action,
  facets,
  filters,
  sorts,
}: {
  action: string;
  facets: Facets;
  filters: ListingFilters;
  sorts: Sort[];
}) {
  const activeCount =
    filters.brands.length + Object.values(filters.options).flat().length + (filters.inStock ? 1 : 0) + (filters.minPrice !== undefined || filters.maxPrice !== undefined ? 1 : 0);
  return (
    <AutoSubmitForm action={action} label="Filter and sort products">
      {filters.q ? <input type="hidden" name="q" value={filters.q} /> : null}
      <div className="flex items-center justify-between gap-3 pb-2">
        <label className="flex items-center gap-2 text-sm">
          <span className="font-medium">Sort by</span>
          <select name="sort" defaultValue={filters.sort} className="rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm">
            {sorts.map((s) => (
              <option key={s} value={s}>
                {SORT_LABELS[s]}
              </option>
            ))}
          </select>
        </label>
      </div>
      <FilterDisclosure activeCount={activeCount}>
        <Group legend="Availability">
          <Check name="stock" value="1" checked={filters.inStock} label="In stock only" count={facets.inStock} />
        </Group>
        <Group legend="Price">
          <div className="flex items-end gap-2">
            <PriceBound name="min" label="Min ($)" cents={filters.minPrice} placeholder={facets.price ? String(Math.floor(facets.price.min / 100)) : '0'} />
            <PriceBound name="max" label="Max ($)" cents={filters.maxPrice} placeholder={facets.price ? String(Math.ceil(facets.price.max / 100)) : ''} />
          </div>
          {facets.price ? (
            <p className="text-xs text-slate-600">
              {formatMoney(facets.price.min)} – {formatMoney(facets.price.max)}
            </p>
          ) : null}
        </Group>
        {facets.brands.length ? (
          <Group legend="Brand">
            {facets.brands.map((b) => (
              <Check key={b.value} name="brand" value={b.value} checked={filters.brands.includes(b.value)} label={b.value} count={b.count} />
            ))}
          </Group>
        ) : null}
        {facets.options.map((o) => (
          <Group key={o.key} legend={title(o.key)}>
            {o.values.slice(0, 24).map((v) => (
              <Check key={v.value} name={o.key} value={v.value} checked={filters.options[o.key]?.includes(v.value) ?? false} label={v.value} count={v.count} />
            ))}
          </Group>
        ))}
        <div className="flex gap-2 py-4">
          <button type="submit" className="rounded-md bg-brand-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-700">
            Apply filters
          </button>
          <a href={action + (filters.q ? `?q=${encodeURIComponent(filters.q)}` : '')} className="rounded-md px-3 py-1.5 text-sm text-brand-700 underline">
            Clear all
          </a>
        </div>
      </FilterDisclosure>
    </AutoSubmitForm>
  );
}
