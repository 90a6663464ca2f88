import type { Metadata } from 'next';
import { Workspace } from '@/components/accounts/workspace';

export const metadata: Metadata = { title: 'Admin', robots: { index: false } };

export default function AdminPage() {
  return (
    <Workspace title="Admin" path="/admin" permission="admin:console">
      {() => <p className="mt-2 text-slate-700">Seller approvals, orders, refunds and the audit log arrive with their issues.</p>}
    </Workspace>
  );
}
