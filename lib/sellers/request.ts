import { env } from '@/lib/platform/env';
import { DomainError } from '@/lib/platform/errors';
import { UploadError } from './uploads';

/** Request plumbing for the upload routes (pure: no session, no database). */

/**
 * Cookie-authenticated writes must come from our own pages: the browser's Origin header has to
 * name this site (SameSite=Lax cookies already keep most cross-site posts out; this closes the rest).
 */
export function assertSameOrigin(req: Request): void {
  const origin = req.headers.get('origin');
  const allowed = new Set([new URL(env.PUBLIC_URL).host, req.headers.get('x-forwarded-host'), req.headers.get('host'), new URL(req.url).host].filter(Boolean));
  if (!origin || !URL.canParse(origin) || !allowed.has(new URL(origin).host)) {
    throw new DomainError('bad_origin', 'This request must come from the marketplace’s own pages.', 403);
  }
}

/** Reads a raw request body of at most `max` bytes (refusing early on Content-Length, and again while streaming). */
export async function readBody(req: Request, max: number): Promise<Uint8Array> {
  const declared = Number(req.headers.get('content-length'));
  const limitMb = Math.round(max / (1024 * 1024));
  if (Number.isFinite(declared) && declared > max) throw new UploadError('file_too_large', `The file is ${(declared / (1024 * 1024)).toFixed(1)} MB; the limit is ${limitMb} MB.`, 413);
  if (!req.body) throw new UploadError('empty_file', 'The file is empty.');
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = req.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.length;
    if (size > max) {
      await reader.cancel().catch(() => {});
      throw new UploadError('file_too_large', `The file is larger than the ${limitMb} MB limit.`, 413);
    }
    chunks.push(value);
  }
  // A proxy may cut a body at its own limit; a body shorter than announced is not the file that was sent.
  if (Number.isFinite(declared) && declared > 0 && size !== declared) throw new UploadError('incomplete_upload', 'The upload was cut short. Try again.', 400);
  return Buffer.concat(chunks);
}

/** The file name a browser sent in X-File-Name (URI-encoded, so any Unicode name survives a header). */
export function fileNameHeader(req: Request): string | null {
  const raw = req.headers.get('x-file-name');
  if (raw === null) return null;
  try {
    return decodeURIComponent(raw);
  } catch {
    throw new UploadError('invalid_file_name', 'The file name is not valid. Rename the file and try again.');
  }
}
