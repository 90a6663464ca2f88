import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PAGE_SIZE, type ListingFilters } from '@/lib/catalog/inputs';
import { BACKENDS, useTestDatabase } from '@/test/db';
import { buildTsquery, tokenize } from './analyze';
import { searchProducts, suggest } from './search';

const filters = (over: Partial<ListingFilters> = {}): ListingFilters => ({ brands: [], options: {}, inStock: false, sort: 'relevance', limit: PAGE_SIZE, ...over });

const GARBAGE = [
  "'; drop table products; --",
  '<script>alert(1)</script>',
  'x'.repeat(10_000),
  'shoes '.repeat(2_000),
  '🏃‍♂️👟🔥',
  '!!! ??? ... ,,, ;;; ---',
  '&|!():*<->',
  "running:* & !shoes | (x <-> y)",
  '\\\\ \\" %_ $1 ?',
  '   ',
  '',
  'ﾗﾝﾆﾝｸﾞ 東京 Straße ﬁt',
  '\u200b\u200d\ufeff',
];

describe.each(BACKENDS)('search on %s', (backend) => {
  const t = useTestDatabase(backend, { products: 60 });

  const categoryOf = async (ids: string[]) => {
    if (!ids.length) return [];
    const rows = await t().db.execute<{ id: string; name: string }>(sql`
      select p.id, c.name from products p join categories c on c.id = p.category_id where p.id in ${sql`(${sql.join(ids.map((id) => sql`${id}::uuid`), sql`, `)})`}`);
    return rows.rows.map((r) => r.name);
  };

  it('corrects a typo: "runing shoes" finds running shoes', async () => {
    const r = await searchProducts(t().db, 'runing shoes', filters());
    expect(r.correctedQuery).toBe('running shoes');
    expect(r.fuzzy).toBe(false);
    expect(r.facets.total).toBeGreaterThan(0);
    expect(await categoryOf(r.items.map((i) => i.id))).toContain('Running Shoes');
  });

  it('leaves a correctly spelled query alone', async () => {
    const r = await searchProducts(t().db, 'running shoes', filters());
    expect(r.correctedQuery).toBeNull();
    expect(await categoryOf(r.items.map((i) => i.id))).toContain('Running Shoes');
  });

  it('widens a word with its synonyms: "trainers" finds sneakers', async () => {
    const r = await searchProducts(t().db, 'trainers', filters());
    expect(r.facets.total).toBeGreaterThan(0);
    expect(r.fuzzy).toBe(false);
    expect(await categoryOf(r.items.map((i) => i.id))).toContain('Sneakers');
  });

  it('applies listing filters to search results', async () => {
    const all = await searchProducts(t().db, 'shoes', filters({ limit: 100 }));
    const brand = all.items[0]!.brand;
    const narrowed = await searchProducts(t().db, 'shoes', filters({ brands: [brand], limit: 100 }));
    expect(narrowed.items.length).toBeGreaterThan(0);
    expect(narrowed.items.every((i) => i.brand === brand)).toBe(true);
    expect(narrowed.facets.total).toBe(all.items.filter((i) => i.brand === brand).length);
  });

  it('pages through relevance-ranked results without duplicates or gaps', async () => {
    const whole = await searchProducts(t().db, 'shoes', filters({ limit: 100 }));
    expect(whole.facets.total).toBeGreaterThan(3);
    const ids: string[] = [];
    let cursor: string | undefined;
    for (let i = 0; i < 100; i++) {
      const page = await searchProducts(t().db, 'shoes', filters({ limit: 2, cursor }));
      ids.push(...page.items.map((x) => x.id));
      if (!page.nextCursor) break;
      cursor = page.nextCursor;
    }
    expect(ids).toEqual(whole.items.map((x) => x.id));
  });

  it.each(GARBAGE.map((q) => [q.length > 40 ? `${q.slice(0, 20)}… (${q.length} chars)` : JSON.stringify(q), q]))('answers the query %s without throwing', async (_, q) => {
    const r = await searchProducts(t().db, q, filters());
    expect(r.query).toBe(q);
    expect(r.facets.total).toBeGreaterThanOrEqual(r.items.length);
    await suggest(t().db, q);
    const n = await t().db.execute<{ n: number }>(sql`select count(*)::int as n from products`);
    expect(n.rows[0]?.n).toBe(60);
  });

  // NUL is excluded: Postgres rejects it in text, and the routes' input schemas drop it first.
  it('never throws on arbitrary text', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: 'binary', maxLength: 60 }).map((s) => s.replace(/\0/g, '')), async (q) => {
        const r = await searchProducts(t().db, q, filters({ limit: 5 }));
        expect(r.items.length).toBeLessThanOrEqual(5);
        await suggest(t().db, q);
      }),
      { numRuns: 25 },
    );
  });

  it('only ever hands to_tsquery strings it accepts', async () => {
    const word = fc.oneof(fc.string({ unit: 'binary', maxLength: 12 }), fc.constantFrom('t-shirt', 'the', 'and', '1', 'x:*', '!', 'café', '東京', 'ǅ', '²'));
    await fc.assert(
      fc.asyncProperty(fc.array(fc.array(word, { maxLength: 3 }), { maxLength: 6 }), fc.boolean(), async (groups, prefix) => {
        const q = buildTsquery(groups, prefix);
        await t().db.execute(sql`select to_tsquery('english', ${q})`);
        const fromText = buildTsquery(tokenize(groups.flat().join(' ')).map((w) => [w]), prefix);
        await t().db.execute(sql`select to_tsquery('english', ${fromText})`);
      }),
      { numRuns: 150 },
    );
  });

  // KNOWN BUG (lib/search/search.ts:22): the trigram fallback is only tried when the request has no
  // cursor. The fallback's nextCursor therefore leads to the word-by-word search, which matches
  // nothing, so page 2 of fuzzy results is always empty. Flip to `it` once fixed.
  it('pages through fuzzy (trigram) results too', async () => {
    // 'zq' is unknown and too short to correct, so no word matches; pick the title with most look-alikes.
    const best = await t().db.execute<{ q: string }>(sql`
      select 'zq ' || p.title as q from products p where p.status = 'active'
      order by (select count(*) from products p2 where p2.status = 'active' and p2.title % ('zq ' || p.title)) desc, p.title limit 1`);
    const q = best.rows[0]!.q;
    const first = await searchProducts(t().db, q, filters({ limit: 1 }));
    expect(first.fuzzy).toBe(true);
    expect(first.facets.total).toBeGreaterThan(1);
    const second = await searchProducts(t().db, q, filters({ limit: 1, cursor: first.nextCursor! }));
    expect(second.items).toHaveLength(1);
    expect(second.items[0]!.id).not.toBe(first.items[0]!.id);
  });

  // Suggestions share the seeded database above.
  describe('suggest', () => {
    it('completes a prefix: "runn" suggests "running"', async () => {
      const s = await suggest(t().db, 'runn');
      expect(s.terms).toContain('running');
      expect(s.products.length).toBeLessThanOrEqual(6);
      expect((await suggest(t().db, 'run')).products.length).toBeGreaterThan(0);
      expect((await suggest(t().db, 'running')).products.length).toBeGreaterThan(0);
    });

    // KNOWN BUG (lib/search/search.ts:43 with analyze.ts buildTsquery): the prefix query goes
    // through to_tsquery('english', 'runn:*'), but the english stemmer stored "running" as the
    // lexeme 'run', which 'runn' is not a prefix of. Product suggestions therefore vanish while the
    // shopper types "runn", "runni", "runnin" (but "run" and "running" work). Flip once fixed.
    it('suggests products for every prefix of a word', async () => {
      for (const q of ['runn', 'runni', 'runnin']) expect((await suggest(t().db, q)).products.length, q).toBeGreaterThan(0);
    });

    it('keeps earlier words and completes the last one', async () => {
      const s = await suggest(t().db, 'running sh');
      expect(s.terms.length).toBeGreaterThan(0);
      for (const term of s.terms) expect(term).toMatch(/^running sh/);
    });

    it('suggests categories by name', async () => {
      const s = await suggest(t().db, 'Shoe');
      expect(s.categories.map((c) => c.name)).toContain('Shoes');
      expect(s.categories.length).toBeLessThanOrEqual(4);
    });

    it('returns nothing for input without words', async () => {
      expect(await suggest(t().db, '!!!')).toEqual({ terms: [], products: [], categories: [] });
    });
  });
});
