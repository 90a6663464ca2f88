import type { Metadata } from 'next';
import Link from 'next/link';
import { SignUpForm } from '@/components/accounts/registration-forms';

export const metadata: Metadata = { title: 'Create an account', robots: { index: false } };

export default function SignUpPage() {
  return (
    <div>
      <h1 className="text-2xl font-bold tracking-tight">Create an account</h1>
      <p className="mt-1 mb-6 text-sm text-slate-700">
        Already have one?{' '}
        <Link href="/signin" className="text-brand-700 underline">
          Sign in
        </Link>
      </p>
      <SignUpForm />
    </div>
  );
}
