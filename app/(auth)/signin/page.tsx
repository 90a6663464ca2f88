import type { Metadata } from 'next';
import Link from 'next/link';
import { Suspense } from 'react';
import { MagicLinkForm, SignInForm } from '@/components/accounts/sign-in-form';

export const metadata: Metadata = { title: 'Sign in', robots: { index: false } };

type Props = { searchParams: Promise<{ callbackUrl?: string | string[]; notice?: string | string[] }> };

const NOTICES: Record<string, string> = {
  'password-changed': 'Your password was changed and every session ended. Sign in with the new password.',
  'signed-out-everywhere': 'You were signed out on every device.',
  verified: 'Your email address is confirmed. Sign in to continue.',
  'verify-failed': 'That confirmation link is invalid or has expired. Sign up again to get a new one.',
};

async function Form({ searchParams }: Props) {
  const { callbackUrl: raw, notice } = await searchParams;
  const callbackUrl = typeof raw === 'string' && raw.startsWith('/') && !raw.startsWith('//') && raw.length < 500 ? raw : undefined;
  const message = typeof notice === 'string' ? NOTICES[notice] : undefined;
  return (
    <>
      {message ? (
        <p role="status" className="mb-4 rounded-md bg-brand-50 px-3 py-2 text-sm text-brand-800">
          {message}
        </p>
      ) : null}
      <SignInForm callbackUrl={callbackUrl} />
      <div className="mt-8 border-t border-slate-200 pt-6">
        <MagicLinkForm callbackUrl={callbackUrl} />
      </div>
    </>
  );
}

export default function SignInPage(props: Props) {
  return (
    <div>
      <h1 className="text-2xl font-bold tracking-tight">Sign in</h1>
      <p className="mt-1 mb-6 text-sm text-slate-700">Use your email and password.</p>
      <Suspense fallback={<div className="h-64" />}>
        <Form {...props} />
      </Suspense>
      <p className="mt-6 flex justify-between text-sm">
        <Link href="/signup" className="text-brand-700 underline">
          Create an account
        </Link>
        <Link href="/reset" className="text-brand-700 underline">
          Forgot your password?
        </Link>
      </p>
    </div>
  );
}
