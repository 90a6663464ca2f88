import { PgDialect } from 'drizzle-orm/pg-core';
import { describe, expect, it } from 'vitest';
import { pgArray } from './sql';

const render = (...args: Parameters<typeof pgArray>) => new PgDialect().sqlToQuery(pgArray(...args));

describe('pgArray', () => {
  it('binds the whole array as one parameter with a cast', () => {
    expect(render(['a', 'b'])).toMatchObject({ sql: '$1::text[]', params: ['{"a","b"}'] });
    expect(render(['6f1c2a34-5b6d-4e7f-8a9b-0c1d2e3f4a5b'], 'uuid')).toMatchObject({ sql: '$1::uuid[]', params: ['{"6f1c2a34-5b6d-4e7f-8a9b-0c1d2e3f4a5b"}'] });
  });

  it('writes an empty array literal', () => {
    expect(render([]).params).toEqual(['{}']);
  });

  it('quotes every element and escapes quotes and backslashes', () => {
    expect(render(['say "hi"', 'C:\\dir', 'a,b', '{x}', 'NULL', '', ' ']).params).toEqual([
      '{"say \\"hi\\"","C:\\\\dir","a,b","{x}","NULL",""," "}',
    ]);
  });

  it('leaves SQL metacharacters to the parameter (nothing reaches the statement text)', () => {
    const q = render(["'; drop table products; --", '$1', '?']);
    expect(q.sql).toBe('$1::text[]');
    expect(q.params[0]).toContain("'; drop table products; --");
  });
});
