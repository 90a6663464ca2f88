import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { confirmationHref } from '@/components/checkout/failure';
import { EMPTY_ADDRESS, type AddressValues } from '@/components/checkout/types';
import { ExpressCheckout } from '@/components/flash-sales/express-checkout';
import { quoteForHold } from '@/lib/checkout/flash';
import { paymentSettings, savedAddresses } from '@/lib/checkout/page-data';
import { getCheckoutStatus } from '@/lib/checkout/service';
import { currentFlashVisitor } from '@/lib/flash-sales/customer-session';
import { readHold } from '@/lib/flash-sales/holds';
import { getDb } from '@/lib/platform/db';
import { DomainError } from '@/lib/platform/errors';

export const metadata: Metadata = { title: 'Express checkout', robots: { index: false, follow: false } };

type Props = { params: Promise<{ holdId: string }> };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

const isLive = (hold: { status: string; expiresAt: Date }) => hold.status === 'active' && hold.expiresAt.getTime() > Date.now();

// Dynamic (the hold is the visitor's own): the checkout's loading.tsx is its Suspense boundary.
export default async function FlashCheckoutPage({ params }: Props) {
  const { holdId } = await params;
  if (!UUID.test(holdId)) return <HoldGone kind="missing" />;
  const db = await getDb();
  const [visitor, hold] = await Promise.all([currentFlashVisitor(), readHold(db, holdId)]);
  // Someone else's hold and no hold look the same.
  if (!hold || !visitor.keys.includes(hold.customerKey)) return <HoldGone kind="missing" />;
  const saleHref = `/flash/${hold.saleId}`;

  // Bought already (a reload after paying, the back button): on to its confirmation.
  if (hold.checkoutId) {
    const c = await getCheckoutStatus(db, hold.checkoutId).catch(() => null);
    if (c?.status === 'completed' && c.order) redirect(confirmationHref(c.order));
  }
  if (!isLive(hold)) return <HoldGone kind="expired" saleHref={saleHref} />;

  const actor = visitor.actor;
  const saved = await savedAddresses(db, actor);
  const first = saved.find((s) => s.isDefault) ?? saved[0];
  const address: AddressValues = first ?? EMPTY_ADDRESS;
  const destination = address.country ? { country: address.country, region: address.region || null } : null;

  let priced: Awaited<ReturnType<typeof quoteForHold>>;
  try {
    priced = await quoteForHold(db, hold.id, hold.customerKey, destination, {});
  } catch (err) {
    if (err instanceof DomainError) return <HoldGone kind="expired" saleHref={saleHref} />; // lapsed a moment ago
    throw err;
  }
  const line = priced.quote.stores[0]?.lines[0];
  const title = line ? `${line.title}${line.quantity > 1 ? ` (×${line.quantity})` : ''}` : 'Your item';

  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-bold tracking-tight">Express checkout</h1>
      <ExpressCheckout
        holdId={hold.id}
        expiresAt={hold.expiresAt.toISOString()}
        serverNow={new Date().toISOString()}
        saleHref={saleHref}
        title={title}
        account={actor ? { email: actor.email, name: actor.name } : null}
        savedAddresses={saved}
        initialChoice={first?.id ?? 'new'}
        initialAddress={address}
        initialEmail=""
        initialSelections={{}}
        initialQuote={priced.quote}
        initialDestination={destination !== null}
        initialStep="contact"
        initialAlert={null}
        priceChanges={[]}
        stockProblems={[]}
        {...paymentSettings()}
      />
    </div>
  );
}

function HoldGone({ kind, saleHref }: { kind: 'missing' | 'expired'; saleHref?: string }) {
  return (
    <div className="mx-auto max-w-xl space-y-4 py-10 text-center">
      <h1 className="text-2xl font-bold tracking-tight">{kind === 'expired' ? 'Your hold has expired' : 'We could not find that hold'}</h1>
      <p className="text-slate-700">
        {kind === 'expired'
          ? 'Held items are kept for a few minutes. This one went back to the sale; if any are left, you can hold it again.'
          : 'The link may be incomplete, or the hold was placed in another browser.'}
      </p>
      <div className="flex flex-wrap justify-center gap-3">
        {saleHref ? (
          <Link href={saleHref} className="rounded-md bg-brand-600 px-5 py-2.5 font-medium text-white hover:bg-brand-700">
            Back to the sale
          </Link>
        ) : null}
        <Link href="/" className="rounded-md border border-slate-300 px-5 py-2.5 font-medium hover:bg-slate-50">
          Continue shopping
        </Link>
      </div>
    </div>
  );
}
