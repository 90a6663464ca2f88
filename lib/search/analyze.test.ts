import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildTsquery, tokenize } from './analyze';

// Letters, digits, space and the operators & | ( ) : * <-> (the hyphen escaped: `<->` in a class is a range).
const TSQUERY_CHARS = /^[\p{L}\p{N} &|():*<\->]*$/u;

/** Parentheses balance and no operator sits next to another operator or at an edge. */
function wellFormed(q: string): boolean {
  let depth = 0;
  for (const ch of q) {
    if (ch === '(') depth++;
    if (ch === ')' && --depth < 0) return false;
  }
  if (depth !== 0) return false;
  const compact = q.replace(/<->/g, '~').replace(/\s+/g, '');
  return !/^[&|~)]|[&|~(]$|[&|~(][&|~)]|\(\)|\)\(/.test(compact);
}

describe('tokenize', () => {
  it('lower-cases and splits on anything that is not a letter or digit', () => {
    expect(tokenize('Running SHOES')).toEqual(['running', 'shoes']);
    expect(tokenize("'; drop table products; --")).toEqual(['drop', 'table', 'products']);
    expect(tokenize('<script>alert(1)</script>')).toEqual(['script', 'alert', '1', 'script']);
    expect(tokenize('t-shirt & tee|hoodie:* !x <-> (y)')).toEqual(['t', 'shirt', 'tee', 'hoodie', 'x', 'y']);
  });

  it('keeps unicode letters and digits, normalising compatibility forms', () => {
    expect(tokenize('Café crème')).toEqual(['café', 'crème']);
    expect(tokenize('ＲＵＮＮＩＮＧ　ｓｈｏｅｓ')).toEqual(['running', 'shoes']);
    expect(tokenize('東京 タワー')).toEqual(['東京', 'タワー']);
    expect(tokenize('ﬁt')).toEqual(['fit']);
    expect(tokenize('Straße')).toEqual(['straße']);
  });

  it('returns nothing for punctuation, emoji and whitespace', () => {
    for (const s of ['', '   ', '!!!', '🏃‍♂️👟', '"\'`;--/**/', '\u0000\u200b\t\n']) expect(tokenize(s)).toEqual([]);
  });

  it('keeps at most 8 words and drops words over 40 characters', () => {
    expect(tokenize('a b c d e f g h i j k')).toEqual(['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h']);
    expect(tokenize(`${'x'.repeat(41)} shoes ${'y'.repeat(40)}`)).toEqual(['shoes', 'y'.repeat(40)]);
    expect(tokenize('z'.repeat(10_000))).toEqual([]);
    expect(tokenize('word '.repeat(2_000))).toHaveLength(8);
  });

  it('only ever yields short letter/digit words', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (raw) => {
        const tokens = tokenize(raw);
        expect(tokens.length).toBeLessThanOrEqual(8);
        for (const t of tokens) {
          expect(t).toMatch(/^[\p{L}\p{N}]+$/u);
          expect(t.length).toBeLessThanOrEqual(40);
        }
      }),
      { numRuns: 500 },
    );
  });
});

describe('buildTsquery', () => {
  it('ANDs words and ORs a word with its synonyms', () => {
    expect(buildTsquery([['running'], ['shoes']])).toBe('running & shoes');
    expect(buildTsquery([['trainers', 'sneakers', 'trainers', 'kicks']])).toBe('(trainers | sneakers | kicks)');
    expect(buildTsquery([['red'], ['tee', 't-shirt', 'tshirt']])).toBe('red & (tee | (t <-> shirt) | tshirt)');
  });

  it('adds a prefix match to the last word only, and never to a phrase', () => {
    expect(buildTsquery([['running'], ['sho']], true)).toBe('running & sho:*');
    expect(buildTsquery([['tee', 't-shirt']], true)).toBe('(tee:* | (t <-> shirt))');
    expect(buildTsquery([['runn']], false)).toBe('runn');
  });

  it('drops words that have nothing searchable in them', () => {
    expect(buildTsquery([])).toBe('');
    expect(buildTsquery([[]])).toBe('');
    expect(buildTsquery([['!!!'], ['shoes'], ['']])).toBe('shoes');
    expect(buildTsquery([["'; drop table products; --"]])).toBe('(drop <-> table <-> products)');
  });

  it('never emits characters outside the tsquery whitelist, and stays well formed', () => {
    const word = fc.oneof(fc.string({ unit: 'binary', maxLength: 30 }), fc.constantFrom("'", ':*', '&', '|', '!', '(', ')', '<->', '\\', '\u0000', 't-shirt'));
    fc.assert(
      fc.property(fc.array(fc.array(word, { maxLength: 5 }), { maxLength: 9 }), fc.boolean(), (groups, prefix) => {
        const q = buildTsquery(groups, prefix);
        expect(q).toMatch(TSQUERY_CHARS);
        expect(wellFormed(q)).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });

  it('is well formed for anything tokenize produces', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), fc.boolean(), (raw, prefix) => {
        const q = buildTsquery(tokenize(raw).map((t) => [t]), prefix);
        expect(q).toMatch(TSQUERY_CHARS);
        expect(wellFormed(q)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});
