import { pgArray } from '@/lib/platform/sql';
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '@/lib/platform/db';

export type AnalyzedQuery = {
  /** The words as typed, normalised. */
  tokens: string[];
  /** The words after spelling correction (same length as tokens). */
  corrected: string[];
  /** True when at least one word was replaced by a known term. */
  didCorrect: boolean;
  /** A to_tsquery('english') string built only from [a-z0-9] words, or '' for nothing to search. */
  tsquery: string;
};

const MAX_TOKENS = 8;

/** Splits a raw query into at most 8 lower-case alphanumeric words. */
export function tokenize(raw: string): string[] {
  const words = raw.normalize('NFKC').toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  return words.filter((w) => w.length <= 40).slice(0, MAX_TOKENS);
}

const safeWord = (w: string) => w.replace(/[^\p{L}\p{N}]+/gu, ' ').trim().split(/\s+/).filter(Boolean).join(' <-> ');

/** Builds the tsquery: AND across words, OR across a word's synonyms; optional prefix on the last word. */
export function buildTsquery(groups: string[][], prefixLast = false): string {
  return groups
    .map((group, i) => {
      const alts = [...new Set(group.map(safeWord).filter(Boolean))];
      const last = prefixLast && i === groups.length - 1;
      const terms = alts.map((a) => (last && !a.includes('<->') ? `${a}:*` : a.includes('<->') ? `(${a})` : a));
      return terms.length > 1 ? `(${terms.join(' | ')})` : terms[0];
    })
    .filter(Boolean)
    .join(' & ');
}

/**
 * Typo tolerance and synonyms: a word that is not in the catalog vocabulary is replaced by its
 * closest trigram match ("runing" → "running"), then each word is widened by its synonym group.
 */
export async function analyzeQuery(db: DbOrTx, raw: string, opts: { prefixLast?: boolean } = {}): Promise<AnalyzedQuery> {
  const tokens = tokenize(raw);
  if (!tokens.length) return { tokens, corrected: [], didCorrect: false, tsquery: '' };
  const known = await db.execute<{ term: string }>(sql`select term from search_terms where term = any(${pgArray(tokens)})`);
  const knownSet = new Set(known.rows.map((r) => r.term));
  const corrected = await Promise.all(
    tokens.map(async (t, i) => {
      const isLast = i === tokens.length - 1;
      if (knownSet.has(t) || t.length < 3 || /^\d+$/.test(t) || (opts.prefixLast && isLast)) return t;
      const best = await db.execute<{ term: string }>(sql`
        select term from search_terms where term % ${t}
        order by similarity(term, ${t}) desc, documents desc limit 1`);
      return best.rows[0]?.term ?? t;
    }),
  );
  const synonyms = await db.execute<{ terms: string[] }>(
    sql`select terms from search_synonyms where terms && ${pgArray(corrected)}`,
  );
  const groups = corrected.map((w) => [w, ...synonyms.rows.filter((r) => r.terms.includes(w)).flatMap((r) => r.terms)]);
  if (opts.prefixLast) {
    // A half-typed word ("runn") doesn't prefix-match its stemmed lexeme ("run"), so the
    // catalog words it starts ("running", "runner") join the last group.
    const last = corrected.at(-1)!;
    const completions = await db.execute<{ term: string }>(sql`
      select term from search_terms where term like ${last.replace(/[%_\\]/g, '') + '%'}
      order by documents desc limit 5`);
    groups.at(-1)!.push(...completions.rows.map((r) => r.term));
  }
  return {
    tokens,
    corrected,
    didCorrect: corrected.some((c, i) => c !== tokens[i]),
    tsquery: buildTsquery(groups, opts.prefixLast),
  };
}
