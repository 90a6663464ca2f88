'use client';

import { useRouter } from 'next/navigation';
import { useId, useRef, useState, useTransition } from 'react';
import type { ActionResult } from '@/lib/accounts/action';
import { createFlashSaleAction, proposeFlashSaleAction, searchSaleVariantsAction, searchStoreVariantsAction, type SaleSummary } from '@/lib/flash-sales/admin-actions';
import type { SaleVariantChoice } from '@/lib/flash-sales/admin-queries';
import { formatMoney } from '@/lib/money';
import { sellerHref } from '@/lib/sellers/links';
import { buttonClass, inputClass, Labelled } from '@/components/seller-catalog/ui';
import { TimeZoneName, useHydrated } from './local-time';
import { VariantPicker } from './variant-picker';

type Mode = { kind: 'admin' } | { kind: 'seller'; storeId: string; storeSlug: string };

// Refusals of the service that belong to one field: shown beside it, like a validation error.
const CODE_FIELD: Record<string, string> = {
  insufficient_stock: 'allocation',
  price_not_discounted: 'salePrice',
  currency_mismatch: 'salePrice',
  window_past: 'endsAt',
  not_found: 'variantId',
  no_location: 'locationId',
};

const FIELD_ORDER = ['variantId', 'locationId', 'allocation', 'salePrice', 'perCustomerLimit', 'startsAt', 'endsAt'];

