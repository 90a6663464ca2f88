import { z } from 'zod';
import { getDb } from '@/lib/platform/db';
import { jsonError } from '@/lib/platform/http';
import { readDocument } from '@/lib/sellers/documents';
import { privateFiles } from '@/lib/sellers/files';
import { sellerRoute } from '@/lib/sellers/http';

// RFC 6266: an ASCII fallback plus the UTF-8 name.
const disposition = (name: string, inline: boolean) =>
  `${inline ? 'inline' : 'attachment'}; filename="${name.replace(/[^\x20-\x7e]|["\\]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(name)}`;

/**
 * A KYC document, for admins, the applicant and the store's owners (everyone else: 404, the
 * same as a wrong id). Served as a download (or inline with ?view=1 for PDFs and images) in a
 * sandbox, never cached, never sniffed.
 */
export async function GET(req: Request, ctx: { params: Promise<{ id: string }> }) {
  const { id } = await ctx.params;
  if (!z.guid().safeParse(id).success) return jsonError(404, 'not_found', 'That document was not found.');
  return sellerRoute('document-download', async (actor) => {
    const file = await readDocument(await getDb(), privateFiles(), actor, id);
    const inline = new URL(req.url).searchParams.get('view') === '1';
    return new Response(new Uint8Array(file.bytes), {
      headers: {
        'Content-Type': file.contentType,
        'Content-Length': String(file.bytes.length),
        'Content-Disposition': disposition(file.fileName, inline),
        'Cache-Control': 'private, no-store',
        'X-Content-Type-Options': 'nosniff',
        'Content-Security-Policy': "sandbox; default-src 'none'; img-src 'self'; style-src 'unsafe-inline'",
        'Referrer-Policy': 'no-referrer',
      },
    });
  });
}
