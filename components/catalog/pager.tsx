import { filtersToSearch, type ListingFilters } from '@/lib/catalog/inputs';

export function Pager({ action, filters, nextCursor }: { action: string; filters: ListingFilters; nextCursor: string | null }) {
  if (!nextCursor && !filters.cursor) return null;
  return (
    <nav aria-label="Pagination" className="mt-10 flex items-center justify-center gap-3">
      {filters.cursor ? (
        // Plain links: listing URLs with a query load as documents (lib/catalog/navigate.ts).
        <a href={action + filtersToSearch(filters)} className="rounded-md border border-slate-300 px-4 py-2 text-sm hover:bg-slate-50">
          ← First page
        </a>
      ) : null}
      {nextCursor ? (
        <a
          href={action + filtersToSearch(filters, { cursor: nextCursor })}
          rel="next"
          className="rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700"
        >
          Next page →
        </a>
      ) : null}
    </nav>
  );
}
