import type { Metadata } from 'next';
import { ResetRequestForm } from '@/components/accounts/registration-forms';

export const metadata: Metadata = { title: 'Reset your password', robots: { index: false } };

export default function ResetPage() {
  return (
    <div>
      <h1 className="text-2xl font-bold tracking-tight">Reset your password</h1>
      <p className="mt-1 mb-6 text-sm text-slate-700">We’ll email you a link to choose a new one.</p>
      <ResetRequestForm />
    </div>
  );
}
