import { sql } from 'drizzle-orm';
import type { DbOrTx } from '@/lib/platform/db';
import { pgArray } from '@/lib/platform/sql';

/**
 * Adds the words of these products (when active) to the search vocabulary. Search "corrects"
 * a word it doesn't know to the closest known one, so a new product's unusual name must be in
 * the vocabulary before anyone can find it. Insert-only (safe beside concurrent writers); the
 * document counts are refreshed by the full rebuild (lib/search/service.ts) after bulk loads.
 */
export async function addSearchTerms(db: DbOrTx, productIds: readonly string[]): Promise<void> {
  if (!productIds.length) return;
  await db.execute(sql`
    insert into search_terms (term, documents)
    select w.word, count(*)::int
    from products p,
      lateral unnest(tsvector_to_array(to_tsvector('simple', p.title || ' ' || p.brand || ' ' || p.search_keywords))) as w(word)
    where p.id = any(${pgArray([...productIds], 'uuid')}) and p.status = 'active'
      and length(w.word) between 2 and 40 and w.word ~ '^[a-z0-9-]+$'
    group by w.word
    on conflict (term) do nothing`);
}
