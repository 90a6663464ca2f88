import { Suspense, type ReactNode } from 'react';
import type { Permission } from '@/lib/accounts/permissions';
import { requireSellerStore, type SellerContext } from '@/lib/sellers/portal';
import { Skeleton } from '@/components/ui/skeleton';
import { StoreStatusBadge } from './status-badge';

import type { SearchParams } from '@/lib/sellers/links';

type Props = {
  title: string;
  /** The page's path, for the sign-in return address. */
  path: string;
  searchParams: Promise<SearchParams>;
  /** Default `seller:portal`; e.g. `store:manage` for owner-only pages. */
  permission?: Permission;
  children: (ctx: SellerContext) => ReactNode;
};

async function Guarded({ title, path, searchParams, permission, children }: Props) {
  const ctx = await requireSellerStore(searchParams, { path, permission });
  const { store } = ctx;
  return (
    <>
      <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
        <h1 className="text-2xl font-bold tracking-tight">{title}</h1>
        <p className="flex items-center gap-2 text-sm text-slate-700">
          <span>{store.name}</span>
          <StoreStatusBadge status={store.status} />
        </p>
      </div>
      {store.status === 'suspended' ? (
        <p role="status" className="mt-3 rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-900">
          This store is suspended: its products are hidden from shoppers. Contact the marketplace team to reactivate it.
        </p>
      ) : null}
      {children(ctx)}
    </>
  );
}

/**
 * The authorized frame of a seller portal page, for any section (products, inventory,
 * settings…): resolves the selected store from the session's memberships inside Suspense.
 */
export function SellerPage(props: Props) {
  return (
    <Suspense
      fallback={
        <div className="space-y-3" role="status" aria-label="Loading">
          <Skeleton className="h-8 w-64" />
          <Skeleton className="h-24 w-full" />
        </div>
      }
    >
      <Guarded {...props} />
    </Suspense>
  );
}
