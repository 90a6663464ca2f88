'use client';

import { useId, useState, type ReactNode } from 'react';

/** On small screens the filters fold away behind a button; from `lg` up they are always shown. */
export function FilterDisclosure({ activeCount, children }: { activeCount: number; children: ReactNode }) {
  const [open, setOpen] = useState(false);
  const id = useId();
  return (
    <div>
      <button
        type="button"
        aria-expanded={open}
        aria-controls={id}
        onClick={() => setOpen((o) => !o)}
        className="w-full rounded-md border border-slate-300 px-3 py-2 text-left text-sm font-semibold lg:hidden"
      >
        {open ? 'Hide filters' : 'Show filters'}
        {activeCount ? ` (${activeCount} active)` : ''}
      </button>
      <div id={id} className={open ? 'block' : 'hidden lg:block'}>
        {children}
      </div>
    </div>
  );
}
