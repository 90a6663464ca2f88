import Link from 'next/link';
import { Suspense, type ReactNode } from 'react';
import { signOutAction } from '@/lib/accounts/actions';
import type { Permission } from '@/lib/accounts/permissions';
import { requirePermission, type SignedInActor } from '@/lib/accounts/session';
import { Skeleton } from '@/components/ui/skeleton';

type Props = { title: string; path: string; permission: Permission; children: (actor: SignedInActor) => ReactNode };

async function Guarded({ title, path, permission, children }: Props) {
  const actor = await requirePermission(permission, { returnTo: path });
  return (
    <>
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-7xl flex-wrap items-center gap-4 px-4 py-3">
          <Link href="/" className="text-xl font-bold tracking-tight text-brand-700">
            Marketplace
          </Link>
          <span className="text-sm text-slate-700">{title}</span>
          <div className="ml-auto flex items-center gap-3 text-sm">
            <span className="text-slate-700">{actor.name ?? actor.email}</span>
            <form action={signOutAction}>
              <button className="rounded-md border border-slate-300 px-3 py-1.5 hover:bg-slate-50">Sign out</button>
            </form>
          </div>
        </div>
      </header>
      <main id="main" className="mx-auto max-w-7xl px-4 py-8">
        <h1 className="text-2xl font-bold tracking-tight">{title}</h1>
        {children(actor)}
      </main>
    </>
  );
}

/** The authorized frame of a role's workspace: the guard runs on every request, in the page. */
export function Workspace(props: Props) {
  return (
    <Suspense
      fallback={
        <div className="mx-auto max-w-7xl space-y-3 px-4 py-8" role="status" aria-label="Loading">
          <Skeleton className="h-8 w-64" />
          <Skeleton className="h-24 w-full" />
        </div>
      }
    >
      <Guarded {...props} />
    </Suspense>
  );
}
