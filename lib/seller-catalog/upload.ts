import { createHash } from 'node:crypto';
import sharp, { type OutputInfo } from 'sharp';
import { DomainError } from '@/lib/platform/errors';

/**
 * Image upload checks. The content decides what a file is (magic bytes), and the name only has
 * to agree with it; the name is never used as a path. Accepted files are decoded and encoded
 * again as WebP by sharp, which drops EXIF/XMP/ICC metadata and anything hidden after the image.
 */

export const MAX_IMAGE_BYTES = 10 * 1024 * 1024;
/** Decompression bombs: a small file that decodes to a huge bitmap is refused before decoding. */
export const MAX_IMAGE_PIXELS = 40_000_000;
export const MAX_IMAGE_EDGE = 2000;

export type ImageKind = 'jpeg' | 'png' | 'webp' | 'gif';

const LABEL: Record<ImageKind, string> = { jpeg: 'JPEG', png: 'PNG', webp: 'WebP', gif: 'GIF' };
const EXTENSIONS: Record<string, ImageKind> = { jpg: 'jpeg', jpeg: 'jpeg', jfif: 'jpeg', png: 'png', webp: 'webp', gif: 'gif' };
const MIME: Record<string, ImageKind> = { 'image/jpeg': 'jpeg', 'image/pjpeg': 'jpeg', 'image/png': 'png', 'image/webp': 'webp', 'image/gif': 'gif' };

export class UploadRejectedError extends DomainError {
  constructor(code: string, message: string, status = 422) {
    super(code, message, status);
  }
}

/** What the first bytes say the file is. */
export function sniffImage(bytes: Uint8Array): ImageKind | 'svg' | null {
  const b = bytes;
  const at = (i: number, ...xs: number[]) => xs.every((x, k) => b[i + k] === x);
  if (at(0, 0xff, 0xd8, 0xff)) return 'jpeg';
  if (at(0, 0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'png';
  if (at(0, 0x52, 0x49, 0x46, 0x46) && at(8, 0x57, 0x45, 0x42, 0x50)) return 'webp';
  if (at(0, 0x47, 0x49, 0x46, 0x38) && (b[4] === 0x37 || b[4] === 0x39) && b[5] === 0x61) return 'gif';
  // SVG is XML text: look past a BOM, whitespace, an XML declaration and comments for "<svg".
  const head = new TextDecoder('utf-8', { fatal: false }).decode(b.subarray(0, 4096)).replace(/^\uFEFF/, '').trimStart().toLowerCase();
  if (head.startsWith('<') && /<svg[\s>]/.test(head)) return 'svg';
  return null;
}

/** A file name is display data; one that tries to be a path (or carries control characters) is refused. */
export function checkFileName(name: string): void {
  if (!name || name.length > 255) throw new UploadRejectedError('bad_file_name', 'The file name must be 1–255 characters.');
  if (/[\u0000-\u001f\u007f]/.test(name)) throw new UploadRejectedError('bad_file_name', 'The file name contains control characters.');
  if (/[/\\]/.test(name) || name.includes('..') || /^\.*$/.test(name)) {
    throw new UploadRejectedError('bad_file_name', 'The file name looks like a path (it contains “/”, “\\” or “..”). Rename the file and try again.');
  }
}

export type ProcessedImage = { data: Buffer; width: number; height: number; hash: string; sourceKind: ImageKind };

/**
 * Validates an upload and returns it re-encoded as WebP (at most 2000 px on the long edge).
 * Throws UploadRejectedError with a message a seller can act on.
 */
export async function processImageUpload(bytes: Uint8Array, fileName: string, declaredType?: string | null): Promise<ProcessedImage> {
  checkFileName(fileName);
  if (bytes.byteLength === 0) throw new UploadRejectedError('empty_file', 'The file is empty.');
  if (bytes.byteLength > MAX_IMAGE_BYTES) {
    throw new UploadRejectedError('file_too_large', `The file is ${(bytes.byteLength / 1048576).toFixed(1)} MB; the limit is ${MAX_IMAGE_BYTES / 1048576} MB.`, 413);
  }
  const kind = sniffImage(bytes);
  if (kind === 'svg') throw new UploadRejectedError('svg_not_allowed', 'SVG images are not accepted (they can carry scripts). Upload a JPEG, PNG, WebP or GIF.', 415);
  if (!kind) throw new UploadRejectedError('not_an_image', 'The file is not a JPEG, PNG, WebP or GIF image.', 415);
  const ext = /\.([^.]+)$/.exec(fileName)?.[1]?.toLowerCase();
  if (ext !== undefined) {
    const byExt = EXTENSIONS[ext];
    if (!byExt) throw new UploadRejectedError('bad_extension', `Files ending in .${ext.slice(0, 10)} are not accepted. Upload a .jpg, .png, .webp or .gif image.`, 415);
    if (byExt !== kind) {
      throw new UploadRejectedError('extension_mismatch', `The file is named .${ext} but its content is ${LABEL[kind]}. Save it with the right extension and try again.`, 415);
    }
  }
  const type = declaredType?.toLowerCase().split(';')[0]?.trim();
  if (type && type !== 'application/octet-stream' && MIME[type] !== kind) {
    throw new UploadRejectedError('type_mismatch', `The file was sent as ${type.slice(0, 40)} but its content is ${LABEL[kind]}.`, 415);
  }
  let out: { data: Buffer; info: OutputInfo };
  try {
    const image = sharp(bytes, { limitInputPixels: MAX_IMAGE_PIXELS, failOn: 'error', animated: false });
    const meta = await image.metadata();
    if (meta.format !== kind) throw new UploadRejectedError('not_an_image', `The file starts like a ${LABEL[kind]} image but is not one.`, 415);
    out = await image
      .rotate() // apply the EXIF orientation before the metadata goes
      .resize({ width: MAX_IMAGE_EDGE, height: MAX_IMAGE_EDGE, fit: 'inside', withoutEnlargement: true })
      .webp({ quality: 82 })
      .toBuffer({ resolveWithObject: true });
  } catch (err) {
    if (err instanceof UploadRejectedError) throw err;
    const msg = err instanceof Error ? err.message : '';
    if (/pixel limit/i.test(msg)) throw new UploadRejectedError('image_too_large', `The image has more than ${MAX_IMAGE_PIXELS / 1e6} megapixels. Resize it and try again.`, 413);
    throw new UploadRejectedError('unreadable_image', `The ${LABEL[kind]} file could not be read; it may be damaged.`, 422);
  }
  return { data: out.data, width: out.info.width, height: out.info.height, hash: createHash('sha256').update(out.data).digest('hex'), sourceKind: kind };
}
