import type { Metadata } from 'next';
import type { Address } from '@/db/schema/accounts';
import { AccountNav } from '@/components/accounts/account-nav';
import { AddressBook } from '@/components/accounts/address-book';
import type { AddressView } from '@/components/accounts/address-card';
import { AddressForm } from '@/components/accounts/address-form';
import { Workspace } from '@/components/accounts/workspace';
import { countryName, countryOptions, MAX_ADDRESSES } from '@/lib/accounts/account-inputs';
import { listAddresses } from '@/lib/accounts/addresses';
import type { SignedInActor } from '@/lib/accounts/session';
import { getDb } from '@/lib/platform/db';

export const metadata: Metadata = { title: 'Addresses', robots: { index: false } };

const toView = (a: Address): AddressView => ({
  id: a.id,
  fullName: a.fullName,
  lines: [a.line1, a.line2, [a.city, a.region, a.postalCode].filter(Boolean).join(', '), countryName(a.country), a.phone].filter((l): l is string => Boolean(l)),
  isDefaultShipping: a.isDefaultShipping,
  isDefaultBilling: a.isDefaultBilling,
});

async function Addresses({ actor }: { actor: SignedInActor }) {
  const rows = await listAddresses(await getDb(), actor);
  return (
    <>
      <section aria-labelledby="saved-heading" className="mt-6">
        <h2 id="saved-heading" className="text-lg font-semibold">
          Saved addresses <span className="text-sm font-normal text-slate-600">({rows.length} of {MAX_ADDRESSES})</span>
        </h2>
        <AddressBook addresses={rows.map(toView)} />
      </section>
      <section aria-label="New address" className="mt-10">
        {rows.length < MAX_ADDRESSES ? (
          <AddressForm countries={countryOptions} />
        ) : (
          <p className="text-slate-700">You have {MAX_ADDRESSES} addresses, the most you can keep. Delete one to add another.</p>
        )}
      </section>
    </>
  );
}

export default function AddressesPage() {
  return (
    <Workspace title="Addresses" path="/account/addresses" permission="account:manage">
      {(actor) => (
        <>
          <AccountNav current="/account/addresses" />
          <Addresses actor={actor} />
        </>
      )}
    </Workspace>
  );
}
