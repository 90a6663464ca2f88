import type { Metadata } from 'next';
import { Suspense } from 'react';
import { SignInForm } from '@/components/accounts/sign-in-form';

export const metadata: Metadata = { title: 'Sign in', robots: { index: false } };

type Props = { searchParams: Promise<{ callbackUrl?: string | string[] }> };

async function Form({ searchParams }: Props) {
  const raw = (await searchParams).callbackUrl;
  const callbackUrl = typeof raw === 'string' && raw.startsWith('/') && !raw.startsWith('//') && raw.length < 500 ? raw : undefined;
  return <SignInForm callbackUrl={callbackUrl} />;
}

export default function SignInPage(props: Props) {
  return (
    <div>
      <h1 className="text-2xl font-bold tracking-tight">Sign in</h1>
      <p className="mt-1 mb-6 text-sm text-slate-700">Use your email and password.</p>
      <Suspense fallback={<div className="h-64" />}>
        <Form {...props} />
      </Suspense>
    </div>
  );
}
