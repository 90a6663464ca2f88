import { NextResponse } from 'next/server';
import { z } from 'zod';
import { getDb } from '@/lib/platform/db';
import { queryObject, validationError } from '@/lib/platform/http';
import { defaultSellerFiles } from '@/lib/sellers/files';
import { assertSameOrigin, fileNameHeader, readBody, sellerRoute } from '@/lib/sellers/http';
import { documentKind, storeId } from '@/lib/sellers/inputs';
import { enforceLimit, sellerLimits } from '@/lib/sellers/limits';
import { addDocument } from '@/lib/sellers/onboarding';
import { DOCUMENT_MAX_BYTES } from '@/lib/sellers/uploads';

const query = z.object({ storeId, kind: documentKind });

/** POST ?storeId=&kind= with the document as the raw body and its name in X-File-Name. Answers { document }. */
export async function POST(req: Request) {
  return sellerRoute('document-upload', async (actor) => {
    assertSameOrigin(req);
    const parsed = query.safeParse(queryObject(req.url));
    if (!parsed.success) return validationError(parsed.error);
    await enforceLimit(sellerLimits.uploads, actor.userId);
    const bytes = await readBody(req, DOCUMENT_MAX_BYTES);
    const document = await addDocument(await getDb(), defaultSellerFiles(), actor, { ...parsed.data, fileName: fileNameHeader(req), bytes });
    return NextResponse.json({ document }, { status: 201, headers: { 'Cache-Control': 'no-store' } });
  });
}
