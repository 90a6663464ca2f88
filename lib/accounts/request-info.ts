import 'server-only';
import { headers } from 'next/headers';
import { clientIp } from '@/lib/platform/http';

/** Client IP and user agent of the current request, for rate limits and the audit log. */
export async function requestInfo(): Promise<{ ip: string | null; userAgent: string | null }> {
  const h = await headers();
  return { ip: clientIp(h), userAgent: h.get('user-agent') };
}
