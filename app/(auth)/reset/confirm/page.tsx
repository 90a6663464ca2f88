import type { Metadata } from 'next';
import Link from 'next/link';
import { Suspense } from 'react';
import { ResetConfirmForm } from '@/components/accounts/registration-forms';

export const metadata: Metadata = { title: 'Choose a new password', robots: { index: false } };

type Props = { searchParams: Promise<{ email?: string | string[]; token?: string | string[] }> };

async function Form({ searchParams }: Props) {
  const { email, token } = await searchParams;
  if (typeof email !== 'string' || typeof token !== 'string' || email.length > 254 || token.length > 100) {
    return (
      <p role="alert" className="text-sm text-sale">
        This reset link is incomplete. <Link href="/reset" className="underline">Ask for a new one</Link>.
      </p>
    );
  }
  return <ResetConfirmForm email={email} token={token} />;
}

export default function ResetConfirmPage(props: Props) {
  return (
    <div>
      <h1 className="mb-6 text-2xl font-bold tracking-tight">Choose a new password</h1>
      <Suspense fallback={<div className="h-48" />}>
        <Form {...props} />
      </Suspense>
    </div>
  );
}
