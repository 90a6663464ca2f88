import Link from 'next/link';

/** Chrome of the development mail viewer (rendered only once the viewer is known to be enabled). */
export function MailShell({ children }: { children: React.ReactNode }) {
  return (
    <>
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2">
        Skip to content
      </a>
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-6xl flex-wrap items-baseline justify-between gap-x-6 gap-y-1 px-4 py-3">
          <Link href="/mail" className="text-lg font-bold tracking-tight text-brand-700">
            Mail viewer
          </Link>
          <p className="text-sm text-slate-600">Emails captured by the outbox: nothing here was sent to a real inbox.</p>
        </div>
      </header>
      <main id="main" className="mx-auto max-w-6xl px-4 py-6">
        {children}
      </main>
    </>
  );
}
