'use client';

import { useRouter } from 'next/navigation';
import { useActionState, useId, useState, useTransition } from 'react';
import type { ActionResult } from '@/lib/accounts/action';
import { adjustStockAction, setThresholdAction } from '@/lib/seller-catalog/actions';
import { buttonClass, inputClass, secondaryButtonClass } from './ui';

const REASONS = [
  { value: 'restock', label: 'Restock (received goods)' },
  { value: 'return', label: 'Customer return' },
  { value: 'damage', label: 'Damaged or lost' },
  { value: 'correction', label: 'Stock count correction' },
  { value: 'adjustment', label: 'Other adjustment' },
] as const;

type Location = { id: string; code: string; name: string };

/** One stock adjustment (a change or a counted quantity) with its reason, recorded in the ledger. */
export function AdjustStockForm({ storeId, variantId, label, locations, threshold }: { storeId: string; variantId: string; label: string; locations: Location[]; threshold: number }) {
  const router = useRouter();
  const uid = useId();
  // Submitted by hand rather than as a form action: React resets a form after its action, and a
  // refused adjustment should keep what the seller typed.
  const [state, setState] = useState<ActionResult<{ onHand: number; reserved: number }> | null>(null);
  const [pending, start] = useTransition();
  const submit = (e: React.FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = e.currentTarget;
    const data = new FormData(form);
    start(async () => {
      const r = await adjustStockAction(data);
      setState(r);
      if (r.ok) {
        (form.elements.namedItem('quantity') as HTMLInputElement).value = '';
        (form.elements.namedItem('note') as HTMLInputElement).value = '';
        router.refresh();
      }
    });
  };
  const [tState, tAction, tPending] = useActionState<ActionResult<{ lowStockThreshold: number }> | null, FormData>(async (prev, form) => {
    const r = await setThresholdAction(prev, form);
    if (r.ok) router.refresh();
    return r;
  }, null);
  const fe = state && !state.ok ? state.fieldErrors : undefined;
  const err = (name: string) => fe?.[name]?.[0];

  return (
    <div className="grid gap-4 lg:grid-cols-[1fr_16rem]">
      <form onSubmit={submit} noValidate className="space-y-3" aria-label={`Adjust stock of ${label}`}>
        <input type="hidden" name="storeId" value={storeId} />
        <input type="hidden" name="variantId" value={variantId} />
        <div className="grid gap-3 sm:grid-cols-2">
          <div>
            <label htmlFor={`${uid}-loc`} className="block text-sm font-medium">
              Location
            </label>
            <select id={`${uid}-loc`} name="locationId" className={inputClass} defaultValue={locations[0]?.id}>
              {locations.map((l) => (
                <option key={l.id} value={l.id}>
                  {l.name} ({l.code})
                </option>
              ))}
            </select>
          </div>
          <fieldset>
            <legend className="block text-sm font-medium">Type</legend>
            <div className="mt-2 flex gap-4 text-sm">
              <label className="flex items-center gap-1.5">
                <input type="radio" name="mode" value="delta" defaultChecked /> Change by
              </label>
              <label className="flex items-center gap-1.5">
                <input type="radio" name="mode" value="set" /> Set count to
              </label>
            </div>
          </fieldset>
          <div>
            <label htmlFor={`${uid}-qty`} className="block text-sm font-medium">
              Quantity
            </label>
            <p id={`${uid}-qty-hint`} className="text-xs text-slate-600">
              A change can be negative (e.g. -2).
            </p>
            <input
              id={`${uid}-qty`}
              name="quantity"
              inputMode="numeric"
              className={inputClass}
              aria-invalid={Boolean(err('quantity'))}
              aria-describedby={[`${uid}-qty-hint`, err('quantity') ? `${uid}-qty-error` : null].filter(Boolean).join(' ')}
            />
            {err('quantity') ? (
              <p id={`${uid}-qty-error`} className="mt-1 text-sm text-sale">
                {err('quantity')}
              </p>
            ) : null}
          </div>
          <div>
            <label htmlFor={`${uid}-reason`} className="block text-sm font-medium">
              Reason
            </label>
            <select id={`${uid}-reason`} name="reason" className={inputClass} defaultValue="restock" aria-invalid={Boolean(err('reason'))}>
              {REASONS.map((r) => (
                <option key={r.value} value={r.value}>
                  {r.label}
                </option>
              ))}
            </select>
          </div>
        </div>
        <div>
          <label htmlFor={`${uid}-note`} className="block text-sm font-medium">
            Note (optional)
          </label>
          <input id={`${uid}-note`} name="note" maxLength={500} className={inputClass} />
        </div>
        <p role="status" className="min-h-5 text-sm text-green-800">
          {state?.ok ? `Saved: ${state.data.onHand} on hand${state.data.reserved ? `, ${state.data.reserved} held by checkouts` : ''}.` : null}
        </p>
        {state && !state.ok && !state.fieldErrors ? (
          <p role="alert" className="text-sm text-sale">
            {state.message}
          </p>
        ) : null}
        <button type="submit" disabled={pending} className={buttonClass}>
          {pending ? 'Saving…' : 'Save adjustment'}
        </button>
      </form>
      <form action={tAction} noValidate className="space-y-2 rounded-md bg-slate-50 p-3" aria-label={`Low-stock alert for ${label}`}>
        <input type="hidden" name="storeId" value={storeId} />
        <input type="hidden" name="variantId" value={variantId} />
        <label htmlFor={`${uid}-threshold`} className="block text-sm font-medium">
          Alert when available is at or below
        </label>
        <p id={`${uid}-threshold-hint`} className="text-xs text-slate-600">
          0 turns the alert off. Alerts go to the store owners by email, once per drop.
        </p>
        <input id={`${uid}-threshold`} name="lowStockThreshold" inputMode="numeric" defaultValue={threshold} className={inputClass} aria-describedby={`${uid}-threshold-hint`} />
        <p role="status" className="min-h-5 text-sm text-green-800">
          {tState?.ok ? 'Threshold saved.' : null}
        </p>
        {tState && !tState.ok ? (
          <p role="alert" className="text-sm text-sale">
            {tState.fieldErrors?.lowStockThreshold?.[0] ?? tState.message}
          </p>
        ) : null}
        <button type="submit" disabled={tPending} className={secondaryButtonClass}>
          {tPending ? 'Saving…' : 'Save threshold'}
        </button>
      </form>
    </div>
  );
}
