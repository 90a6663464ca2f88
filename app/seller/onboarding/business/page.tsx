import type { Metadata } from 'next';
import { BusinessForm } from '@/components/sellers/business-form';
import { OnboardingStep } from '@/components/sellers/onboarding-frame';
import { countryOptions } from '@/lib/accounts/account-inputs';
import { BUSINESS_TYPE_LABEL, BUSINESS_TYPES } from '@/lib/sellers/inputs';

export const metadata: Metadata = { title: 'Business details · Apply to sell', robots: { index: false } };

const businessTypes = BUSINESS_TYPES.map((value) => ({ value, label: BUSINESS_TYPE_LABEL[value] }));

export default function BusinessStepPage() {
  return (
    <OnboardingStep
      step="business"
      title="Business details"
      path="/seller/onboarding/business"
      intro="We verify who runs each store (know-your-customer rules). Your tax id is encrypted and only its last four characters are ever shown."
    >
      {({ app, editable }) =>
        editable && app.kyc ? (
          <BusinessForm
            businessTypes={businessTypes}
            countries={countryOptions}
            values={{
              storeId: app.store.id,
              legalName: app.kyc.legalName,
              businessType: app.kyc.businessType,
              taxIdMasked: app.kyc.taxId,
              addressLine1: app.kyc.addressLine1,
              addressLine2: app.kyc.addressLine2,
              city: app.kyc.city,
              region: app.kyc.region,
              postalCode: app.kyc.postalCode,
              country: app.kyc.country,
            }}
          />
        ) : (
          <dl className="grid max-w-xl grid-cols-[auto_1fr] gap-x-6 gap-y-2 text-sm">
            <dt className="text-slate-600">Legal name</dt>
            <dd>{app.kyc?.legalName ?? '—'}</dd>
            <dt className="text-slate-600">Tax id</dt>
            <dd>{app.kyc?.taxId ?? '—'}</dd>
          </dl>
        )
      }
    </OnboardingStep>
  );
}
