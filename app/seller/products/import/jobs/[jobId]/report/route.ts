import { getDb } from '@/lib/platform/db';
import { csvField, csvLine } from '@/lib/seller-catalog/csv';
import { importJobForActor } from '@/lib/seller-catalog/import-access';

/** The import's error report as CSV: row, column, message (the first 1000 errors). */
export async function GET(_req: Request, ctx: { params: Promise<{ jobId: string }> }) {
  const job = await importJobForActor(await getDb(), (await ctx.params).jobId);
  if (job instanceof Response) return job;
  const body = csvLine(['row', 'column', 'message']) + job.errors.map((e) => csvLine([String(e.row), csvField(e.column, { text: true }), csvField(e.message, { text: true })])).join('');
  return new Response(`\uFEFF${body}`, {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="import-errors-${job.id.slice(0, 8)}.csv"`,
      'Cache-Control': 'private, no-store',
    },
  });
}
