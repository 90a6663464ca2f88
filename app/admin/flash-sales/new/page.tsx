import type { Metadata } from 'next';
import Link from 'next/link';
import { Workspace } from '@/components/accounts/workspace';
import { SaleForm } from '@/components/flash-sales-admin/sale-form';

export const metadata: Metadata = { title: 'New flash sale · Admin', robots: { index: false } };

export default function NewFlashSalePage() {
  return (
    <Workspace title="New flash sale" path="/admin/flash-sales/new" permission="admin:console">
      {() => (
        <div className="mt-2 max-w-3xl space-y-4">
          <p className="text-sm">
            <Link href="/admin/flash-sales" className="text-brand-700 underline">
              ← All flash sales
            </Link>
          </p>
          <p className="text-slate-700">Any store’s published variant. The stock and the price are checked now and again when the sale starts.</p>
          <div className="rounded-lg border border-slate-200 bg-white p-4 sm:p-6">
            <SaleForm mode={{ kind: 'admin' }} />
          </div>
        </div>
      )}
    </Workspace>
  );
}
