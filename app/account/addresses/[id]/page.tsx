import type { Metadata } from 'next';
import Link from 'next/link';
import { AccountNav } from '@/components/accounts/account-nav';
import { AddressForm } from '@/components/accounts/address-form';
import { Workspace } from '@/components/accounts/workspace';
import { countryOptions } from '@/lib/accounts/account-inputs';
import { getAddress } from '@/lib/accounts/addresses';
import type { SignedInActor } from '@/lib/accounts/session';
import { getDb } from '@/lib/platform/db';
import { NotFoundError } from '@/lib/platform/errors';

export const metadata: Metadata = { title: 'Edit address', robots: { index: false } };

type Props = { params: Promise<{ id: string }> };

async function EditAddress({ actor, params }: Props & { actor: SignedInActor }) {
  const { id } = await params;
  // Someone else's id and an id that never existed look the same.
  const address = await getAddress(await getDb(), actor, id).catch((err: unknown) => {
    if (err instanceof NotFoundError) return null;
    throw err;
  });
  if (!address) {
    return (
      <div className="mt-6">
        <h2 className="text-lg font-semibold">Address not found</h2>
        <p className="mt-1 text-slate-700">It may have been deleted.</p>
        <Link href="/account/addresses" className="mt-3 inline-block text-brand-700 underline">
          Back to addresses
        </Link>
      </div>
    );
  }
  const initial = {
    fullName: address.fullName,
    line1: address.line1,
    line2: address.line2 ?? '',
    city: address.city,
    region: address.region ?? '',
    postalCode: address.postalCode,
    country: address.country,
    phone: address.phone ?? '',
  };
  return (
    <div className="mt-6">
      <AddressForm id={address.id} initial={initial} countries={countryOptions} />
    </div>
  );
}

export default function EditAddressPage({ params }: Props) {
  return (
    <Workspace title="Edit address" path="/account/addresses" permission="account:manage">
      {(actor) => (
        <>
          <AccountNav current="/account/addresses" />
          <EditAddress actor={actor} params={params} />
        </>
      )}
    </Workspace>
  );
}
