import { revalidateTag } from 'next/cache';
import { NextResponse } from 'next/server';
import { tags as cacheTags } from '@/lib/platform/cache-tags';
import { getDb } from '@/lib/platform/db';
import { needsWorker } from '@/lib/seller-catalog/import';
import { importJobForActor } from '@/lib/seller-catalog/import-access';
import { runImportAfterResponse } from '@/lib/seller-catalog/import-runner';

/**
 * An import's progress for the page to poll. A job whose worker died (the lease lapsed) is
 * picked up again here. `errors` (by row and column) come with the finished job.
 */
export async function GET(_req: Request, ctx: { params: Promise<{ jobId: string }> }) {
  const found = await importJobForActor(await getDb(), (await ctx.params).jobId);
  if (found instanceof Response) return found;
  const job = found;
  if (needsWorker(job)) runImportAfterResponse(job.id);
  const finished = job.status === 'completed' || job.status === 'failed';
  // The runner expires these too; a poll that sees the end makes sure of it.
  if (job.status === 'completed') for (const tag of [cacheTags.catalog, cacheTags.search, cacheTags.store(job.storeId)]) revalidateTag(tag, { expire: 0 });
  return NextResponse.json(
    {
      job: {
        id: job.id,
        fileName: job.fileName,
        status: job.status,
        totalRows: job.totalRows,
        processedRows: job.processedRows,
        createdProducts: job.createdProducts,
        updatedProducts: job.updatedProducts,
        skippedProducts: job.skippedProducts,
        appliedRows: job.appliedRows,
        errorCount: job.errorCount,
        failure: job.failure,
        errors: finished ? job.errors : job.errors.slice(0, 20),
        startedAt: job.startedAt,
        finishedAt: job.finishedAt,
      },
    },
    { headers: { 'Cache-Control': 'no-store' } },
  );
}

