'use client';

import { useRouter } from 'next/navigation';
import { useTransition, type ReactNode } from 'react';

/**
 * A GET form that works without JavaScript (it has a submit button) and, with it, applies
 * each change at once through the client router.
 */
export function AutoSubmitForm({ action, children, label }: { action: string; children: ReactNode; label: string }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  return (
    <form
      action={action}
      method="get"
      aria-label={label}
      aria-busy={pending}
      className={pending ? 'opacity-70 transition-opacity' : undefined}
      onChange={(e) => {
        // Prices apply on submit, not per keystroke.
        if (e.target instanceof HTMLInputElement && e.target.type === 'number') return;
        const form = e.currentTarget;
        const params = new URLSearchParams();
        for (const [k, v] of new FormData(form)) if (typeof v === 'string' && v !== '') params.append(k, v);
        const qs = params.toString();
        startTransition(() => router.push(qs ? `${action}?${qs}` : action, { scroll: false }));
      }}
    >
      {children}
    </form>
  );
}
