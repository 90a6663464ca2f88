import type { Metadata } from 'next';
import { ChangePasswordForm, SignOutEverywhereForm } from '@/components/accounts/security-forms';
import { Workspace } from '@/components/accounts/workspace';
import { listSignInMethods } from '@/lib/accounts/security';
import { getDb } from '@/lib/platform/db';

async function SignInMethods({ userId, email }: { userId: string; email: string }) {
  const methods = await listSignInMethods(await getDb(), userId);
  return (
    <ul className="mt-2 list-disc pl-5 text-sm text-slate-700">
      {methods.map((m) => (
        <li key={m}>
          {m}
          {m === 'Email and password' || m === 'One-time email links' ? ` (${email})` : null}
        </li>
      ))}
    </ul>
  );
}

export const metadata: Metadata = { title: 'Security', robots: { index: false } };

export default function SecurityPage() {
  return (
    <Workspace title="Security" path="/account/security" permission="account:manage">
      {(actor) => (
        <div className="mt-6 space-y-10">
          <section aria-labelledby="methods-heading">
            <h2 id="methods-heading" className="text-lg font-semibold">
              Sign-in methods
            </h2>
            <SignInMethods userId={actor.userId} email={actor.email} />
          </section>
          <section aria-labelledby="password-heading">
            <h2 id="password-heading" className="mb-3 text-lg font-semibold">
              Change password
            </h2>
            <ChangePasswordForm />
          </section>
          <section aria-labelledby="everywhere-heading">
            <h2 id="everywhere-heading" className="text-lg font-semibold">
              Sign out everywhere
            </h2>
            <p className="mt-1 mb-3 text-sm text-slate-700">Ends every session on every device, this one too.</p>
            <SignOutEverywhereForm />
          </section>
        </div>
      )}
    </Workspace>
  );
}
