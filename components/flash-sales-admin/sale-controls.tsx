'use client';

import { useRouter } from 'next/navigation';
import { useId, useRef, useState, useTransition } from 'react';
import type { ActionResult } from '@/lib/accounts/action';
import {
  cancelFlashSaleAction,
  reconcileFlashSaleAction,
  reviewFlashSaleAction,
  scheduleFlashSaleAction,
  startFlashSaleNowAction,
  withdrawFlashSaleAction,
} from '@/lib/flash-sales/admin-actions';
import { buttonClass, inputClass, secondaryButtonClass } from '@/components/seller-catalog/ui';

const dangerClass = 'inline-flex items-center justify-center rounded-md bg-sale px-4 py-2 text-sm font-medium text-white hover:opacity-90 disabled:opacity-60';

type Result = ActionResult<unknown> | null;

/**
 * Runs an action and keeps the outcome for the live region. On success the page's server data
 * is refreshed, or the page goes to `doneHref` (a control that disappears with the new status
 * hands its "done" message to the page that way).
 */
function useRun(doneHref?: string) {
  const router = useRouter();
  const [result, setResult] = useState<Result>(null);
  const [pending, start] = useTransition();
  const run = (fn: () => Promise<ActionResult<unknown>>, after?: (r: ActionResult<unknown>) => void) =>
    start(async () => {
      const r = await fn();
      setResult(r);
      after?.(r);
      if (r.ok) {
        if (doneHref) router.replace(doneHref, { scroll: false });
        else router.refresh();
      }
    });
  return { result, pending, run };
}

function Outcome({ result, ok }: { result: Result; ok: string }) {
  return (
    <>
      <p role="status" className="min-h-5 text-sm text-green-800">
        {result?.ok ? ok : null}
      </p>
      {result && !result.ok ? (
        <p role="alert" className="text-sm text-sale">
          {result.message}
        </p>
      ) : null}
    </>
  );
}

/** Approve (announced at once unless unticked) or reject with a reason the seller sees. */
export function ReviewPanel({ saleId, doneHref }: { saleId: string; doneHref: { approved: string; rejected: string } }) {
  const uid = useId();
  const approve = useRun(doneHref.approved);
  const reject = useRun(doneHref.rejected);
  const [announce, setAnnounce] = useState(true);
  const [reason, setReason] = useState('');
  const reasonRef = useRef<HTMLTextAreaElement>(null);
  const reasonError = reject.result && !reject.result.ok ? reject.result.fieldErrors?.reason?.[0] : undefined;

  return (
    <div className="grid gap-6 md:grid-cols-2">
      <div className="space-y-3">
        <h3 className="font-semibold">Approve</h3>
        <p className="text-sm text-slate-700">The stock and price are checked again now; units leave stock when the sale starts.</p>
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" checked={announce} onChange={(e) => setAnnounce(e.target.checked)} className="size-4" /> Announce it now (upcoming on the storefront)
        </label>
        <button type="button" disabled={approve.pending || reject.pending} onClick={() => approve.run(() => reviewFlashSaleAction({ id: saleId, decision: 'approve', schedule: announce }))} className={buttonClass}>
          {approve.pending ? 'Approving…' : 'Approve'}
        </button>
        <Outcome result={approve.result} ok={announce ? 'Approved and scheduled.' : 'Approved.'} />
      </div>
      <form
        className="space-y-3"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          reject.run(
            () => reviewFlashSaleAction({ id: saleId, decision: 'reject', reason }),
            (r) => !r.ok && requestAnimationFrame(() => reasonRef.current?.focus()),
          );
        }}
      >
        <h3 className="font-semibold">Reject</h3>
        <div>
          <label htmlFor={`${uid}-reason`} className="block text-sm font-medium">
            Reason (shown to the seller)
          </label>
          <p id={`${uid}-reason-hint`} className="text-xs text-slate-600">
            Say what would make the proposal acceptable. Required, at most 500 characters.
          </p>
          <textarea
            ref={reasonRef}
            id={`${uid}-reason`}
            name="reason"
            rows={3}
            maxLength={500}
            required
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            aria-invalid={reasonError ? true : undefined}
            aria-describedby={[`${uid}-reason-hint`, reasonError ? `${uid}-reason-error` : null].filter(Boolean).join(' ')}
            className={inputClass}
          />
          {reasonError ? (
            <p id={`${uid}-reason-error`} className="mt-1 text-sm text-sale">
              {reasonError}
            </p>
          ) : null}
        </div>
        <button type="submit" disabled={approve.pending || reject.pending} className={dangerClass}>
          {reject.pending ? 'Rejecting…' : 'Reject'}
        </button>
        <p role="status" className="min-h-5 text-sm text-green-800">
          {reject.result?.ok ? 'Rejected: the seller sees your reason.' : null}
        </p>
        {reject.result && !reject.result.ok && !reasonError ? (
          <p role="alert" className="text-sm text-sale">
            {reject.result.message}
          </p>
        ) : null}
      </form>
    </div>
  );
}

