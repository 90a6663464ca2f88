import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BACKENDS, useTestDatabase } from '@/test/db';
import { expectPgError } from '@/test/fixtures';
import { pgArray } from './sql';

const TRICKY = ['plain', 'with space', ' lead', 'trail ', 'a,b', '{brace}', '}{', '"quoted"', "it's", 'back\\slash', '\\"', '\\\\"\\', 'NULL', 'null', '', ' ', '\t\n\r', 'size:24"', "size:3'x5'", 'ünïcødé ✓ 東京 🏃', '$1', "'; drop table search_terms; --", '\\x00', 'a"b\\c,d{e}f'];

describe.each(BACKENDS)('pgArray on %s', (backend) => {
  const t = useTestDatabase(backend);

  const roundTrip = async (values: string[]) => {
    const rows = await t().db.execute<{ v: string | null }>(sql`select v from unnest(${pgArray(values)}) with ordinality as u(v, i) order by i`);
    return rows.rows.map((r) => r.v);
  };

  it('round-trips quotes, backslashes, commas, braces and the word NULL', async () => {
    expect(await roundTrip(TRICKY)).toEqual(TRICKY);
    for (const v of TRICKY) expect(await roundTrip([v])).toEqual([v]);
  });

  it('binds an empty array', async () => {
    expect(await roundTrip([])).toEqual([]);
    const rows = await t().db.execute<{ n: number | null }>(sql`select cardinality(${pgArray([])})::int as n`);
    expect(rows.rows[0]?.n).toBe(0);
  });

  it('matches with = any() and && exactly as the values were given', async () => {
    const rows = await t().db.execute<{ hit: boolean; overlap: boolean; miss: boolean }>(sql`
      select ${'a"b\\c,d{e}f'} = any(${pgArray(TRICKY)}) as hit,
             array['size:24"']::text[] && ${pgArray(TRICKY)} as overlap,
             ${'a"b\\c'} = any(${pgArray(TRICKY)}) as miss`);
    expect(rows.rows[0]).toEqual({ hit: true, overlap: true, miss: false });
  });

  it('casts to uuid[]', async () => {
    const ids = ['6f1c2a34-5b6d-4e7f-8a9b-0c1d2e3f4a5b', '00000000-0000-0000-0000-000000000000'];
    const rows = await t().db.execute<{ v: string }>(sql`select v::text as v from unnest(${pgArray(ids, 'uuid')}) with ordinality as u(v, i) order by i`);
    expect(rows.rows.map((r) => r.v)).toEqual(ids);
    const bad = await expectPgError(() => t().db.execute(sql`select ${pgArray(["x' or '1'='1"], 'uuid')}`));
    expect(bad.code).toBe('22P02'); // invalid_text_representation: rejected as data, never run as SQL
  });

  it('round-trips arbitrary unicode strings', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.string({ unit: 'grapheme', maxLength: 20 }).map((s) => s.replace(/\0/g, '')), { maxLength: 12 }), async (values) => {
        expect(await roundTrip(values)).toEqual(values);
      }),
      { numRuns: 60 },
    );
  });
});
