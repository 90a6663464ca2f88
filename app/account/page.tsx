import type { Metadata } from 'next';
import Link from 'next/link';
import { ACCOUNT_SECTIONS, AccountNav } from '@/components/accounts/account-nav';
import { Workspace } from '@/components/accounts/workspace';

export const metadata: Metadata = { title: 'Your account', robots: { index: false } };

export default function AccountPage() {
  return (
    <Workspace title="Your account" path="/account" permission="account:manage">
      {(actor) => (
        <>
          <AccountNav current="/account" />
          <p className="mt-6 text-slate-700">Signed in as {actor.email}.</p>
          <ul className="mt-4 grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
            {ACCOUNT_SECTIONS.filter((s) => s.href !== '/account').map((s) => (
              <li key={s.href}>
                <Link href={s.href} className="block h-full rounded-lg border border-slate-200 p-4 hover:border-brand-600 hover:bg-brand-50">
                  <span className="font-semibold text-brand-700">{s.label}</span>
                  <span className="mt-1 block text-sm text-slate-700">{s.description}</span>
                </Link>
              </li>
            ))}
          </ul>
          <p className="mt-6 text-slate-700">
            Want to sell on Marketplace?{' '}
            <Link href="/seller/onboarding" className="font-medium text-brand-700 underline">
              Apply to open a store
            </Link>
            .
          </p>
        </>
      )}
    </Workspace>
  );
}
