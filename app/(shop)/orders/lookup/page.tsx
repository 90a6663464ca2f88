import type { Metadata } from 'next';
import Link from 'next/link';
import { LookupForm } from '@/components/orders/lookup-form';

export const metadata: Metadata = { title: 'Find your order', description: 'Check the status of an order with its number and your email.', robots: { index: false, follow: true } };

export default function LookupPage() {
  return (
    <div className="mx-auto max-w-md py-6">
      <h1 className="text-2xl font-bold tracking-tight">Find your order</h1>
      <p className="mt-2 text-slate-700">Enter your order number and the email address you used at checkout to see its status.</p>
      <p className="mt-2 text-slate-700">
        Ordered with an account?{' '}
        <Link href="/account/orders" className="font-medium text-brand-700 underline">
          See your orders
        </Link>
        .
      </p>
      <div className="mt-6">
        <LookupForm />
      </div>
    </div>
  );
}
