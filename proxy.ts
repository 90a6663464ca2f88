import { NextResponse, type NextRequest } from 'next/server';

/**
 * Convenience only, never a guard (authorization lives in the data layer and in each handler):
 * a malformed percent-encoding in the path is a 400 here instead of a 500 in the router.
 */
export function proxy(req: NextRequest) {
  try {
    decodeURIComponent(req.nextUrl.pathname);
  } catch {
    return new NextResponse('Bad request: malformed URL encoding', { status: 400, headers: { 'Content-Type': 'text/plain' } });
  }
  return NextResponse.next();
}

export const config = {
  // Skip static assets, media and the health routes (the benchmark floor).
  matcher: ['/((?!_next/|media/|api/health/|favicon).*)'],
};
