'use client';

import { useQuery } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useEffect, useId, useState } from 'react';
import { needsDocumentLoad } from '@/lib/catalog/navigate';
import type { Suggestions } from '@/lib/search/search';

function useDebounced<T>(value: T, ms: number): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const t = setTimeout(() => setV(value), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
  return v;
}

type Option = { label: string; href: string };

/** Search field with autosuggest, following the WAI-ARIA combobox pattern. */
export function SearchBox() {
  const router = useRouter();
  const id = useId();
  const [q, setQ] = useState('');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const term = useDebounced(q.trim(), 150);
  const go = (href: string) => (needsDocumentLoad(href) ? window.location.assign(href) : router.push(href));
  const { data } = useQuery({
    queryKey: ['suggest', term],
    queryFn: async (): Promise<Suggestions> => {
      const res = await fetch(`/api/search/suggest?q=${encodeURIComponent(term)}`);
      if (!res.ok) throw new Error('suggest failed');
      return res.json();
    },
    enabled: term.length >= 2,
    staleTime: 60_000,
  });

  const options: Option[] = data
    ? [
        ...data.terms.map((t) => ({ label: t, href: `/search?q=${encodeURIComponent(t)}` })),
        ...data.categories.map((c) => ({ label: `${c.name} (category)`, href: `/c/${c.path}` })),
        ...data.products.map((p) => ({ label: p.title, href: `/p/${p.slug}` })),
      ]
    : [];
  const show = open && term.length >= 2 && options.length > 0;

  return (
    <form
      role="search"
      action="/search"
      method="get"
      className="relative w-full"
      onSubmit={(e) => {
        const chosen = show && active >= 0 ? options[active] : undefined;
        if (chosen) {
          e.preventDefault();
          setOpen(false);
          go(chosen.href);
        }
      }}
    >
      <label htmlFor={`${id}-input`} className="sr-only">
        Search products
      </label>
      <input
        id={`${id}-input`}
        name="q"
        type="search"
        value={q}
        autoComplete="off"
        placeholder="Search products, brands and categories"
        role="combobox"
        aria-expanded={show}
        aria-controls={`${id}-list`}
        aria-autocomplete="list"
        aria-activedescendant={show && active >= 0 ? `${id}-opt-${active}` : undefined}
        maxLength={200}
        onChange={(e) => {
          setQ(e.target.value);
          setOpen(true);
          setActive(-1);
        }}
        onFocus={() => setOpen(true)}
        onBlur={() => setTimeout(() => setOpen(false), 150)}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown') {
            e.preventDefault();
            setOpen(true);
            setActive((a) => Math.min(a + 1, options.length - 1));
          } else if (e.key === 'ArrowUp') {
            e.preventDefault();
            setActive((a) => Math.max(a - 1, -1));
          } else if (e.key === 'Escape') {
            setOpen(false);
          }
        }}
        className="w-full rounded-full border border-slate-300 bg-white py-2 pl-4 pr-10 text-sm placeholder:text-slate-500"
      />
      <button type="submit" className="absolute right-1 top-1/2 -translate-y-1/2 rounded-full p-2 text-slate-700 hover:bg-slate-100" aria-label="Search">
        <svg aria-hidden="true" viewBox="0 0 20 20" className="size-4" fill="none" stroke="currentColor" strokeWidth="2">
          <circle cx="9" cy="9" r="6" />
          <path d="m14 14 4 4" />
        </svg>
      </button>
      <ul
        id={`${id}-list`}
        role="listbox"
        aria-label="Suggestions"
        hidden={!show}
        className="absolute z-30 mt-1 max-h-96 w-full overflow-auto rounded-lg border border-slate-200 bg-white py-1 shadow-lg"
      >
        {options.map((o, i) => (
          <li
            key={o.href}
            id={`${id}-opt-${i}`}
            role="option"
            aria-selected={i === active}
            className={`cursor-pointer px-4 py-2 text-sm ${i === active ? 'bg-brand-50' : ''}`}
            onMouseDown={(e) => {
              e.preventDefault();
              setOpen(false);
              go(o.href);
            }}
          >
            {o.label}
          </li>
        ))}
      </ul>
    </form>
  );
}
