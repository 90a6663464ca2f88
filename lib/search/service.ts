import { sql } from 'drizzle-orm';
import type { DbOrTx } from '@/lib/platform/db';

/**
 * Rebuilds the spelling vocabulary from active products. Run after catalog writes in bulk
 * (seed, imports); single product edits can afford to call it too at this catalog size.
 */
export async function refreshSearchTerms(db: DbOrTx): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.execute(sql`delete from search_terms`);
    await tx.execute(sql`
      insert into search_terms (term, documents)
      select word, ndoc from ts_stat($$
        select to_tsvector('simple', title || ' ' || brand || ' ' || search_keywords)
        from products where status = 'active'
      $$)
      where length(word) between 2 and 40 and word ~ '^[a-z0-9-]+$'`);
  });
}
