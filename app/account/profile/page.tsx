import type { Metadata } from 'next';
import { AccountNav } from '@/components/accounts/account-nav';
import { AccountProfileForm } from '@/components/accounts/account-profile-form';
import { Workspace } from '@/components/accounts/workspace';

export const metadata: Metadata = { title: 'Profile', robots: { index: false } };

export default function ProfilePage() {
  return (
    <Workspace title="Profile" path="/account/profile" permission="account:manage">
      {(actor) => (
        <>
          <AccountNav current="/account/profile" />
          <div className="mt-6">
            <AccountProfileForm name={actor.name} email={actor.email} />
          </div>
        </>
      )}
    </Workspace>
  );
}
