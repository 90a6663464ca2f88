'use client';

import { useEffect, useState } from 'react';
import type { CheckoutStatus } from '@/lib/checkout/service';
import { confirmationHref } from './failure';

const GIVE_UP_MS = 5 * 60_000;

/**
 * Waits for a checkout to settle (a queued saga, or the provider's answer after 3-D Secure):
 * polls the status route, then goes to the confirmation or back to the checkout with the error.
 */
export function CheckoutStatusPoller({ initial }: { initial: CheckoutStatus }) {
  const [status, setStatus] = useState(initial);
  const [gaveUp, setGaveUp] = useState(false);

  useEffect(() => {
    // Processing, or waiting on a card check that happens elsewhere (no page to send the shopper to).
    if (status.status !== 'processing' && !(status.status === 'requires_action' && !status.actionUrl)) return;
    let stopped = false;
    const started = Date.now();
    let timer: ReturnType<typeof setTimeout>;
    const tick = async () => {
      try {
        const res = await fetch(`/api/checkout/${status.id}`, { cache: 'no-store' });
        if (res.ok) {
          const next = ((await res.json()) as { checkout: CheckoutStatus }).checkout;
          if (stopped) return;
          if (next.status === 'completed' && next.order) return window.location.replace(confirmationHref(next.order));
          if (next.status === 'failed') return window.location.replace(`/checkout?failed=${next.id}`);
          if (next.status !== status.status || next.actionUrl !== status.actionUrl) return setStatus(next);
        }
      } catch {
        // Offline for a moment: keep trying.
      }
      if (stopped) return;
      const elapsed = Date.now() - started;
      if (elapsed > GIVE_UP_MS) return setGaveUp(true);
      timer = setTimeout(tick, elapsed < 30_000 ? 1000 : 3000);
    };
    timer = setTimeout(tick, 800);
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [status.id, status.status, status.actionUrl]);

  if (status.status === 'requires_action' && status.actionUrl) {
    return (
      <div className="space-y-4">
        <h1 className="text-2xl font-bold tracking-tight">Confirm the payment with your bank</h1>
        <p className="text-slate-700">Your bank asked to confirm this payment. Nothing is charged until you do.</p>
        <a href={status.actionUrl} className="inline-block rounded-md bg-brand-600 px-5 py-2.5 font-medium text-white hover:bg-brand-700">
          Continue to your bank
        </a>
      </div>
    );
  }
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold tracking-tight">Placing your order</h1>
      <div role="status" aria-live="polite" className="flex items-center gap-3 text-slate-700">
        {gaveUp ? (
          <p>
            This is taking longer than usual. We will email <strong className="break-all">{status.email}</strong> as soon as your order is confirmed.{' '}
            <button type="button" className="font-medium text-brand-700 underline" onClick={() => window.location.reload()}>
              Check again
            </button>
          </p>
        ) : (
          <>
            <span aria-hidden="true" className="size-5 animate-spin rounded-full border-2 border-slate-300 border-t-brand-600" />
            <p>Confirming your payment. This usually takes a few seconds; please keep this page open.</p>
          </>
        )}
      </div>
    </div>
  );
}
