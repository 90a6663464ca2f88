import 'server-only';
import { headers } from 'next/headers';

/** Client IP and user agent of the current request, for rate limits and the audit log. */
export async function requestInfo(): Promise<{ ip: string | null; userAgent: string | null }> {
  const h = await headers();
  return { ip: h.get('x-forwarded-for')?.split(',')[0]?.trim() || h.get('x-real-ip') || null, userAgent: h.get('user-agent') };
}
