import Link from 'next/link';

export const ACCOUNT_SECTIONS = [
  { href: '/account', label: 'Overview', description: '' },
  { href: '/account/profile', label: 'Profile', description: 'Your name and email.' },
  { href: '/account/addresses', label: 'Addresses', description: 'Where orders go, and your default shipping and billing addresses.' },
  { href: '/account/orders', label: 'Orders', description: 'What you bought, and where it is.' },
  { href: '/account/security', label: 'Security', description: 'Your password, and signing out everywhere.' },
  { href: '/account/privacy', label: 'Privacy', description: 'Download everything we hold about you, or delete your account.' },
] as const;

/** The account area's section links; the current one is marked for assistive technology. */
export function AccountNav({ current }: { current: (typeof ACCOUNT_SECTIONS)[number]['href'] }) {
  return (
    <nav aria-label="Account sections" className="mt-4 -mx-4 overflow-x-auto px-4">
      <ul className="flex gap-1 border-b border-slate-200 text-sm">
        {ACCOUNT_SECTIONS.map((s) => (
          <li key={s.href}>
            <Link
              href={s.href}
              aria-current={s.href === current ? 'page' : undefined}
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
