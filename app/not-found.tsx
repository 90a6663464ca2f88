import Link from 'next/link';

export default function NotFound() {
  return (
    <main id="main" className="mx-auto flex min-h-[60vh] max-w-xl flex-col items-center justify-center px-4 text-center">
      <p className="text-sm font-semibold text-brand-700">404</p>
      <h1 className="mt-2 text-3xl font-bold tracking-tight">We couldn’t find that page</h1>
      <p className="mt-3 text-slate-700">The product may have sold out for good, or the link may be mistyped.</p>
      <form action="/search" method="get" role="search" className="mt-6 flex w-full gap-2">
        <label htmlFor="nf-q" className="sr-only">
          Search products
        </label>
        <input id="nf-q" name="q" type="search" placeholder="Search products" maxLength={200} className="flex-1 rounded-md border border-slate-300 px-3 py-2" />
        <button className="rounded-md bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700">Search</button>
      </form>
      <Link href="/" className="mt-4 text-brand-700 underline">
        Go to the home page
      </Link>
    </main>
  );
}
