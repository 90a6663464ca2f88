import type { Metadata } from 'next';
import Link from 'next/link';
import type { ReactNode } from 'react';
import { OnboardingStep } from '@/components/sellers/onboarding-frame';
import { SubmitApplicationForm } from '@/components/sellers/submit-application-form';
import { countryName } from '@/lib/accounts/account-inputs';
import { SELLER_AGREEMENT, SELLER_AGREEMENT_VERSION } from '@/lib/sellers/agreement';
import { BUSINESS_TYPE_LABEL, DOCUMENT_KIND_LABEL } from '@/lib/sellers/inputs';
import type { Completeness } from '@/lib/sellers/onboarding';

export const metadata: Metadata = { title: 'Review and submit · Apply to sell', robots: { index: false } };

function Section({ title, href, done, children }: { title: string; href: string; done: boolean; children: ReactNode }) {
  return (
    <section className="rounded-lg border border-slate-200 p-4" aria-label={title}>
      <div className="flex items-center justify-between gap-2">
        <h2 className="font-semibold">
          {title} {done ? <span className="text-sm font-normal text-green-800">· complete</span> : <span className="text-sm font-normal text-sale">· missing</span>}
        </h2>
        <Link href={href} className="text-sm text-brand-700 underline" aria-label={`Edit ${title.toLowerCase()}`}>
          Edit
        </Link>
      </div>
      <dl className="mt-2 grid grid-cols-1 gap-x-6 gap-y-1 text-sm sm:grid-cols-[10rem_1fr]">{children}</dl>
    </section>
  );
}

const Row = ({ label, value }: { label: string; value: ReactNode }) => (
  <>
    <dt className="text-slate-600">{label}</dt>
    <dd className="break-words">{value || '—'}</dd>
  </>
);

export default function ReviewStepPage() {
  return (
    <OnboardingStep step="review" title="Review and submit" path="/seller/onboarding/review" intro="Check your application, read the seller agreement, and send it to our review team.">
      {({ app, editable }) => {
        const k = app.kyc;
        const steps: Completeness = app.steps;
        const ready = Object.values(steps).every(Boolean);
        return (
          <div className="max-w-3xl space-y-4">
            <Section title="Store profile" href="/seller/onboarding/store" done={steps.store}>
              <Row label="Name" value={app.store.name} />
              <Row label="Address" value={<span className="font-mono">{app.store.slug}</span>} />
              <Row label="Logo" value={app.store.logoUrl ? 'Uploaded' : 'None (optional)'} />
              <Row label="Support email" value={app.store.supportEmail} />
              <Row label="Description" value={app.store.description} />
              <Row label="Return policy" value={app.store.returnPolicy} />
            </Section>
            <Section title="Business details" href="/seller/onboarding/business" done={steps.business}>
              <Row label="Legal name" value={k?.legalName} />
              <Row label="Business type" value={k?.businessType ? BUSINESS_TYPE_LABEL[k.businessType as keyof typeof BUSINESS_TYPE_LABEL] : null} />
              <Row label="Tax id" value={k?.taxId} />
              <Row
                label="Address"
                value={k?.addressLine1 ? [k.addressLine1, k.addressLine2, [k.postalCode, k.city].filter(Boolean).join(' '), k.region, k.country ? countryName(k.country) : null].filter(Boolean).join(', ') : null}
              />
            </Section>
            <Section title="Documents" href="/seller/onboarding/documents" done={steps.documents}>
              <Row label="Uploaded" value={app.documents.length ? app.documents.map((d) => `${d.fileName} (${DOCUMENT_KIND_LABEL[d.kind]})`).join('; ') : null} />
            </Section>
            <Section title="Payout" href="/seller/onboarding/payout" done={steps.payout}>
              <Row label="Account holder" value={k?.payoutHolder} />
              <Row label="Account" value={k?.payoutAccount} />
            </Section>

            <section aria-labelledby="agreement-heading" className="rounded-lg border border-slate-200 p-4">
              <h2 id="agreement-heading" className="font-semibold">
                Seller agreement <span className="text-sm font-normal text-slate-600">(version {SELLER_AGREEMENT_VERSION})</span>
              </h2>
              <ol className="mt-2 list-decimal space-y-2 pl-5 text-sm text-slate-800">
                {SELLER_AGREEMENT.map((c) => (
                  <li key={c.heading}>
                    <span className="font-medium">{c.heading}.</span> {c.body}
                  </li>
                ))}
              </ol>
            </section>

            {editable ? (
              <SubmitApplicationForm storeId={app.store.id} agreementVersion={SELLER_AGREEMENT_VERSION} ready={ready} resubmit={app.store.status === 'rejected'} />
            ) : null}
          </div>
        );
      }}
    </OnboardingStep>
  );
}
