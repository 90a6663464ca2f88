import Link from 'next/link';

export default function Forbidden() {
  return (
    <main id="main" className="mx-auto flex min-h-[60vh] max-w-xl flex-col items-center justify-center px-4 text-center">
      <p className="text-sm font-semibold text-brand-700">403</p>
      <h1 className="mt-2 text-3xl font-bold tracking-tight">This area isn’t open to your account</h1>
      <p className="mt-3 text-slate-700">If you think you should have access, ask an administrator.</p>
      <Link href="/" className="mt-4 text-brand-700 underline">
        Go to the home page
      </Link>
    </main>
  );
}
