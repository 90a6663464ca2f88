import { NextResponse, type NextRequest } from 'next/server';
import { MAX_SEGMENT, toFilterSegment } from '@/lib/catalog/filter-segment';
import { mailViewerEnabled } from '@/lib/platform/env';

const CATALOG_PATH = /^\/[pc](\/[a-z0-9-]{1,200}){1,3}$/;
const MAX_QUERY_WORDS = 100; // characters of `q` kept; search reads 8 words at most anyway

/**
 * Convenience and caching only, never a guard (authorization lives in the data layer and in
 * each handler):
 * - a malformed percent-encoding in the path is a 400 here instead of a 500 in the router;
 * - a malformed catalog slug gets the prerendered 404 page without rendering anything;
 * - listing filters move from the query string into a path segment, so every filter
 *   combination is an ISR page served from cache (lib/catalog/filter-segment.ts).
 */
export function proxy(req: NextRequest) {
  const { pathname, searchParams } = req.nextUrl;
  try {
    decodeURIComponent(pathname);
  } catch {
    return new NextResponse('Bad request: malformed URL encoding', { status: 400, headers: { 'Content-Type': 'text/plain' } });
  }
  // The mail viewer shows captured sign-in links: a real 404 wherever it is switched off.
  if ((pathname === '/mail' || pathname.startsWith('/mail/')) && !mailViewerEnabled()) return NextResponse.rewrite(new URL('/not-found', req.url));
  const isCatalog = pathname.startsWith('/p/') || pathname.startsWith('/c/');
  if (isCatalog && !CATALOG_PATH.test(pathname)) return NextResponse.rewrite(new URL('/not-found', req.url));

  const isListing = pathname.startsWith('/c/') || pathname === '/search';
  if (!isListing || (req.method !== 'GET' && req.method !== 'HEAD')) return NextResponse.next();
  const q = searchParams.get('q');
  if (q !== null && q.length > MAX_QUERY_WORDS) searchParams.set('q', q.slice(0, MAX_QUERY_WORDS));
  const segment = toFilterSegment(searchParams);
  if (!segment) return NextResponse.next();
  const encoded = encodeURIComponent(segment);
  if (encoded.length > MAX_SEGMENT) {
    return new NextResponse('Too many filters at once: remove some and try again.', { status: 414, headers: { 'Content-Type': 'text/plain' } });
  }
  const target = req.nextUrl.clone();
  target.pathname = `${pathname}/${encoded}`;
  // Keep Next's own RSC cache-busting parameter; everything else now lives in the path.
  const rsc = searchParams.get('_rsc');
  target.search = rsc === null ? '' : `?_rsc=${encodeURIComponent(rsc)}`;
  return NextResponse.rewrite(target);
}

export const config = {
  // Skip static assets, media and the health routes (the benchmark floor).
  matcher: ['/((?!_next/|media/|api/health/|favicon).*)'],
};
