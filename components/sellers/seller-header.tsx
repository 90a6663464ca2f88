import Link from 'next/link';
import { signOutAction } from '@/lib/accounts/actions';
import { getActor } from '@/lib/accounts/session';
import { getDb } from '@/lib/platform/db';
import { listActorStores } from '@/lib/sellers/portal';
import { Skeleton } from '@/components/ui/skeleton';
import { SellerNav } from './seller-nav';
import { StoreSwitcher } from './store-switcher';

/**
 * The seller portal's frame: brand, store switcher, account and the section nav. It only
 * *shows* the actor's stores; every page authorizes itself (layouts don't re-run on navigation).
 */
export async function SellerHeader() {
  const actor = await getActor();
  const stores = actor ? await listActorStores(await getDb(), actor) : [];
  return (
    <header className="border-b border-slate-200 bg-white">
      <div className="mx-auto flex max-w-7xl flex-wrap items-center gap-x-4 gap-y-2 px-4 py-3">
        <Link href="/" className="text-xl font-bold tracking-tight text-brand-700">
          Marketplace
        </Link>
        <span className="text-sm text-slate-700">Seller portal</span>
        <StoreSwitcher stores={stores.map(({ id, slug, name, role }) => ({ id, slug, name, role }))} />
        {actor ? (
          <div className="ml-auto flex items-center gap-3 text-sm">
            <Link href="/account" className="max-w-[12rem] truncate text-slate-700 hover:text-brand-700">
              {actor.name ?? actor.email}
            </Link>
            <form action={signOutAction}>
              <button className="rounded-md border border-slate-300 px-3 py-1.5 hover:bg-slate-50">Sign out</button>
            </form>
          </div>
        ) : null}
      </div>
      {stores.length ? <SellerNav /> : null}
    </header>
  );
}

export function SellerHeaderSkeleton() {
  return (
    <div className="border-b border-slate-200 bg-white">
      <div className="mx-auto flex max-w-7xl items-center gap-4 px-4 py-3">
        <Skeleton className="h-7 w-32" />
        <Skeleton className="h-8 w-40" />
        <Skeleton className="ml-auto h-8 w-24" />
      </div>
    </div>
  );
}