/** `datetime-local` value of a moment, in this browser's zone. */
function localInput(ms: number): string {
  const d = new Date(ms);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** A `datetime-local` value (this browser's zone) as an ISO instant; '' when empty or invalid. */
function toIso(local: string): string {
  if (!local) return '';
  const d = new Date(local);
  return Number.isNaN(d.getTime()) ? '' : d.toISOString();
}

function duration(startLocal: string, endLocal: string): string | null {
  const ms = new Date(endLocal).getTime() - new Date(startLocal).getTime();
  if (!Number.isFinite(ms) || ms <= 0) return null;
  const m = Math.round(ms / 60_000);
  const d = Math.floor(m / 1440);
  const h = Math.floor((m % 1440) / 60);
  return [d ? `${d} d` : '', h ? `${h} h` : '', m % 60 ? `${m % 60} min` : ''].filter(Boolean).join(' ') || '0 min';
}

/**
 * Sets up a flash sale: an admin's (any store's variant; announced at once unless unticked) or
 * a seller's proposal (the store's own variants; the service refuses any other). Times are
 * entered in the browser's zone, shown, and sent as instants.
 */
export function SaleForm({ mode }: { mode: Mode }) {
  const router = useRouter();
  const uid = useId();
  const formRef = useRef<HTMLFormElement>(null);
  const hydrated = useHydrated();
  const [openedAt] = useState(() => Date.now());
  const [variant, setVariant] = useState<SaleVariantChoice | null>(null);
  const [locationId, setLocationId] = useState('');
  const [startLocal, setStartLocal] = useState<string | null>(null);
  const [endLocal, setEndLocal] = useState<string | null>(null);
  const [result, setResult] = useState<ActionResult<SaleSummary> | null>(null);
  const [pending, start] = useTransition();

  // Suggested window, once the browser's zone is known: from the next hour, for two hours.
  const nextHour = Math.ceil(openedAt / 3_600_000) * 3_600_000 + 3_600_000;
  const startValue = startLocal ?? (hydrated ? localInput(nextHour) : '');
  const endValue = endLocal ?? (hydrated ? localInput(nextHour + 2 * 3_600_000) : '');

  const errors: Record<string, string> = {};
  if (result && !result.ok) {
    for (const [k, v] of Object.entries(result.fieldErrors ?? {})) if (v[0]) errors[k] = v[0];
    const field = CODE_FIELD[result.code];
    if (field && !errors[field]) errors[field] = result.message;
  }
  const hasFieldErrors = Object.keys(errors).length > 0;
  const location = variant?.locations.find((l) => l.id === locationId) ?? variant?.locations[0];

  const describe = (name: string, hint: boolean) => [hint ? `${uid}-${name}-hint` : null, errors[name] ? `${uid}-${name}-error` : null].filter(Boolean).join(' ') || undefined;
  const fieldProps = (name: string, hint = false) => ({ id: `${uid}-${name}`, name, 'aria-invalid': errors[name] ? true : undefined, 'aria-describedby': describe(name, hint), className: inputClass });

  const choose = (v: SaleVariantChoice) => {
    setVariant(v);
    setLocationId(v.locations[0]?.id ?? '');
  };

  const submit = (e: React.FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = e.currentTarget;
    const data = new FormData(form);
    data.set('startsAt', toIso(startValue));
    data.set('endsAt', toIso(endValue));
    data.delete('startsAtLocal');
    data.delete('endsAtLocal');
    if (mode.kind === 'admin') data.set('schedule', (form.elements.namedItem('schedule') as HTMLInputElement | null)?.checked ? 'true' : 'false');
    start(async () => {
      const r = mode.kind === 'admin' ? await createFlashSaleAction(data) : await proposeFlashSaleAction(data);
      setResult(r);
      if (r.ok) {
        router.push(mode.kind === 'admin' ? `/admin/flash-sales/${r.data.id}?created=1` : sellerHref('/seller/flash-sales', mode.storeSlug, { proposed: '1' }));
        return;
      }
      // Take the keyboard to the first field to fix.
      const names = [...Object.keys(r.fieldErrors ?? {}), CODE_FIELD[r.code]].filter(Boolean);
      const first = FIELD_ORDER.find((n) => names.includes(n));
      if (first) requestAnimationFrame(() => (formRef.current?.querySelector<HTMLElement>(`[data-field="${first}"]`) ?? formRef.current?.querySelector<HTMLElement>(`[name="${first}"]`))?.focus());
    });
  };

  const search = mode.kind === 'admin' ? searchSaleVariantsAction : (i: { q: string }) => searchStoreVariantsAction({ ...i, storeId: mode.storeId });
  const lasts = startValue && endValue ? duration(startValue, endValue) : null;

  return (
    <form ref={formRef} onSubmit={submit} noValidate className="space-y-6" aria-label={mode.kind === 'admin' ? 'New flash sale' : 'Propose a flash sale'}>
      {mode.kind === 'seller' ? <input type="hidden" name="storeId" value={mode.storeId} /> : null}
      {variant ? <input type="hidden" name="currency" value={variant.currency} /> : null}

      <section aria-labelledby={`${uid}-what`} className="space-y-4">
        <h2 id={`${uid}-what`} className="text-lg font-semibold">
          Product
        </h2>
        <VariantPicker search={search} minChars={mode.kind === 'admin' ? 2 : 0} showStore={mode.kind === 'admin'} selected={variant} onSelect={choose} error={errors.variantId} />
        <Labelled
          id={`${uid}-locationId`}
          label="Take the units from"
          hint={variant ? 'The allocation leaves this location’s stock when the sale starts; unsold units come back when it ends.' : 'Choose a variant first.'}
          error={errors.locationId}
        >
          <select {...fieldProps('locationId', true)} value={location?.id ?? ''} onChange={(e) => setLocationId(e.target.value)} disabled={!variant}>
            {variant ? (
              variant.locations.map((l) => (
                <option key={l.id} value={l.id}>
                  {l.name} ({l.code}) — {l.free} free
                </option>
              ))
            ) : (
              <option value="">No variant chosen</option>
            )}
          </select>
        </Labelled>
      </section>

      <section aria-labelledby={`${uid}-terms`} className="space-y-4">
        <h2 id={`${uid}-terms`} className="text-lg font-semibold">
          Terms
        </h2>
        <div className="grid gap-4 sm:grid-cols-3">
          <Labelled id={`${uid}-allocation`} label="Allocation (units)" hint={location ? `${location.free} free at ${location.code} now.` : 'Units set aside for the sale.'} error={errors.allocation}>
            <input {...fieldProps('allocation', true)} inputMode="numeric" defaultValue="10" autoComplete="off" />
          </Labelled>
          <Labelled
            id={`${uid}-salePrice`}
            label={`Sale price${variant ? ` (${variant.currency})` : ''}`}
            hint={variant ? `Regular price ${formatMoney(variant.price, variant.currency)}; the sale price must be lower.` : 'An amount like 19.99.'}
            error={errors.salePrice}
          >
            <input {...fieldProps('salePrice', true)} inputMode="decimal" autoComplete="off" placeholder="19.99" />
          </Labelled>
          <Labelled id={`${uid}-perCustomerLimit`} label="Limit per customer" hint="Units one customer may hold or buy." error={errors.perCustomerLimit}>
            <input {...fieldProps('perCustomerLimit', true)} inputMode="numeric" defaultValue="1" autoComplete="off" />
          </Labelled>
        </div>
      </section>

      <fieldset className="space-y-3">
        <legend className="text-lg font-semibold">When</legend>
        <p className="text-sm text-slate-700" id={`${uid}-zone`}>
          Times are in <TimeZoneName />. A flash sale lasts at most 14 days.
        </p>
        <div className="grid gap-4 sm:grid-cols-2">
          <Labelled id={`${uid}-startsAt`} label="Starts" error={errors.startsAt}>
            <input
              id={`${uid}-startsAt`}
              name="startsAtLocal"
              data-field="startsAt"
              type="datetime-local"
              value={startValue}
              onChange={(e) => setStartLocal(e.target.value)}
              aria-invalid={errors.startsAt ? true : undefined}
              aria-describedby={[`${uid}-zone`, errors.startsAt ? `${uid}-startsAt-error` : null].filter(Boolean).join(' ')}
              className={inputClass}
            />
          </Labelled>
          <Labelled id={`${uid}-endsAt`} label="Ends" error={errors.endsAt}>
            <input
              id={`${uid}-endsAt`}
              name="endsAtLocal"
              data-field="endsAt"
              type="datetime-local"
              value={endValue}
              onChange={(e) => setEndLocal(e.target.value)}
              aria-invalid={errors.endsAt ? true : undefined}
              aria-describedby={[`${uid}-zone`, errors.endsAt ? `${uid}-endsAt-error` : null].filter(Boolean).join(' ')}
              className={inputClass}
            />
          </Labelled>
        </div>
        <p className="text-sm text-slate-700">{lasts ? `Runs for ${lasts}.` : null}</p>
      </fieldset>

      {mode.kind === 'admin' ? (
        <label className="flex items-start gap-2 text-sm">
          <input type="checkbox" name="schedule" defaultChecked className="mt-0.5 size-4" />
          <span>
            <span className="font-medium">Announce it now</span>
            <span className="block text-slate-700">It appears as upcoming on the storefront and starts on time. Untick to keep it approved but unannounced.</span>
          </span>
        </label>
      ) : (
        <p className="text-sm text-slate-700">The marketplace team reviews the proposal. Nothing leaves your stock until an approved sale starts.</p>
      )}

      {result && !result.ok ? (
        <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-900">
          {hasFieldErrors ? 'Check the highlighted fields.' : result.message}
        </p>
      ) : null}
      <button type="submit" disabled={pending} className={buttonClass}>
        {pending ? (mode.kind === 'admin' ? 'Creating…' : 'Sending…') : mode.kind === 'admin' ? 'Create flash sale' : 'Send proposal'}
      </button>
    </form>
  );
}
