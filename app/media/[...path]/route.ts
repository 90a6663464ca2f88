import { jsonError } from '@/lib/platform/http';
import { readMedia, resolveMediaPath } from '@/lib/platform/storage';

const TYPES: Record<string, string> = { webp: 'image/webp', png: 'image/png', jpg: 'image/jpeg', jpeg: 'image/jpeg' };

// Uploaded and generated media. File names are content-addressed or immutable, so they cache for a year.
export async function GET(_req: Request, ctx: { params: Promise<{ path: string[] }> }) {
  const full = resolveMediaPath((await ctx.params).path);
  const type = full ? TYPES[full.split('.').pop()!.toLowerCase()] : undefined;
  if (!full || !type) return jsonError(404, 'not_found', 'No such file.');
  const file = await readMedia(full);
  if (!file) return jsonError(404, 'not_found', 'No such file.');
  return new Response(new Uint8Array(file.body), {
    headers: { 'Content-Type': type, 'Content-Length': String(file.size), 'Cache-Control': 'public, max-age=31536000, immutable' },
  });
}
