import Link from 'next/link';
import { sellerHref } from '@/lib/sellers/links';

const TABS = [
  { href: '/seller/settings', label: 'Store profile' },
  { href: '/seller/settings/staff', label: 'Team' },
] as const;

export function SettingsNav({ current, slug }: { current: (typeof TABS)[number]['href']; slug: string }) {
  return (
    <nav aria-label="Settings sections" className="mt-4 -mx-4 overflow-x-auto px-4">
      <ul className="flex gap-1 border-b border-slate-200 text-sm">
        {TABS.map((t) => (
          <li key={t.href}>
            <Link
              href={sellerHref(t.href, slug)}
              aria-current={t.href === current ? 'page' : undefined}
              className="block border-b-2 border-transparent px-3 py-2 whitespace-nowrap text-slate-700 hover:text-brand-700 aria-[current=page]:border-brand-600 aria-[current=page]:font-semibold aria-[current=page]:text-brand-700"
            >
              {t.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
