import { sql, type SQL } from 'drizzle-orm';

/**
 * Binds a JS array as ONE Postgres array parameter (drizzle's template would spread it into a
 * tuple). Elements are quoted and escaped in the array-literal syntax; the cast names the type.
 */
export function pgArray(values: readonly string[], type: 'text' | 'uuid' = 'text'): SQL {
  const literal = `{${values.map((v) => `"${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`).join(',')}}`;
  return type === 'uuid' ? sql`${literal}::uuid[]` : sql`${literal}::text[]`;
}
