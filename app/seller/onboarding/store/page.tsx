import type { Metadata } from 'next';
import Image from 'next/image';
import { OnboardingStep } from '@/components/sellers/onboarding-frame';
import { StoreProfileForm } from '@/components/sellers/store-profile-form';
import { UploadField } from '@/components/sellers/upload-field';
import { LOGO_MAX_BYTES } from '@/lib/sellers/uploads';

export const metadata: Metadata = { title: 'Store profile · Apply to sell', robots: { index: false } };

export default function StoreStepPage() {
  return (
    <OnboardingStep step="store" title="Store profile" path="/seller/onboarding/store" intro="How shoppers will see your store.">
      {({ app, editable }) => (
        <div className="grid gap-10 lg:grid-cols-[minmax(0,2fr)_minmax(0,1fr)]">
          {editable ? (
            <StoreProfileForm
              mode="onboarding"
              values={{ storeId: app.store.id, name: app.store.name, slug: app.store.slug, description: app.store.description, supportEmail: app.store.supportEmail, returnPolicy: app.store.returnPolicy }}
            />
          ) : (
            <p className="text-slate-700">{app.store.description || 'No description yet.'}</p>
          )}
          <section aria-labelledby="logo-heading" className="space-y-3">
            <h2 id="logo-heading" className="text-lg font-semibold">
              Logo
            </h2>
            {app.store.logoUrl ? (
              <Image src={app.store.logoUrl} alt={`${app.store.name} logo`} width={128} height={128} className="size-32 rounded-lg border border-slate-200 object-contain" unoptimized />
            ) : (
              <p className="flex size-32 items-center justify-center rounded-lg border border-dashed border-slate-300 text-sm text-slate-600">No logo yet</p>
            )}
            <UploadField
              label={app.store.logoUrl ? 'Replace the logo' : 'Upload a logo (optional)'}
              hint="PNG, JPEG, WebP or GIF, up to 5 MB, at least 32×32 px. We convert it to WebP. SVG isn’t accepted."
              accept="image/png,image/jpeg,image/webp,image/gif"
              maxBytes={LOGO_MAX_BYTES}
              endpoint={`/seller/onboarding/uploads/logo?storeId=${app.store.id}`}
              doneText="Logo updated from “{name}”."
              disabled={!editable}
            />
          </section>
        </div>
      )}
    </OnboardingStep>
  );
}
