import type { Metadata } from 'next';
import Link from 'next/link';
import { CheckoutFlow, type CheckoutFlowProps } from '@/components/checkout/checkout-flow';
import { alertForFailure } from '@/components/checkout/failure';
import { EMPTY_ADDRESS, type AddressValues, } from '@/components/checkout/types';
import type { AddressSnapshot } from '@/db/schema/checkout';
import { getActor } from '@/lib/accounts/session';
import { getCurrentCartId } from '@/lib/cart/identity';
import { quoteForCart } from '@/lib/checkout/service';
import { paymentSettings, savedAddresses } from '@/lib/checkout/page-data';
import { getRetryPrefill } from '@/lib/checkout/viewer';
import { getDb } from '@/lib/platform/db';
import { DomainError } from '@/lib/platform/errors';

export const metadata: Metadata = { title: 'Checkout', robots: { index: false, follow: false } };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

const fromSnapshot = (a: AddressSnapshot): AddressValues => ({
  fullName: a.name,
  line1: a.line1,
  line2: a.line2 ?? '',
  city: a.city,
  region: a.region ?? '',
  postalCode: a.postalCode,
  country: a.country,
  phone: a.phone ?? '',
});
const sameAddress = (a: AddressValues, b: AddressValues) => (Object.keys(a) as (keyof AddressValues)[]).every((k) => a[k].trim().toUpperCase() === b[k].trim().toUpperCase());

// Dynamic (the cart and session are the visitor's own): loading.tsx is its Suspense boundary.
export default async function CheckoutPage({ searchParams }: Props) {
  const sp = await searchParams;
  const [actor, cartId] = await Promise.all([getActor(), getCurrentCartId()]);
  if (!cartId) return <EmptyCheckout />;
  const db = await getDb();
  const failedId = first(sp.failed);
  const [saved, retry] = await Promise.all([savedAddresses(db, actor), failedId ? getRetryPrefill(failedId) : Promise.resolve(null)]);

  // Start from the failed attempt being retried, else the default saved address, else a blank form.
  let choice = 'new';
  let address = EMPTY_ADDRESS;
  if (retry) {
    address = fromSnapshot(retry.shippingAddress);
    choice = saved.find((s) => sameAddress(s, address))?.id ?? 'new';
  } else if (saved[0]) {
    choice = (saved.find((s) => s.isDefault) ?? saved[0]).id;
    address = saved.find((s) => s.id === choice)!;
  }
  const destination = address.country ? { country: address.country, region: address.region || null } : null;
  const selections = retry?.shippingSelections ?? {};

  let priced: Awaited<ReturnType<typeof quoteForCart>>;
  try {
    priced = await quoteForCart(db, cartId, destination, selections);
  } catch (err) {
    if (err instanceof DomainError) return <EmptyCheckout />; // checked out a moment ago in another tab
    throw err;
  }
  const { cart, quote } = priced;
  if (!cart.lines.length) return <EmptyCheckout />;

  const failure = retry?.failure ? alertForFailure(retry.failure) : null;
  const props: CheckoutFlowProps = {
    account: actor ? { email: actor.email, name: actor.name } : null,
    savedAddresses: saved,
    initialChoice: choice,
    initialAddress: address,
    initialEmail: retry?.email ?? '',
    initialSelections: selections,
    initialQuote: quote,
    initialDestination: destination !== null,
    // A retry comes back to the payment step: the address and shipping are kept, the card never is.
    initialStep: retry ? 'payment' : 'contact',
    initialAlert: failure?.alert ?? null,
    priceChanges: cart.lines
      .filter((l) => l.priceChanged)
      .map((l) => ({ itemId: l.itemId, name: [l.title, l.variantTitle].filter(Boolean).join(' – '), from: l.unitPriceSeen, to: l.unitPrice })),
    stockProblems: cart.lines
      .filter((l) => l.problem)
      .map((l) => ({ variantId: l.variantId, title: [l.title, l.variantTitle].filter(Boolean).join(' – '), requested: l.quantity, available: l.purchasable ? l.available : 0 })),
    ...paymentSettings(),
  };

  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-bold tracking-tight">Checkout</h1>
      <CheckoutFlow {...props} />
    </div>
  );
}

function EmptyCheckout() {
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-bold tracking-tight">Checkout</h1>
      <div className="rounded-lg border border-dashed border-slate-300 px-6 py-16 text-center">
        <h2 className="text-lg font-semibold">Your cart is empty</h2>
        <p className="mt-2 text-slate-700">Add something to your cart, then come back here to check out.</p>
        <Link href="/" className="mt-6 inline-block rounded-md bg-brand-600 px-5 py-2.5 font-medium text-white hover:bg-brand-700">
          Continue shopping
        </Link>
      </div>
    </div>
  );
}
