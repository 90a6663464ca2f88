'use client';

import { useActionState } from 'react';
import { acceptInviteAction } from '@/lib/sellers/staff-actions';
import { primaryButton } from './fields';

export function AcceptInviteForm({ token, storeName }: { token: string; storeName: string }) {
  const [state, action, pending] = useActionState(acceptInviteAction, null);
  return (
    <form action={action} className="space-y-3">
      <input type="hidden" name="token" value={token} />
      <button type="submit" disabled={pending} className={primaryButton}>
        {pending ? 'Joining…' : `Join ${storeName}`}
      </button>
      {state && !state.ok ? (
        <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-900">
          {state.message}
        </p>
      ) : null}
    </form>
  );
}
