'use client';

import Link from 'next/link';
import { usePathname, useSearchParams } from 'next/navigation';
import { sellerHref, STORE_PARAM } from '@/lib/sellers/links';

/** The portal's sections. Every link carries the selected store. */
export const SELLER_SECTIONS = [
  { href: '/seller', label: 'Overview' },
  { href: '/seller/orders', label: 'Orders' },
  { href: '/seller/products', label: 'Products' },
  { href: '/seller/inventory', label: 'Inventory' },
  { href: '/seller/flash-sales', label: 'Flash sales' },
  { href: '/seller/settings', label: 'Settings' },
] as const;

const isCurrent = (pathname: string, href: string) => (href === '/seller' ? pathname === '/seller' : pathname === href || pathname.startsWith(`${href}/`));

export function SellerNav() {
  const pathname = usePathname();
  const store = useSearchParams().get(STORE_PARAM);
  return (
    <nav aria-label="Seller portal" className="mx-auto max-w-7xl overflow-x-auto px-4">
      <ul className="flex gap-1 text-sm">
        {SELLER_SECTIONS.map((s) => (
          <li key={s.href}>
            <Link
              href={sellerHref(s.href, store)}
              aria-current={isCurrent(pathname, s.href) ? 'page' : undefined}
              className="block border-b-2 border-transparent px-3 py-2 whitespace-nowrap text-slate-700 hover:text-brand-700 aria-[current=page]:border-brand-600 aria-[current=page]:font-semibold aria-[current=page]:text-brand-700"
            >
              {s.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
