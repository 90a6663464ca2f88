import { NextResponse, type NextRequest } from 'next/server';

/**
 * Convenience only, never a guard (authorization lives in the data layer and in each handler):
 * a malformed percent-encoding in the path is a 400 here instead of a 500 in the router, and a
 * malformed catalog slug is the (prerendered) 404 page at once.
 */
export function proxy(req: NextRequest) {
  try {
    decodeURIComponent(req.nextUrl.pathname);
  } catch {
    return new NextResponse('Bad request: malformed URL encoding', { status: 400, headers: { 'Content-Type': 'text/plain' } });
  }
  // Catalog slugs are lower-case ASCII; anything else is a 404 without rendering (and without
  // an ISR cache entry per junk URL).
  const { pathname } = req.nextUrl;
  if ((pathname.startsWith('/p/') || pathname.startsWith('/c/')) && !/^\/[pc](\/[a-z0-9-]{1,200}){1,3}$/.test(pathname)) {
    return NextResponse.rewrite(new URL('/not-found', req.url));
  }
  return NextResponse.next();
}

export const config = {
  // Skip static assets, media and the health routes (the benchmark floor).
  matcher: ['/((?!_next/|media/|api/health/|favicon).*)'],
};
