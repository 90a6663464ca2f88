import type { Metadata } from 'next';
import Link from 'next/link';
import { Suspense } from 'react';
import { DeleteDraftButton, WithdrawButton } from '@/components/sellers/application-actions';
import { formatDate, STEPS, Stepper } from '@/components/sellers/onboarding-frame';
import { StartApplicationForm } from '@/components/sellers/start-application-form';
import { StoreStatusBadge } from '@/components/sellers/status-badge';
import { Skeleton } from '@/components/ui/skeleton';
import { requireUser } from '@/lib/accounts/session';
import { getDb } from '@/lib/platform/db';
import { firstParam, sellerHref, type PageSearchParams } from '@/lib/sellers/links';
import { getOpenApplication, listMyApplications } from '@/lib/sellers/queries';
import { isApprovedStore } from '@/lib/sellers/status';

export const metadata: Metadata = { title: 'Sell on Marketplace', robots: { index: false } };

async function Overview({ searchParams }: PageSearchParams) {
  const actor = await requireUser('/seller/onboarding');
  const db = await getDb();
  const [open, mine, sp] = await Promise.all([getOpenApplication(db, actor), listMyApplications(db, actor), searchParams]);
  const approved = mine.filter((a) => isApprovedStore(a.status));
  const next = open ? (STEPS.find((s) => s.key !== 'review' && !open.steps[s.key as keyof typeof open.steps]) ?? STEPS.at(-1)!) : null;
  return (
    <>
      <h1 className="text-2xl font-bold tracking-tight">Sell on Marketplace</h1>
      {firstParam(sp.submitted) && open?.store.status === 'submitted' ? (
        <p role="status" className="mt-4 rounded-md border border-green-200 bg-green-50 px-3 py-2 text-green-900">
          Application submitted. We’ve emailed you a confirmation and will write again when our team has decided.
        </p>
      ) : null}

      {open ? (
        <section aria-labelledby="application-heading" className="mt-6 max-w-3xl rounded-lg border border-slate-200 p-5">
          <div className="flex flex-wrap items-center gap-3">
            <h2 id="application-heading" className="text-lg font-semibold">
              {open.store.name}
            </h2>
            <StoreStatusBadge status={open.store.status} />
          </div>
          <p className="mt-1 text-sm text-slate-700">
            Store address <span className="font-mono">{open.store.slug}</span> · started {formatDate(open.store.createdAt)}
          </p>
          {open.store.status === 'draft' ? <p className="mt-3">Finish each step, then review and submit your application.</p> : null}
          {open.store.status === 'submitted' ? (
            <p className="mt-3">In review since {formatDate(open.kyc?.submittedAt)}. We usually decide within two business days and will email you.</p>
          ) : null}
          {open.store.status === 'rejected' ? (
            <div className="mt-3 space-y-2">
              <p>Our review team asked for changes:</p>
              <blockquote className="rounded-md border-l-4 border-red-300 bg-red-50 px-3 py-2 whitespace-pre-line text-red-900">{open.kyc?.rejectionReason}</blockquote>
              <p>Update your application and resubmit it.</p>
            </div>
          ) : null}
          <Stepper steps={open.steps} current={null} />
          <div className="mt-5 flex flex-wrap items-start gap-3">
            {open.store.status !== 'submitted' && next ? (
              <Link href={next.href} className="rounded-md bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700">
                {next.key === 'review' ? 'Review and submit' : `Continue: ${next.label}`}
              </Link>
            ) : null}
            {open.store.status === 'submitted' ? <WithdrawButton storeId={open.store.id} /> : null}
            {open.store.status === 'draft' ? <DeleteDraftButton storeId={open.store.id} storeName={open.store.name} /> : null}
          </div>
        </section>
      ) : (
        <div className="mt-6 grid max-w-5xl gap-10 md:grid-cols-2">
          <section aria-labelledby="start-heading">
            <h2 id="start-heading" className="text-lg font-semibold">
              {approved.length ? 'Open another store' : 'Open your store'}
            </h2>
            <p className="mt-1 mb-4 text-slate-700">Choose a name and an address; you can change both until you submit.</p>
            <StartApplicationForm />
          </section>
          <section aria-labelledby="need-heading" className="rounded-lg bg-slate-50 p-5">
            <h2 id="need-heading" className="font-semibold">
              What you’ll need (about 10 minutes)
            </h2>
            <ul className="mt-2 list-disc space-y-1 pl-5 text-sm text-slate-800">
              <li>A description, support email and return policy for your store (a logo if you have one).</li>
              <li>Your legal name, business type, tax id and registered address.</li>
              <li>An identity document, and your business registration if you are a company (PDF, PNG or JPEG).</li>
              <li>The bank account (IBAN or account number) for your payouts.</li>
            </ul>
            <p className="mt-3 text-sm text-slate-700">Tax ids and bank details are encrypted; after you enter them, only their last four characters are shown.</p>
          </section>
        </div>
      )}

      {approved.length ? (
        <section aria-labelledby="stores-heading" className="mt-10 max-w-3xl">
          <h2 id="stores-heading" className="text-lg font-semibold">
            Your approved stores
          </h2>
          <ul className="mt-2 divide-y divide-slate-200 rounded-lg border border-slate-200">
            {approved.map((a) => (
              <li key={a.storeId} className="flex items-center justify-between gap-3 px-4 py-3">
                <span className="flex items-center gap-2">
                  {a.name} <StoreStatusBadge status={a.status} />
                </span>
                <Link href={sellerHref('/seller', a.slug)} className="text-brand-700 underline">
                  Open the seller portal
                </Link>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </>
  );
}

export default function OnboardingPage(props: PageSearchParams) {
  return (
    <Suspense
      fallback={
        <div className="space-y-3" role="status" aria-label="Loading">
          <Skeleton className="h-8 w-72" />
          <Skeleton className="h-48 w-full max-w-3xl" />
        </div>
      }
    >
      <Overview {...props} />
    </Suspense>
  );
}
