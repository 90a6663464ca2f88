import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { Suspense } from 'react';
import { answerTestChallengeAction } from '@/lib/checkout/challenge-actions';
import { getTestChallenge } from '@/lib/checkout/queries';
import { formatMoney } from '@/lib/money';
import { getDb } from '@/lib/platform/db';

export const metadata: Metadata = { title: '3-D Secure check (test)', robots: { index: false, follow: false }, referrer: 'no-referrer' };

type Props = { params: Promise<{ intentId: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

/**
 * The built-in test provider's simulated bank page (what Stripe's hosted 3-D Secure page is for
 * real cards): it shows the amount and lets the tester pass or fail the check.
 */
export default function TestChallengePage(props: Props) {
  return (
    <main id="main" className="flex min-h-dvh items-start justify-center bg-slate-100 px-4 py-10 sm:items-center">
      <div className="w-full max-w-md rounded-xl border border-slate-200 bg-white p-6 shadow-sm">
        <p className="text-xs font-semibold uppercase tracking-wide text-slate-600">Test bank · 3-D Secure</p>
        <Suspense fallback={<p className="mt-4 text-slate-700">Loading…</p>}>
          <Challenge {...props} />
        </Suspense>
      </div>
    </main>
  );
}

async function Challenge({ params, searchParams }: Props) {
  const [{ intentId }, sp] = await Promise.all([params, searchParams]);
  const challenge = await getTestChallenge(await getDb(), intentId);
  if (!challenge) notFound();
  const amount = formatMoney(challenge.amount, challenge.currency);
  const back = challenge.checkoutId ? `/checkout/return?checkout=${challenge.checkoutId}` : '/';

  if (challenge.status !== 'requires_action') {
    const passed = challenge.status === 'authorized' || challenge.status === 'captured';
    return (
      <>
        <h1 className="mt-2 text-xl font-bold">{passed ? 'Payment confirmed' : 'This check is closed'}</h1>
        <p className="mt-2 text-slate-700">
          {passed ? `You already confirmed the payment of ${amount}.` : `The payment of ${amount} was not confirmed.`}
        </p>
        <a href={back} className="mt-6 inline-block rounded-md bg-brand-600 px-5 py-2.5 font-medium text-white hover:bg-brand-700">
          Return to the shop
        </a>
      </>
    );
  }

  return (
    <>
      <h1 className="mt-2 text-xl font-bold">Confirm your payment</h1>
      <dl className="mt-4 space-y-1 text-sm">
        <div className="flex justify-between gap-4">
          <dt className="text-slate-700">Merchant</dt>
          <dd className="font-medium">Marketplace</dd>
        </div>
        <div className="flex justify-between gap-4">
          <dt className="text-slate-700">Amount</dt>
          <dd className="font-semibold" data-testid="challenge-amount">
            {amount}
          </dd>
        </div>
        <div className="flex justify-between gap-4">
          <dt className="text-slate-700">Card</dt>
          <dd className="font-medium">•••• {challenge.cardLast4}</dd>
        </div>
      </dl>
      <p className="mt-4 text-sm text-slate-700">This is a simulated check: no bank is involved. Choose how it ends.</p>
      {sp.error ? (
        <p role="alert" className="mt-3 text-sm text-sale">
          That did not work. Try again.
        </p>
      ) : null}
      <div className="mt-6 flex flex-col gap-3 sm:flex-row">
        <form action={answerTestChallengeAction} className="flex-1">
          <input type="hidden" name="intentId" value={challenge.intentId} />
          <input type="hidden" name="outcome" value="succeed" />
          <button type="submit" className="w-full rounded-md bg-brand-600 px-4 py-2.5 font-medium text-white hover:bg-brand-700">
            Complete authentication
          </button>
        </form>
        <form action={answerTestChallengeAction} className="flex-1">
          <input type="hidden" name="intentId" value={challenge.intentId} />
          <input type="hidden" name="outcome" value="fail" />
          <button type="submit" className="w-full rounded-md border border-slate-300 px-4 py-2.5 font-medium hover:bg-slate-50">
            Fail authentication
          </button>
        </form>
      </div>
    </>
  );
}
