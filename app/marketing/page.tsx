import type { Metadata } from 'next';
import { Workspace } from '@/components/accounts/workspace';

export const metadata: Metadata = { title: 'Marketing', robots: { index: false } };

export default function MarketingPage() {
  return (
    <Workspace title="Marketing" path="/marketing" permission="marketing:workspace">
      {() => <p className="mt-2 text-slate-700">Segments, campaigns and abandoned-cart recovery arrive with their issue.</p>}
    </Workspace>
  );
}
