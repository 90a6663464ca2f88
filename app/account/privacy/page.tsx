import type { Metadata } from 'next';
import { AccountDeleteForm } from '@/components/accounts/account-delete-form';
import { AccountNav } from '@/components/accounts/account-nav';
import { Workspace } from '@/components/accounts/workspace';

export const metadata: Metadata = { title: 'Privacy', robots: { index: false } };

export default function PrivacyPage() {
  return (
    <Workspace title="Privacy" path="/account/privacy" permission="account:manage">
      {(actor) => (
        <>
          <AccountNav current="/account/privacy" />
          <div className="mt-6 max-w-2xl space-y-10">
            <section aria-labelledby="export-heading">
              <h2 id="export-heading" className="text-lg font-semibold">
                Download my data
              </h2>
              <p className="mt-1 text-slate-700">
                One JSON file with everything we hold about you: your profile, addresses, store memberships, linked sign-in
                methods, orders and your account’s activity log. Your password is never included.
              </p>
              <a
                href="/account/privacy/export"
                download="my-data.json"
                className="mt-3 inline-block rounded-md border border-slate-300 px-4 py-2 font-medium hover:bg-slate-50"
              >
                Download my data (JSON)
              </a>
            </section>
            <section aria-labelledby="delete-heading" className="rounded-lg border border-red-200 bg-red-50 p-4">
              <h2 id="delete-heading" className="text-lg font-semibold text-sale">
                Delete my account
              </h2>
              <div className="mt-1 mb-4 space-y-2 text-slate-800">
                <p>
                  <strong>This can’t be undone.</strong> Your name, email, password, addresses and store memberships are erased,
                  and you are signed out everywhere.
                </p>
                <p>Records of past orders are kept for accounting, without your personal details.</p>
                <p>If you are the only owner of a store, add another owner or close the store first.</p>
              </div>
              <AccountDeleteForm email={actor.email} />
            </section>
          </div>
        </>
      )}
    </Workspace>
  );
}
