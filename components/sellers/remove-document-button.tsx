'use client';

import { useActionState } from 'react';
import { removeDocumentAction } from '@/lib/sellers/actions';

export function RemoveDocumentButton({ documentId, fileName }: { documentId: string; fileName: string }) {
  const [state, action, pending] = useActionState(removeDocumentAction, null);
  return (
    <form action={action}>
      <input type="hidden" name="documentId" value={documentId} />
      <button type="submit" disabled={pending} className="text-sm text-red-800 underline disabled:opacity-60" aria-label={`Remove ${fileName}`}>
        {pending ? 'Removing…' : 'Remove'}
      </button>
      {state && !state.ok ? (
        <span role="alert" className="ml-2 text-sm text-sale">
          {state.message}
        </span>
      ) : null}
    </form>
  );
}