const ACTIONS = {
  schedule: scheduleFlashSaleAction,
  start: startFlashSaleNowAction,
  cancel: cancelFlashSaleAction,
  withdraw: withdrawFlashSaleAction,
} as const;

/**
 * One action on a sale as a button. With `confirm`, the first press asks (inline, keyboard
 * reachable) and only the second runs it.
 */
export function SaleActionButton({
  saleId,
  action,
  label,
  pendingLabel,
  done,
  confirm,
  tone = 'secondary',
  doneHref,
}: {
  saleId: string;
  action: keyof typeof ACTIONS;
  label: string;
  pendingLabel: string;
  done: string;
  confirm?: { question: string; yes: string; no: string };
  tone?: 'primary' | 'secondary' | 'danger';
  doneHref?: string;
}) {
  const { result, pending, run } = useRun(doneHref);
  const [asking, setAsking] = useState(false);
  const yesRef = useRef<HTMLButtonElement>(null);
  const triggerRef = useRef<HTMLButtonElement>(null);
  const go = () => run(() => ACTIONS[action]({ id: saleId }), () => setAsking(false));
  const cls = tone === 'primary' ? buttonClass : tone === 'danger' ? dangerClass : secondaryButtonClass;

  return (
    <div className="space-y-2">
      {asking && confirm ? (
        <div role="group" aria-label={confirm.question} className="space-y-2 rounded-md border border-red-200 bg-red-50 p-3">
          <p className="text-sm text-red-900">{confirm.question}</p>
          <div className="flex flex-wrap gap-2">
            <button ref={yesRef} type="button" disabled={pending} onClick={go} className={dangerClass}>
              {pending ? pendingLabel : confirm.yes}
            </button>
            <button
              type="button"
              disabled={pending}
              onClick={() => {
                setAsking(false);
                requestAnimationFrame(() => triggerRef.current?.focus());
              }}
              className={secondaryButtonClass}
            >
              {confirm.no}
            </button>
          </div>
        </div>
      ) : (
        <button
          ref={triggerRef}
          type="button"
          disabled={pending}
          onClick={() => {
            if (!confirm) return go();
            setAsking(true);
            requestAnimationFrame(() => yesRef.current?.focus());
          }}
          className={cls}
        >
          {pending ? pendingLabel : label}
        </button>
      )}
      <Outcome result={result} ok={done} />
    </div>
  );
}

/** Runs a reconciliation now; the page then shows the new report on top of the history. */
export function ReconcileButton({ saleId, disabledReason }: { saleId: string; disabledReason?: string }) {
  const { result, pending, run } = useRun();
  const uid = useId();
  const data = result?.ok ? (result.data as { drift: number }) : null;
  return (
    <div className="space-y-2">
      <button
        type="button"
        disabled={pending || Boolean(disabledReason)}
        aria-describedby={disabledReason ? `${uid}-why` : undefined}
        onClick={() => run(() => reconcileFlashSaleAction({ id: saleId }))}
        className={buttonClass}
      >
        {pending ? 'Reconciling…' : 'Reconcile now'}
      </button>
      {disabledReason ? (
        <p id={`${uid}-why`} className="text-sm text-slate-700">
          {disabledReason}
        </p>
      ) : null}
      <Outcome result={result} ok={data ? (data.drift === 0 ? 'Reconciled: no drift.' : `Reconciled: drift of ${data.drift} units. See the report below.`) : ''} />
    </div>
  );
}
