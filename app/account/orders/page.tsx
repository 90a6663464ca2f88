import type { Metadata } from 'next';
import Link from 'next/link';
import { AccountNav } from '@/components/accounts/account-nav';
import { Workspace } from '@/components/accounts/workspace';

export const metadata: Metadata = { title: 'Orders', robots: { index: false } };

// Orders arrive with the money path (checkout → orders); until then every history is empty.
export default function OrdersPage() {
  return (
    <Workspace title="Orders" path="/account/orders" permission="account:manage">
      {() => (
        <>
          <AccountNav current="/account/orders" />
          <section aria-labelledby="orders-empty" className="mt-6 rounded-lg border border-dashed border-slate-300 p-8 text-center">
            <h2 id="orders-empty" className="text-lg font-semibold">
              No orders yet
            </h2>
            <p className="mt-1 text-slate-700">When you buy something, it shows up here with its delivery status.</p>
            <Link href="/" className="mt-4 inline-block rounded-md bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700">
              Start shopping
            </Link>
          </section>
        </>
      )}
    </Workspace>
  );
}
