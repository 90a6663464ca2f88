import { sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';

// Keyset over (product created_at, product id): the same order as the product list.
const cursorSchema = z.object({ t: z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/), id: z.uuid() });
export const encodeKeyset = (c: z.infer<typeof cursorSchema>) => Buffer.from(JSON.stringify(c)).toString('base64url');
export function decodeKeyset(raw: string | undefined): z.infer<typeof cursorSchema> | undefined {
  if (!raw || raw.length > 200 || !/^[A-Za-z0-9_-]+$/.test(raw)) return undefined;
  try {
    const parsed = cursorSchema.safeParse(JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
export const utcMicros = (col: SQL) => sql<string>`to_char(${col} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

export const likePattern = (q: string) => `%${q.replace(/[%_\\]/g, '\\$&')}%`;

