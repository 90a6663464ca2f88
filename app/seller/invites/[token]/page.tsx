import type { Metadata } from 'next';
import Link from 'next/link';
import { Suspense } from 'react';
import { AcceptInviteForm } from '@/components/sellers/accept-invite-form';
import { formatDate } from '@/components/sellers/onboarding-frame';
import { Skeleton } from '@/components/ui/skeleton';
import { requireUser } from '@/lib/accounts/session';
import { getDb } from '@/lib/platform/db';
import { sellerHref } from '@/lib/sellers/links';
import { previewInvite } from '@/lib/sellers/staff';
import { switchAccountForInviteAction } from '@/lib/sellers/staff-actions';

// The token is in the path: never leak it to other sites through the Referer header.
export const metadata: Metadata = { title: 'Store invitation', robots: { index: false }, referrer: 'no-referrer' };

type Props = { params: Promise<{ token: string }> };

async function Invitation({ params }: Props) {
  const { token } = await params;
  const actor = await requireUser(`/seller/invites/${encodeURIComponent(token)}`);
  const invite = await previewInvite(await getDb(), token);
  if (!invite) {
    return (
      <Message title="This invitation link isn’t valid">
        Check that you copied the whole link from the email, or ask the store owner to invite you again.
      </Message>
    );
  }
  if (invite.state !== 'open') {
    const text = {
      accepted: 'This invitation was already accepted.',
      revoked: 'This invitation was withdrawn by the store.',
      expired: `This invitation expired on ${formatDate(invite.expiresAt)}.`,
    }[invite.state];
    return (
      <Message title={`Invitation to ${invite.storeName}`}>
        {text} {invite.state === 'accepted' ? <Link href={sellerHref('/seller', invite.storeSlug)} className="text-brand-700 underline">Open the seller portal</Link> : 'Ask the store owner for a new one.'}
      </Message>
    );
  }
  const rightAccount = actor.email.toLowerCase() === invite.email;
  return (
    <section aria-labelledby="invite-heading" className="max-w-xl space-y-4">
      <h1 id="invite-heading" className="text-2xl font-bold tracking-tight">
        Join {invite.storeName}
      </h1>
      <p className="text-slate-700">
        {invite.inviter ?? 'The store’s owner'} invited <span className="font-medium">{invite.email}</span> to help run {invite.storeName} as{' '}
        {invite.role === 'owner' ? 'an owner (products, orders, settings, payouts and team)' : 'staff (products, stock and orders)'}. The invitation is valid until{' '}
        {formatDate(invite.expiresAt)}.
      </p>
      {rightAccount ? (
        <AcceptInviteForm token={token} storeName={invite.storeName} />
      ) : (
        <div role="status" className="space-y-3 rounded-md border border-amber-200 bg-amber-50 p-4 text-amber-950">
          <p>
            You’re signed in as <span className="font-medium">{actor.email}</span>, but this invitation is for <span className="font-medium">{invite.email}</span>. Sign in with
            that address to accept it.
          </p>
          <form action={switchAccountForInviteAction}>
            <input type="hidden" name="token" value={token} />
            <button className="rounded-md border border-amber-400 bg-white px-3 py-1.5 text-sm font-medium hover:bg-amber-100">Sign out and switch account</button>
          </form>
        </div>
      )}
    </section>
  );
}

function Message({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <section aria-labelledby="invite-heading" className="max-w-xl space-y-3">
      <h1 id="invite-heading" className="text-2xl font-bold tracking-tight">
        {title}
      </h1>
      <p className="text-slate-700">{children}</p>
    </section>
  );
}

export default function InvitePage(props: Props) {
  return (
    <Suspense
      fallback={
        <div className="space-y-3" role="status" aria-label="Loading">
          <Skeleton className="h-8 w-72" />
          <Skeleton className="h-20 w-full max-w-xl" />
        </div>
      }
    >
      <Invitation {...props} />
    </Suspense>
  );
}
