import { sql } from 'drizzle-orm';
import type { ListingFilters } from '@/lib/catalog/inputs';
import { listProducts, type ListingPage } from '@/lib/catalog/listing';
import { sellableSql } from '@/lib/catalog/sellable';
import type { DbOrTx } from '@/lib/platform/db';
import { analyzeQuery } from './analyze';

export type SearchResult = ListingPage & {
  query: string;
  /** Set when the words were corrected ("runing" → "running"). */
  correctedQuery: string | null;
  /** Set when no word matched and the results come from fuzzy title matching. */
  fuzzy: boolean;
};

/** Search behind one function, so an external engine can replace Postgres later. */
export async function searchProducts(db: DbOrTx, q: string, filters: ListingFilters): Promise<SearchResult> {
  const analyzed = await analyzeQuery(db, q);
  const empty = { items: [], nextCursor: null, facets: { total: 0, brands: [], options: [], price: null, inStock: 0 } };
  if (!analyzed.tsquery) return { ...empty, query: q, correctedQuery: null, fuzzy: false };
  const page = await listProducts(db, { tsquery: analyzed.tsquery }, filters);
  const correctedQuery = analyzed.didCorrect ? analyzed.corrected.join(' ') : null;
  if (page.facets.total > 0) return { ...page, query: q, correctedQuery, fuzzy: false };
  // Nothing matched word by word: fall back to trigram similarity on titles.
  const fuzzy = await listProducts(db, { trigram: q.slice(0, 100) }, { ...filters, sort: 'relevance' });
  return { ...fuzzy, query: q, correctedQuery: null, fuzzy: true };
}

export type Suggestions = {
  terms: string[];
  products: { slug: string; title: string; priceMin: number; currency: string; imageUrl: string | null }[];
  categories: { path: string; name: string }[];
};

export async function suggest(db: DbOrTx, q: string): Promise<Suggestions> {
  const analyzed = await analyzeQuery(db, q, { prefixLast: true });
  if (!analyzed.tsquery) return { terms: [], products: [], categories: [] };
  const last = analyzed.tokens.at(-1)!;
  const [products, terms, categories] = await Promise.all([
    db.execute<{ slug: string; title: string; price_min: number; currency: string; image_url: string | null }>(sql`
      select p.slug, p.title, p.price_min, p.currency,
        (select url from product_images i where i.product_id = p.id order by position limit 1) as image_url
      from products p
      where ${sellableSql('p')} and p.search_vector @@ to_tsquery('english', ${analyzed.tsquery})
      order by ts_rank_cd(p.search_vector, to_tsquery('english', ${analyzed.tsquery})) * (1 + ln(1 + p.sales_count) / 20) desc, p.id
      limit 6`),
    db.execute<{ term: string }>(sql`
      select term from search_terms where term like ${last.replace(/[%_\\]/g, '') + '%'} and term <> ${last}
      order by documents desc limit 5`),
    db.execute<{ path: string; name: string }>(sql`
      select path, name from categories where name ilike ${'%' + q.replace(/[%_\\]/g, '').slice(0, 60) + '%'}
      order by depth, name limit 4`),
  ]);
  const prefix = analyzed.corrected.slice(0, -1).join(' ');
  return {
    terms: terms.rows.map((r) => (prefix ? `${prefix} ${r.term}` : r.term)),
    products: products.rows.map((r) => ({ slug: r.slug, title: r.title, priceMin: r.price_min, currency: r.currency, imageUrl: r.image_url })),
    categories: categories.rows,
  };
}
