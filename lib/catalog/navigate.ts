/**
 * Listing URLs with a query string are rewritten by the proxy into a cached path (see
 * lib/catalog/filter-segment.ts); the client router reuses the query-less page for them, so
 * they are loaded as documents (cheap: they come from the ISR cache) instead of soft navigations.
 */
export function needsDocumentLoad(href: string): boolean {
  return href.includes('?') && (href.startsWith('/c/') || href.startsWith('/search'));
}
