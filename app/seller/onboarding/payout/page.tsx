import type { Metadata } from 'next';
import { OnboardingStep } from '@/components/sellers/onboarding-frame';
import { PayoutForm } from '@/components/sellers/payout-form';

export const metadata: Metadata = { title: 'Payout · Apply to sell', robots: { index: false } };

export default function PayoutStepPage() {
  return (
    <OnboardingStep
      step="payout"
      title="Payout details"
      path="/seller/onboarding/payout"
      intro="The bank account your earnings are paid to. It is encrypted, and only its last four characters are ever shown."
    >
      {({ app, editable }) =>
        editable ? (
          <PayoutForm mode="onboarding" storeId={app.store.id} holder={app.kyc?.payoutHolder ?? null} accountMasked={app.kyc?.payoutAccount ?? null} />
        ) : (
          <p className="text-sm">
            {app.kyc?.payoutHolder ?? '—'} · {app.kyc?.payoutAccount ?? '—'}
          </p>
        )
      }
    </OnboardingStep>
  );
}
