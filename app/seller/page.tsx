import type { Metadata } from 'next';
import { Workspace } from '@/components/accounts/workspace';

export const metadata: Metadata = { title: 'Seller portal', robots: { index: false } };

export default function SellerPage() {
  return (
    <Workspace title="Seller portal" path="/seller" permission="seller:portal">
      {(actor) => <p className="mt-2 text-slate-700">You belong to {Object.keys(actor.stores).length} store(s). Products, stock and orders arrive with the seller portal.</p>}
    </Workspace>
  );
}
