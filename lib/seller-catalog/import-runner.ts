import 'server-only';
import { revalidateTag } from 'next/cache';
import { after } from 'next/server';
import { getDb } from '@/lib/platform/db';
import { errorFields, logger } from '@/lib/platform/logger';
import { runImport } from './import';

/**
 * Runs an import after the current response is sent (the page polls its progress) and expires
 * the storefront's caches when it ends. A second call while a worker holds the job is a no-op
 * (the lease), and a job whose worker died is resumed by the next poll.
 */
export function runImportAfterResponse(jobId: string): void {
  after(async () => {
    try {
      const r = await runImport(await getDb(), jobId);
      for (const tag of r.tags) revalidateTag(tag, { expire: 0 });
    } catch (err) {
      logger.error('catalog import runner failed', { jobId, ...errorFields(err) });
    }
  });
}
