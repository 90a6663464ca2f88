import { z } from 'zod';

const cursorSchema = z.object({
  s: z.string().max(20),
  v: z.union([z.number().finite(), z.string().max(40)]),
  id: z.uuid(),
});
export type Cursor = z.infer<typeof cursorSchema>;

export function encodeCursor(c: Cursor): string {
  return Buffer.from(JSON.stringify(c)).toString('base64url');
}

/** Decodes an opaque keyset cursor; anything malformed or tampered reads as "no cursor". */
export function decodeCursor(raw: string | undefined, sort: string): Cursor | undefined {
  if (!raw || raw.length > 200 || !/^[A-Za-z0-9_-]+$/.test(raw)) return undefined;
  try {
    const parsed = cursorSchema.safeParse(JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')));
    return parsed.success && parsed.data.s === sort ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
