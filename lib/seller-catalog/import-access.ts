import 'server-only';
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { catalogImports, type CatalogImport } from '@/db/schema/seller-catalog';
import { getActor } from '@/lib/accounts/session';
import type { DbOrTx } from '@/lib/platform/db';
import { jsonError } from '@/lib/platform/http';

/** An import job the signed-in actor may see (a member of its store); someone else's reads as 404. */
export async function importJobForActor(db: DbOrTx, jobId: string): Promise<CatalogImport | Response> {
  const actor = await getActor();
  if (!actor) return jsonError(401, 'unauthenticated', 'Sign in to continue.');
  if (!z.uuid().safeParse(jobId).success) return jsonError(404, 'not_found', 'That import was not found.');
  const [job] = await db.select().from(catalogImports).where(eq(catalogImports.id, jobId));
  if (!job || !(job.storeId in actor.stores)) return jsonError(404, 'not_found', 'That import was not found.');
  return job;
}
