'use client';

import { useRouter } from 'next/navigation';
import { useId, useState, useTransition } from 'react';
import { inputClass, secondaryButtonClass } from '@/components/seller-catalog/ui';
import type { ActionResult } from '@/lib/accounts/action';
import { cancelLineAction } from '@/lib/fulfilment/actions';
import { CANCEL_REASONS } from '@/lib/fulfilment/inputs';
import { formatMoney } from '@/lib/money';

type Line = { id: string; title: string; openUnits: number; nextCancellationSeq: number };
type Result = { status: string; refund: 'refunded' | 'pending' | 'none'; amount: number; created: boolean };

/**
 * Cancel unshipped units of one line; the shopper is refunded for them. The form carries the
 * line's next cancellation number, so submitting it twice cancels once.
 */
export function CancelLineForm({ storeId, storeOrderId, line, currency }: { storeId: string; storeOrderId: string; line: Line; currency: string }) {
  const router = useRouter();
  const uid = useId();
  const [state, setState] = useState<ActionResult<Result> | null>(null);
  const [pending, start] = useTransition();
  const fe = state && !state.ok ? state.fieldErrors : undefined;
  const err = (k: string) => fe?.[k]?.[0];

  const submit = (e: React.FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    start(async () => {
      const r = await cancelLineAction({
        storeId,
        storeOrderId,
        orderItemId: line.id,
        seq: line.nextCancellationSeq,
        quantity: String(form.get('quantity') ?? ''),
        reason: String(form.get('reason') ?? ''),
        note: String(form.get('note') ?? ''),
      });
      setState(r);
      if (r.ok) router.refresh();
    });
  };

  const done = state?.ok
    ? state.data.refund === 'refunded'
      ? `Cancelled. ${formatMoney(state.data.amount, currency)} was refunded to the shopper.`
      : state.data.refund === 'pending'
        ? `Cancelled. The refund of ${formatMoney(state.data.amount, currency)} is pending; it is retried automatically.`
        : 'Cancelled. There was nothing to refund.'
    : null;

  return (
    <details className="mt-2 text-sm">
      <summary className="cursor-pointer text-brand-700 underline">Cancel units…</summary>
      <form onSubmit={submit} noValidate className="mt-2 space-y-3 rounded-md bg-slate-50 p-3" aria-label={`Cancel units of ${line.title}`}>
        <div className="grid gap-3 sm:grid-cols-[6rem_1fr]">
          <div>
            <label htmlFor={`${uid}-qty`} className="block font-medium">
              Units
            </label>
            <input
              id={`${uid}-qty`}
              name="quantity"
              inputMode="numeric"
              defaultValue={line.openUnits}
              className={inputClass}
              aria-invalid={Boolean(err('quantity'))}
              aria-describedby={err('quantity') ? `${uid}-qty-error` : `${uid}-qty-hint`}
            />
            <p id={`${uid}-qty-hint`} className="mt-1 text-xs text-slate-600">
              Up to {line.openUnits}
            </p>
            {err('quantity') ? (
              <p id={`${uid}-qty-error`} className="mt-1 text-sale">
                {err('quantity')}
              </p>
            ) : null}
          </div>
          <div>
            <label htmlFor={`${uid}-reason`} className="block font-medium">
              Reason
            </label>
            <select id={`${uid}-reason`} name="reason" defaultValue="out_of_stock" className={inputClass}>
              {CANCEL_REASONS.map((r) => (
                <option key={r.value} value={r.value}>
                  {r.label}
                </option>
              ))}
            </select>
          </div>
        </div>
        <div>
          <label htmlFor={`${uid}-note`} className="block font-medium">
            Note to the shopper (optional; required for “Other”)
          </label>
          <input id={`${uid}-note`} name="note" maxLength={300} className={inputClass} aria-invalid={Boolean(err('note'))} aria-describedby={err('note') ? `${uid}-note-error` : undefined} />
          {err('note') ? (
            <p id={`${uid}-note-error`} className="mt-1 text-sale">
              {err('note')}
            </p>
          ) : null}
        </div>
        <p className="text-xs text-slate-700">The shopper is refunded the units’ price and tax (and the shipping, when nothing of the order is left to ship) and gets an email.</p>
        <p role="status" className="min-h-5 text-green-800">
          {done}
        </p>
        {state && !state.ok && !state.fieldErrors ? (
          <p role="alert" className="text-sale">
            {state.message}
          </p>
        ) : null}
        <button type="submit" disabled={pending} className={`${secondaryButtonClass} border-red-300 text-red-800 hover:bg-red-50`}>
          {pending ? 'Cancelling…' : 'Cancel and refund'}
        </button>
      </form>
    </details>
  );
}
