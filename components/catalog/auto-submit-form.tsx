'use client';

import { useState, type ReactNode } from 'react';

/**
 * A GET form that works without JavaScript (it has a submit button) and, with it, applies
 * each change at once. The result is a cached listing page loaded as a document
 * (lib/catalog/navigate.ts); the form dims while it loads.
 */
export function AutoSubmitForm({ action, children, label }: { action: string; children: ReactNode; label: string }) {
  const [pending, setPending] = useState(false);
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
        setPending(true);
        window.location.assign(qs ? `${action}?${qs}` : action);
      }}
    >
      {children}
    </form>
  );
}
