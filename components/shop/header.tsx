import Link from 'next/link';
import { getCategories } from '@/lib/catalog/queries';
import { SearchBox } from '@/components/search/search-box';
import { MiniCart } from '@/components/cart/mini-cart';
import { AccountLink } from './account-link';

export async function Header() {
  const departments = (await getCategories()).filter((c) => c.depth === 0);
  return (
    <header className="border-b border-slate-200 bg-white">
      <div className="mx-auto flex max-w-7xl flex-wrap items-center gap-x-6 gap-y-3 px-4 py-3">
        <Link href="/" className="text-xl font-bold tracking-tight text-brand-700">
          Marketplace
        </Link>
        <div className="order-3 w-full sm:order-none sm:w-auto sm:flex-1">
          <SearchBox />
        </div>
        <nav aria-label="Account" className="ml-auto flex items-center gap-3">
          <AccountLink />
          <MiniCart />
        </nav>
      </div>
      <nav aria-label="Departments" className="mx-auto max-w-7xl overflow-x-auto px-4">
        <ul className="flex gap-5 whitespace-nowrap pb-2 text-sm">
          {departments.map((d) => (
            <li key={d.id}>
              <Link href={`/c/${d.path}`} className="text-slate-700 hover:text-brand-700 hover:underline">
                {d.name}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
    </header>
  );
}

export function Footer() {
  return (
    <footer className="mt-16 border-t border-slate-200 bg-slate-50">
      <div className="mx-auto grid max-w-7xl gap-6 px-4 py-10 text-sm text-slate-700 sm:grid-cols-3">
        <div>
          <p className="font-semibold text-slate-900">Marketplace</p>
          <p className="mt-2">Independent shops, one checkout.</p>
        </div>
        <nav aria-label="Footer">
          <ul className="space-y-1">
            <li>
              <Link href="/search?q=new" className="hover:underline">
                Search
              </Link>
            </li>
            <li>
              <a href="/sitemap.xml" className="hover:underline">
                Sitemap
              </a>
            </li>
          </ul>
        </nav>
        <p>Prices include no tax until checkout. Sellers ship from their own warehouses.</p>
      </div>
    </footer>
  );
}
