import type { Metadata } from 'next';
import Image from 'next/image';
import { PayoutForm } from '@/components/sellers/payout-form';
import { SellerPage } from '@/components/sellers/seller-page';
import { SettingsNav } from '@/components/sellers/settings-nav';
import { StoreProfileForm } from '@/components/sellers/store-profile-form';
import { UploadField } from '@/components/sellers/upload-field';
import { getDb } from '@/lib/platform/db';
import type { PageSearchParams } from '@/lib/sellers/links';
import { getApplication, type ApplicationView } from '@/lib/sellers/queries';
import type { PortalStore } from '@/lib/sellers/portal';
import type { SignedInActor } from '@/lib/accounts/session';
import { LOGO_MAX_BYTES } from '@/lib/sellers/uploads';
import { NotFoundError } from '@/lib/platform/errors';

export const metadata: Metadata = { title: 'Store settings', robots: { index: false } };

async function Settings({ actor, store }: { actor: SignedInActor; store: PortalStore }) {
  // Owners see the whole (masked) record; staff see the public profile only.
  const view: ApplicationView | null = store.role === 'owner' ? await getApplication(await getDb(), actor, store.id).catch((e) => (e instanceof NotFoundError ? null : Promise.reject(e))) : null;
  if (store.role !== 'owner' || !view) {
    return (
      <div className="mt-6 max-w-2xl space-y-2">
        <p role="status" className="rounded-md border border-slate-200 bg-slate-50 px-3 py-2 text-sm">
          Only the store’s owners can change its settings.
        </p>
        <h2 className="text-lg font-semibold">{store.name}</h2>
        <p className="text-sm text-slate-700">
          Address <span className="font-mono">{store.slug}</span>
        </p>
      </div>
    );
  }
  return (
    <div className="mt-6 grid gap-10 lg:grid-cols-[minmax(0,2fr)_minmax(0,1fr)]">
      <section aria-labelledby="profile-heading">
        <h2 id="profile-heading" className="mb-3 text-lg font-semibold">
          Profile
        </h2>
        <StoreProfileForm
          mode="settings"
          values={{ storeId: store.id, name: view.store.name, slug: view.store.slug, description: view.store.description, supportEmail: view.store.supportEmail, returnPolicy: view.store.returnPolicy }}
        />
      </section>
      <div className="space-y-10">
        <section aria-labelledby="logo-heading" className="space-y-3">
          <h2 id="logo-heading" className="text-lg font-semibold">
            Logo
          </h2>
          {view.store.logoUrl ? (
            <Image src={view.store.logoUrl} alt={`${view.store.name} logo`} width={128} height={128} className="size-32 rounded-lg border border-slate-200 object-contain" unoptimized />
          ) : (
            <p className="flex size-32 items-center justify-center rounded-lg border border-dashed border-slate-300 text-sm text-slate-600">No logo yet</p>
          )}
          <UploadField
            label={view.store.logoUrl ? 'Replace the logo' : 'Upload a logo'}
            hint="PNG, JPEG, WebP or GIF, up to 5 MB. Converted to WebP. SVG isn’t accepted."
            accept="image/png,image/jpeg,image/webp,image/gif"
            maxBytes={LOGO_MAX_BYTES}
            endpoint={`/seller/onboarding/uploads/logo?storeId=${store.id}`}
            doneText="Logo updated from “{name}”."
          />
        </section>
        <section aria-labelledby="payout-heading" className="space-y-3">
          <h2 id="payout-heading" className="text-lg font-semibold">
            Payouts
          </h2>
          {view.kyc ? (
            <PayoutForm mode="settings" storeId={store.id} holder={view.kyc.payoutHolder} accountMasked={view.kyc.payoutAccount} />
          ) : (
            <p className="text-sm text-slate-700">This store has no payout record yet. Contact marketplace support.</p>
          )}
        </section>
        {view.kyc ? (
          <section aria-labelledby="kyc-heading" className="space-y-2 text-sm">
            <h2 id="kyc-heading" className="text-lg font-semibold">
              Verified business
            </h2>
            <p>{view.kyc.legalName}</p>
            <p>Tax id {view.kyc.taxId ?? '—'}</p>
            <p className="text-slate-600">To change verified details, contact marketplace support.</p>
          </section>
        ) : null}
      </div>
    </div>
  );
}

export default function SettingsPage({ searchParams }: PageSearchParams) {
  return (
    <SellerPage title="Store settings" path="/seller/settings" searchParams={searchParams}>
      {({ actor, store }) => (
        <>
          <SettingsNav current="/seller/settings" slug={store.slug} />
          <Settings actor={actor} store={store} />
        </>
      )}
    </SellerPage>
  );
}
