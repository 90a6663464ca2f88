import Link from 'next/link';
import { redirect } from 'next/navigation';
import { Suspense, type ReactNode } from 'react';
import { requireUser, type SignedInActor } from '@/lib/accounts/session';
import { getDb } from '@/lib/platform/db';
import type { Completeness } from '@/lib/sellers/onboarding';
import { getOpenApplication, type ApplicationView } from '@/lib/sellers/queries';
import { isEditableApplication } from '@/lib/sellers/status';
import { Skeleton } from '@/components/ui/skeleton';
import { StoreStatusBadge } from './status-badge';

export type StepKey = keyof Completeness | 'review';

export const STEPS: { key: StepKey; href: string; label: string }[] = [
  { key: 'store', href: '/seller/onboarding/store', label: 'Store profile' },
  { key: 'business', href: '/seller/onboarding/business', label: 'Business details' },
  { key: 'documents', href: '/seller/onboarding/documents', label: 'Documents' },
  { key: 'payout', href: '/seller/onboarding/payout', label: 'Payout' },
  { key: 'review', href: '/seller/onboarding/review', label: 'Review and submit' },
];

/** The application's steps, each marked done or to do; the current one is marked for assistive technology. */
export function Stepper({ steps, current }: { steps: Completeness; current: StepKey | null }) {
  const doneCount = (Object.values(steps) as boolean[]).filter(Boolean).length;
  return (
    <nav aria-label="Application steps" className="mt-4">
      <p className="text-sm text-slate-700">
        {doneCount} of 4 steps complete
      </p>
      <div className="mt-1 h-1.5 w-full max-w-md overflow-hidden rounded-full bg-slate-200" aria-hidden="true">
        <div className="h-full rounded-full bg-brand-600" style={{ width: `${(doneCount / 4) * 100}%` }} />
      </div>
      <ol className="mt-3 flex flex-wrap gap-2 text-sm">
        {STEPS.map((s, i) => {
          const done = s.key !== 'review' && steps[s.key];
          return (
            <li key={s.key}>
              <Link
                href={s.href}
                aria-current={s.key === current ? 'step' : undefined}
                className="flex items-center gap-2 rounded-full border border-slate-300 px-3 py-1.5 hover:border-brand-600 aria-[current=step]:border-brand-600 aria-[current=step]:bg-brand-50 aria-[current=step]:font-semibold"
              >
                <span
                  aria-hidden="true"
                  className={`flex size-5 items-center justify-center rounded-full text-xs ${done ? 'bg-green-700 text-white' : 'bg-slate-200 text-slate-800'}`}
                >
                  {done ? '✓' : i + 1}
                </span>
                {s.label}
                {s.key !== 'review' ? <span className="sr-only">{done ? '(done)' : '(to do)'}</span> : null}
              </Link>
            </li>
          );
        })}
      </ol>
    </nav>
  );
}

type Ctx = { actor: SignedInActor; app: ApplicationView; editable: boolean };

async function Guarded({ step, title, path, intro, children }: { step: StepKey; title: string; path: string; intro?: string; children: (ctx: Ctx) => ReactNode }) {
  const actor = await requireUser(path);
  const app = await getOpenApplication(await getDb(), actor);
  if (!app) redirect('/seller/onboarding');
  const editable = isEditableApplication(app.store.status);
  return (
    <>
      <p className="text-sm text-slate-700">
        <Link href="/seller/onboarding" className="text-brand-700 underline">
          Your application
        </Link>{' '}
        for <span className="font-medium">{app.store.name}</span> <StoreStatusBadge status={app.store.status} />
      </p>
      <h1 className="mt-2 text-2xl font-bold tracking-tight">{title}</h1>
      {intro ? <p className="mt-1 max-w-2xl text-slate-700">{intro}</p> : null}
      <Stepper steps={app.steps} current={step} />
      {!editable ? (
        <p role="status" className="mt-4 rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900">
          Your application is in review, so it can’t be changed now.{' '}
          <Link href="/seller/onboarding" className="underline">
            Withdraw it
          </Link>{' '}
          if you need to make changes.
        </p>
      ) : null}
      <div className="mt-6">{children({ actor, app, editable })}</div>
    </>
  );
}

/** The frame of each application step: signed in, with an application in progress (else back to the start). */
export function OnboardingStep(props: { step: StepKey; title: string; path: string; intro?: string; children: (ctx: Ctx) => ReactNode }) {
  return (
    <Suspense
      fallback={
        <div className="space-y-3" role="status" aria-label="Loading">
          <Skeleton className="h-5 w-64" />
          <Skeleton className="h-8 w-80" />
          <Skeleton className="h-10 w-full max-w-2xl" />
          <Skeleton className="h-64 w-full max-w-2xl" />
        </div>
      }
    >
      <Guarded {...props} />
    </Suspense>
  );
}

export const formatDate = (d: Date | null | undefined) => (d ? new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeZone: 'UTC' }).format(d) : '—');
