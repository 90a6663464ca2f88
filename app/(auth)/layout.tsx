import Link from 'next/link';

export default function AuthLayout({ children }: { children: React.ReactNode }) {
  return (
    <main id="main" className="mx-auto flex min-h-dvh max-w-sm flex-col justify-center px-4 py-10">
      <Link href="/" className="mb-8 text-xl font-bold tracking-tight text-brand-700">
        Marketplace
      </Link>
      {children}
    </main>
  );
}
