'use client';

import Link from 'next/link';
import { usePathname, useSearchParams } from 'next/navigation';
import { useEffect, useId, useRef, useState } from 'react';
import { pickStore, sellerHref, STORE_PARAM } from '@/lib/sellers/links';

export type SwitcherStore = { id: string; slug: string; name: string; role: 'owner' | 'staff' };

// Switching store goes to the same section of the other store (/seller/products/123 →
// /seller/products): a record of one store means nothing in another.
const sectionOf = (pathname: string) => {
  const parts = pathname.split('/').slice(0, 3).join('/');
  return parts === '/seller/onboarding' || parts === '/seller/invites' ? '/seller' : parts || '/seller';
};

/** The store menu of the seller portal: a disclosure button with one link per store. */
export function StoreSwitcher({ stores }: { stores: SwitcherStore[] }) {
  const pathname = usePathname();
  const params = useSearchParams();
  const current = pickStore(stores, params.get(STORE_PARAM) ?? undefined);
  const [open, setOpen] = useState(false);
  const menuId = useId();
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!open) return;
    root.current?.querySelector<HTMLAnchorElement>('a[aria-current="true"], a')?.focus();
    const onPointer = (e: PointerEvent) => {
      if (!root.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', onPointer);
    return () => document.removeEventListener('pointerdown', onPointer);
  }, [open]);

  if (!stores.length) return null;
  const section = sectionOf(pathname);
  return (
    <div
      ref={root}
      className="relative"
      onKeyDown={(e) => {
        if (e.key === 'Escape' && open) {
          setOpen(false);
          button.current?.focus();
        }
      }}
    >
      <button
        ref={button}
        type="button"
        aria-expanded={open}
        aria-controls={menuId}
        onClick={() => setOpen((o) => !o)}
        className="flex max-w-[16rem] items-center gap-2 rounded-md border border-slate-300 px-3 py-1.5 text-sm hover:bg-slate-50"
      >
        <span className="sr-only">Store: </span>
        <span className="truncate font-medium">{current?.name ?? 'Choose a store'}</span>
        <svg aria-hidden="true" viewBox="0 0 20 20" className="h-4 w-4 shrink-0 fill-current text-slate-600">
          <path d="M5.5 7.5 10 12l4.5-4.5" stroke="currentColor" strokeWidth="1.5" fill="none" />
        </svg>
      </button>
      <div id={menuId} hidden={!open} className="absolute left-0 z-30 mt-1 w-72 rounded-md border border-slate-200 bg-white py-1 shadow-lg">
        <p className="px-3 py-1 text-xs font-semibold tracking-wide text-slate-600 uppercase">Your stores</p>
        <ul>
          {stores.map((s) => (
            <li key={s.id}>
              <Link
                href={sellerHref(section, s.slug)}
                aria-current={s.id === current?.id ? 'true' : undefined}
                onClick={() => setOpen(false)}
                className="flex items-center justify-between gap-2 px-3 py-2 text-sm hover:bg-slate-50 focus:bg-slate-50 aria-[current=true]:font-semibold aria-[current=true]:text-brand-700"
              >
                <span className="truncate">{s.name}</span>
                <span className="text-xs text-slate-600">{s.role === 'owner' ? 'Owner' : 'Staff'}</span>
              </Link>
            </li>
          ))}
        </ul>
        <div className="mt-1 border-t border-slate-200 pt-1">
          <Link href="/seller/onboarding" onClick={() => setOpen(false)} className="block px-3 py-2 text-sm text-brand-700 hover:bg-slate-50 focus:bg-slate-50">
            Open another store…
          </Link>
        </div>
      </div>
    </div>
  );
}
