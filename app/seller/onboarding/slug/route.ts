import { NextResponse } from 'next/server';
import { slugCheckInput } from '@/lib/sellers/inputs';
import { getDb } from '@/lib/platform/db';
import { queryObject, validationError } from '@/lib/platform/http';
import { sellerRoute } from '@/lib/sellers/http';
import { enforceLimit, sellerLimits } from '@/lib/sellers/limits';
import { checkSlug } from '@/lib/sellers/queries';

/** GET ?slug=&storeId= — the live availability check beside the store address field. */
export async function GET(req: Request) {
  return sellerRoute('slug-check', async (actor) => {
    const parsed = slugCheckInput.safeParse(queryObject(req.url));
    if (!parsed.success) return validationError(parsed.error);
    await enforceLimit(sellerLimits.slugChecks, actor.userId);
    const result = await checkSlug(await getDb(), parsed.data.slug, parsed.data.storeId);
    return NextResponse.json(result, { headers: { 'Cache-Control': 'private, no-store' } });
  });
}
