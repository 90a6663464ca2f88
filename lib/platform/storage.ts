import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { env } from './env';

/** Local-disk file storage under DATA_DIR/media (an S3-compatible store can implement the same reads). */
export const mediaRoot = () => path.resolve(env.DATA_DIR, 'media');

const SAFE_SEGMENT = /^[a-z0-9][a-z0-9._-]{0,120}$/i;

/** Resolves a request path to a file inside the media root, or null for anything suspicious. */
export function resolveMediaPath(segments: string[]): string | null {
  if (!segments.length || segments.length > 4 || !segments.every((s) => SAFE_SEGMENT.test(s) && !s.includes('..'))) return null;
  const root = mediaRoot();
  const full = path.resolve(root, ...segments);
  return full.startsWith(root + path.sep) ? full : null;
}

export async function readMedia(full: string): Promise<{ body: Buffer; size: number } | null> {
  try {
    const info = await stat(full);
    if (!info.isFile()) return null;
    return { body: await readFile(full), size: info.size };
  } catch {
    return null;
  }
}
