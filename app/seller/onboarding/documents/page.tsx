import type { Metadata } from 'next';
import Link from 'next/link';
import { DocumentList } from '@/components/sellers/document-list';
import { DocumentUploader } from '@/components/sellers/document-uploader';
import { OnboardingStep } from '@/components/sellers/onboarding-frame';
import { DOCUMENT_KIND_LABEL, DOCUMENT_KINDS } from '@/lib/sellers/inputs';
import { MAX_DOCUMENTS } from '@/lib/sellers/onboarding';

export const metadata: Metadata = { title: 'Documents · Apply to sell', robots: { index: false } };

const kinds = DOCUMENT_KINDS.map((value) => ({ value, label: DOCUMENT_KIND_LABEL[value] }));

export default function DocumentsStepPage() {
  return (
    <OnboardingStep
      step="documents"
      title="Documents"
      path="/seller/onboarding/documents"
      intro="Upload an identity document and, for a business, its registration. Only you, your store’s owners and our review team can open them."
    >
      {({ app, editable }) => (
        <div className="space-y-6">
          <section aria-labelledby="docs-heading" className="space-y-3">
            <h2 id="docs-heading" className="text-lg font-semibold">
              Uploaded ({app.documents.length} of at most {MAX_DOCUMENTS})
            </h2>
            <DocumentList documents={app.documents} kindLabel={DOCUMENT_KIND_LABEL} removable={editable} />
          </section>
          {editable ? (
            <section aria-labelledby="add-doc-heading" className="space-y-3">
              <h2 id="add-doc-heading" className="text-lg font-semibold">
                Add a document
              </h2>
              <DocumentUploader storeId={app.store.id} kinds={kinds} disabled={app.documents.length >= MAX_DOCUMENTS} />
            </section>
          ) : null}
          {app.documents.length ? (
            <Link href="/seller/onboarding/payout" className="inline-block rounded-md bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700">
              Continue to payout
            </Link>
          ) : null}
        </div>
      )}
    </OnboardingStep>
  );
}
