'use client';

import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { setProductStatusAction } from '@/lib/seller-catalog/actions';
import { buttonClass, secondaryButtonClass } from './ui';

type Status = 'draft' | 'active' | 'archived';

const ACTIONS: Record<Status, { to: Status; label: string; primary?: boolean }[]> = {
  draft: [
    { to: 'active', label: 'Publish', primary: true },
    { to: 'archived', label: 'Archive' },
  ],
  active: [
    { to: 'draft', label: 'Unpublish (back to draft)' },
    { to: 'archived', label: 'Archive' },
  ],
  archived: [{ to: 'draft', label: 'Restore as draft', primary: true }],
};

const DONE: Record<Status, string> = {
  active: 'Published: shoppers can find it now.',
  draft: 'Saved as a draft: hidden from shoppers.',
  archived: 'Archived: hidden from shoppers and from the default list.',
};

/** Draft ↔ published ↔ archived, with the result announced. */
export function StatusControls({ storeId, productId, status }: { storeId: string; productId: string; status: Status }) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const change = (to: Status) =>
    start(async () => {
      const r = await setProductStatusAction({ storeId, productId, status: to });
      setMessage(r.ok ? { ok: true, text: DONE[to] } : { ok: false, text: r.message });
      if (r.ok) router.refresh();
    });
  return (
    <div>
      <div className="flex flex-wrap gap-2">
        {ACTIONS[status].map((a) => (
          <button key={a.to} type="button" disabled={pending} onClick={() => change(a.to)} className={a.primary ? buttonClass : secondaryButtonClass}>
            {pending ? 'Saving…' : a.label}
          </button>
        ))}
      </div>
      <p role="status" className="mt-2 min-h-5 text-sm text-green-800">
        {message?.ok ? message.text : null}
      </p>
      {message && !message.ok ? (
        <p role="alert" className="text-sm text-sale">
          {message.text}
        </p>
      ) : null}
    </div>
  );
}
