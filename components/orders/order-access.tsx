import Link from 'next/link';
import { LookupForm } from './lookup-form';

/**
 * What a visitor sees instead of an order they may not open, and for numbers that do not
 * exist: the same page either way, so it never confirms that an order exists.
 */
export function OrderAccess({ number, signedIn, returnTo }: { number?: string; signedIn: boolean; returnTo: string }) {
  return (
    <div className="mx-auto max-w-md py-6">
      <h1 className="text-2xl font-bold tracking-tight">Find your order</h1>
      <p className="mt-2 text-slate-700">Enter your order number and the email address you used at checkout to see its status.</p>
      {signedIn ? null : (
        <p className="mt-2 text-slate-700">
          Ordered with an account?{' '}
          <Link href={`/signin?callbackUrl=${encodeURIComponent(returnTo)}`} className="font-medium text-brand-700 underline">
            Sign in
          </Link>{' '}
          to see all your orders.
        </p>
      )}
      <div className="mt-6">
        <LookupForm number={number} />
      </div>
    </div>
  );
}
