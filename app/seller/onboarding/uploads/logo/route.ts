import { NextResponse } from 'next/server';
import { z } from 'zod';
import { getDb } from '@/lib/platform/db';
import { queryObject, validationError } from '@/lib/platform/http';
import { defaultSellerFiles } from '@/lib/sellers/files';
import { assertSameOrigin, fileNameHeader, readBody, sellerRoute } from '@/lib/sellers/http';
import { storeId } from '@/lib/sellers/inputs';
import { enforceLimit, sellerLimits } from '@/lib/sellers/limits';
import { setStoreLogo } from '@/lib/sellers/onboarding';
import { LOGO_MAX_BYTES } from '@/lib/sellers/uploads';

const query = z.object({ storeId });

/**
 * POST ?storeId= with the image as the raw body and its name in X-File-Name (a raw body lets
 * the browser report upload progress and avoids multipart parsing). Answers { logoUrl }.
 */
export async function POST(req: Request) {
  return sellerRoute('logo-upload', async (actor) => {
    assertSameOrigin(req);
    const parsed = query.safeParse(queryObject(req.url));
    if (!parsed.success) return validationError(parsed.error);
    await enforceLimit(sellerLimits.uploads, actor.userId);
    const bytes = await readBody(req, LOGO_MAX_BYTES);
    const result = await setStoreLogo(await getDb(), defaultSellerFiles(), actor, parsed.data.storeId, { fileName: fileNameHeader(req), bytes });
    return NextResponse.json(result, { status: 201, headers: { 'Cache-Control': 'no-store' } });
  });
}
