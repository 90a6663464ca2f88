import { sql } from 'drizzle-orm';
import type { DbOrTx } from '@/lib/platform/db';

/**
 * Rebuilds the spelling vocabulary from what the storefront sells (active products of active
 * stores: the rule of lib/catalog/sellable.ts, spelled out inside ts_stat's query text). The
 * seed runs it, store suspension and reactivation run it, and the `refresh-search-terms`
 * function every 15 minutes picks up sellers' new and edited products.
 */
export async function refreshSearchTerms(db: DbOrTx): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.execute(sql`delete from search_terms`);
    await tx.execute(sql`
      insert into search_terms (term, documents)
      select word, ndoc from ts_stat($$
        select to_tsvector('simple', title || ' ' || brand || ' ' || search_keywords)
        from products p
        where p.status = 'active' and exists (select 1 from stores s where s.id = p.store_id and s.status = 'active')
      $$)
      where length(word) between 2 and 40 and word ~ '^[a-z0-9-]+$'`);
  });
}
