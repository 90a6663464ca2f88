import { and, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import { stores } from '@/db/schema/sellers';
import { getDb } from '@/lib/platform/db';
import { errorFields, logger } from '@/lib/platform/logger';
import { exportProductsCsv } from '@/lib/seller-catalog/export';
import { routeScopeBySlug } from '@/lib/seller-catalog/route-auth';

/**
 * The store's products and variants as CSV (`?store=<slug>`, optional `&status=`), streamed,
 * in the import format. The slug only selects among the session's own stores.
 */
export async function GET(req: Request) {
  const url = new URL(req.url);
  const db = await getDb();
  const scope = await routeScopeBySlug(url.searchParams.get('store'), async (slug, ids) => {
    if (!ids.length) return null;
    const [s] = await db.select({ id: stores.id }).from(stores).where(and(eq(stores.slug, slug), inArray(stores.id, ids)));
    return s?.id ?? null;
  });
  if (scope instanceof Response) return scope;
  const status = z.enum(['draft', 'active', 'archived']).safeParse(url.searchParams.get('status'));
  const rows = exportProductsCsv(db, scope, status.success ? { status: status.data } : {});
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const next = await rows.next();
        if (next.done) controller.close();
        else controller.enqueue(encoder.encode(next.value));
      } catch (err) {
        logger.error('product export failed', errorFields(err));
        controller.error(err);
      }
    },
    async cancel() {
      await rows.return(undefined);
    },
  });
  const date = new Date().toISOString().slice(0, 10);
  return new Response(body, {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="products-${date}.csv"`,
      'Cache-Control': 'private, no-store',
      'X-Content-Type-Options': 'nosniff',
    },
  });
}
