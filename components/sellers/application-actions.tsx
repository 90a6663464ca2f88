'use client';

import { useActionState, useState } from 'react';
import { deleteDraftAction, withdrawApplicationAction } from '@/lib/sellers/actions';
import { dangerButton, secondaryButton } from './fields';

/** Takes a submitted application back to draft. */
export function WithdrawButton({ storeId }: { storeId: string }) {
  const [state, action, pending] = useActionState(withdrawApplicationAction, null);
  return (
    <form action={action} className="space-y-2">
      <input type="hidden" name="storeId" value={storeId} />
      <button type="submit" disabled={pending} className={secondaryButton}>
        {pending ? 'Withdrawing…' : 'Withdraw to make changes'}
      </button>
      {state && !state.ok ? (
        <p role="alert" className="text-sm text-sale">
          {state.message}
        </p>
      ) : null}
    </form>
  );
}

/** Deletes a draft (asks once first). */
export function DeleteDraftButton({ storeId, storeName }: { storeId: string; storeName: string }) {
  const [state, action, pending] = useActionState(deleteDraftAction, null);
  const [confirming, setConfirming] = useState(false);
  if (!confirming) {
    return (
      <button type="button" onClick={() => setConfirming(true)} className={dangerButton}>
        Delete this draft
      </button>
    );
  }
  return (
    <form action={action} className="space-y-2 rounded-md border border-red-200 bg-red-50 p-3" aria-label="Confirm deleting the draft">
      <input type="hidden" name="storeId" value={storeId} />
      <p className="text-sm text-red-900">Delete the draft for {storeName}, its documents and logo? The store address becomes free again.</p>
      <div className="flex gap-2">
        <button type="submit" disabled={pending} className={dangerButton}>
          {pending ? 'Deleting…' : 'Yes, delete it'}
        </button>
        <button type="button" onClick={() => setConfirming(false)} className={secondaryButton}>
          Keep it
        </button>
      </div>
      {state && !state.ok ? (
        <p role="alert" className="text-sm text-sale">
          {state.message}
        </p>
      ) : null}
    </form>
  );
}
