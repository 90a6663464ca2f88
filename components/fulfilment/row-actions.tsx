'use client';

import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { smallButtonClass } from '@/components/seller-catalog/ui';
import { markDeliveredAction, retryRefundAction } from '@/lib/fulfilment/actions';

function useRowAction(run: () => Promise<{ ok: true } | { ok: false; message: string }>) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();
  const go = () =>
    start(async () => {
      const r = await run();
      setError(r.ok ? null : r.message);
      if (r.ok) router.refresh();
    });
  return { error, pending, go };
}

export function MarkDeliveredButton({ storeId, shipmentId, label }: { storeId: string; shipmentId: string; label: string }) {
  const { error, pending, go } = useRowAction(() => markDeliveredAction({ storeId, shipmentId }));
  return (
    <span className="inline-flex flex-col items-end gap-1">
      <button type="button" onClick={go} disabled={pending} className={smallButtonClass} aria-label={`Mark ${label} as delivered`}>
        {pending ? 'Saving…' : 'Mark delivered'}
      </button>
      {error ? (
        <span role="alert" className="text-xs text-sale">
          {error}
        </span>
      ) : null}
    </span>
  );
}

export function RetryRefundButton({ storeId, cancellationId }: { storeId: string; cancellationId: string }) {
  const { error, pending, go } = useRowAction(() => retryRefundAction({ storeId, cancellationId }));
  return (
    <span className="inline-flex flex-col items-end gap-1">
      <button type="button" onClick={go} disabled={pending} className={smallButtonClass}>
        {pending ? 'Retrying…' : 'Retry refund'}
      </button>
      {error ? (
        <span role="alert" className="text-xs text-sale">
          {error}
        </span>
      ) : null}
    </span>
  );
}
