import { NextResponse, type NextRequest } from 'next/server';
import { suggestQuerySchema } from '@/lib/catalog/inputs';
import { jsonError, queryObject, validationError } from '@/lib/platform/http';
import { errorFields, logger } from '@/lib/platform/logger';
import { getSuggestions } from '@/lib/search/queries';

export async function GET(req: NextRequest) {
  const parsed = suggestQuerySchema.safeParse(queryObject(req.url));
  if (!parsed.success) return validationError(parsed.error);
  try {
    const suggestions = await getSuggestions(parsed.data.q.toLowerCase());
    return NextResponse.json(suggestions, { headers: { 'Cache-Control': 'public, max-age=60, s-maxage=300, stale-while-revalidate=600' } });
  } catch (err) {
    logger.error('suggest failed', { q: parsed.data.q, ...errorFields(err) });
    return jsonError(500, 'internal', 'Suggestions are unavailable right now.');
  }
}
