import type { Metadata } from 'next';
import { Workspace } from '@/components/accounts/workspace';

export const metadata: Metadata = { title: 'Your account', robots: { index: false } };

export default function AccountPage() {
  return (
    <Workspace title="Your account" path="/account" permission="account:manage">
      {(actor) => <p className="mt-2 text-slate-700">Signed in as {actor.email}. Orders, addresses, security and privacy settings arrive with the accounts work.</p>}
    </Workspace>
  );
}
