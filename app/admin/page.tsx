import type { Metadata } from 'next';
import Link from 'next/link';
import { Workspace } from '@/components/accounts/workspace';

export const metadata: Metadata = { title: 'Admin', robots: { index: false } };

export default function AdminPage() {
  return (
    <Workspace title="Admin" path="/admin" permission="admin:console">
      {() => (
        <>
          <ul className="mt-4 grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
            <li>
              <Link href="/admin/sellers" className="block h-full rounded-lg border border-slate-200 p-4 hover:border-brand-600 hover:bg-brand-50">
                <span className="font-semibold text-brand-700">Sellers</span>
                <span className="mt-1 block text-sm text-slate-700">Review applications, approve or reject them, suspend and reactivate stores.</span>
              </Link>
            </li>
            <li>
              <Link href="/admin/flash-sales" className="block h-full rounded-lg border border-slate-200 p-4 hover:border-brand-600 hover:bg-brand-50">
                <span className="font-semibold text-brand-700">Flash sales</span>
                <span className="mt-1 block text-sm text-slate-700">Create limited drops, review sellers’ proposals, cancel, and reconcile a sale’s counters.</span>
              </Link>
            </li>
          </ul>
          <p className="mt-4 text-slate-700">Orders, refunds and the audit log arrive with their issues.</p>
        </>
      )}
    </Workspace>
  );
}
