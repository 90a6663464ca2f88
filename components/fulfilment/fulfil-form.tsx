'use client';

import { useRouter } from 'next/navigation';
import { useId, useState, useTransition } from 'react';
import { buttonClass, inputClass } from '@/components/seller-catalog/ui';
import type { ActionResult } from '@/lib/accounts/action';
import { fulfilOrderAction } from '@/lib/fulfilment/actions';
import { CARRIER_OPTIONS, CARRIERS, type CarrierId } from '@/lib/fulfilment/tracking';

type Line = { id: string; title: string; variantTitle: string; sku: string; openUnits: number };

/**
 * Ship units as one parcel: how many of each line (all that is open by default), the carrier and
 * its tracking number. Submitted by hand, not as a form action, so a refused submit keeps what
 * the seller typed.
 */
export function FulfilForm({ storeId, storeOrderId, lines }: { storeId: string; storeOrderId: string; lines: Line[] }) {
  const router = useRouter();
  const uid = useId();
  const [carrier, setCarrier] = useState<CarrierId>('ups');
  const [qty, setQty] = useState<Record<string, string>>(() => Object.fromEntries(lines.map((l) => [l.id, String(l.openUnits)])));
  const [state, setState] = useState<ActionResult<{ shipmentId: string; created: boolean; status: string }> | null>(null);
  const [pending, start] = useTransition();
  const fe = state && !state.ok ? state.fieldErrors : undefined;
  const err = (k: string) => fe?.[k]?.[0];
  const hint = CARRIERS.find((c) => c.id === carrier)?.hint;

  const submit = (e: React.FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    start(async () => {
      const r = await fulfilOrderAction({
        storeId,
        storeOrderId,
        carrier,
        carrierName: String(form.get('carrierName') ?? ''),
        trackingNumber: String(form.get('trackingNumber') ?? ''),
        trackingUrl: String(form.get('trackingUrl') ?? ''),
        items: lines.map((l) => ({ orderItemId: l.id, quantity: qty[l.id] ?? '0' })),
      });
      setState(r);
      if (r.ok) router.refresh();
    });
  };

  const describedBy = (k: string, extra?: string) => [extra, err(k) ? `${uid}-${k}-error` : null].filter(Boolean).join(' ') || undefined;
  const fieldError = (k: string) =>
    err(k) ? (
      <p id={`${uid}-${k}-error`} className="mt-1 text-sm text-sale">
        {err(k)}
      </p>
    ) : null;

  return (
    <form onSubmit={submit} noValidate className="space-y-4" aria-label="Ship items">
      <fieldset>
        <legend className="text-sm font-medium">Units in this parcel</legend>
        <ul className="mt-2 divide-y divide-slate-200 rounded-md border border-slate-200">
          {lines.map((l) => (
            <li key={l.id} className="flex flex-wrap items-center justify-between gap-3 px-3 py-2">
              <label htmlFor={`${uid}-q-${l.id}`} className="min-w-0 flex-1 text-sm">
                <span className="font-medium break-words">{l.title}</span>
                {l.variantTitle ? <span className="text-slate-700"> · {l.variantTitle}</span> : null}
                <span className="block text-xs text-slate-600">
                  SKU {l.sku} · {l.openUnits} to ship
                </span>
              </label>
              <input
                id={`${uid}-q-${l.id}`}
                inputMode="numeric"
                value={qty[l.id] ?? ''}
                onChange={(e) => setQty((q) => ({ ...q, [l.id]: e.target.value }))}
                className="w-20 rounded-md border border-slate-300 px-2 py-1 text-right tabular-nums"
                aria-describedby={describedBy('items')}
              />
            </li>
          ))}
        </ul>
        {fieldError('items')}
      </fieldset>

      <div className="grid gap-3 sm:grid-cols-2">
        <div>
          <label htmlFor={`${uid}-carrier`} className="block text-sm font-medium">
            Carrier
          </label>
          <select id={`${uid}-carrier`} name="carrier" value={carrier} onChange={(e) => setCarrier(e.target.value as CarrierId)} className={inputClass}>
            {CARRIER_OPTIONS.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        </div>
        {carrier === 'other' ? (
          <div>
            <label htmlFor={`${uid}-carrierName`} className="block text-sm font-medium">
              Carrier name
            </label>
            <input id={`${uid}-carrierName`} name="carrierName" maxLength={60} className={inputClass} aria-invalid={Boolean(err('carrierName'))} aria-describedby={describedBy('carrierName')} />
            {fieldError('carrierName')}
          </div>
        ) : null}
        <div>
          <label htmlFor={`${uid}-tracking`} className="block text-sm font-medium">
            Tracking number
          </label>
          {hint ? (
            <p id={`${uid}-tracking-hint`} className="text-xs text-slate-600">
              {hint}
            </p>
          ) : null}
          <input
            id={`${uid}-tracking`}
            name="trackingNumber"
            autoComplete="off"
            spellCheck={false}
            maxLength={100}
            className={`${inputClass} font-mono`}
            aria-invalid={Boolean(err('trackingNumber'))}
            aria-describedby={describedBy('trackingNumber', hint ? `${uid}-tracking-hint` : undefined)}
          />
          {fieldError('trackingNumber')}
        </div>
        <div>
          <label htmlFor={`${uid}-url`} className="block text-sm font-medium">
            Tracking link (optional)
          </label>
          <p id={`${uid}-url-hint`} className="text-xs text-slate-600">
            {carrier === 'other' ? 'Where the shopper can follow the parcel.' : 'Leave empty to use the carrier’s tracking page.'}
          </p>
          <input
            id={`${uid}-url`}
            name="trackingUrl"
            type="url"
            inputMode="url"
            maxLength={500}
            placeholder="https://"
            className={inputClass}
            aria-invalid={Boolean(err('trackingUrl'))}
            aria-describedby={describedBy('trackingUrl', `${uid}-url-hint`)}
          />
          {fieldError('trackingUrl')}
        </div>
      </div>

      <p role="status" className="min-h-5 text-sm text-green-800">
        {state?.ok ? (state.data.created ? 'Shipped. The shopper has been emailed the tracking details.' : 'This parcel was already recorded.') : null}
      </p>
      {state && !state.ok && !state.fieldErrors ? (
        <p role="alert" className="text-sm text-sale">
          {state.message}
        </p>
      ) : null}
      <button type="submit" disabled={pending} className={buttonClass}>
        {pending ? 'Saving…' : 'Mark as shipped'}
      </button>
    </form>
  );
}
