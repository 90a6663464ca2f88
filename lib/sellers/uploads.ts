import { DomainError } from '@/lib/platform/errors';

/**
 * Upload validation. The file's bytes decide what it is (magic numbers); the browser's MIME
 * type is ignored and the name's extension must agree with the bytes. Names are only ever
 * displayed: storage keys are generated, so a name can't pick where a file lands, but a name
 * that tries (separators, "..", control characters) is refused with a clear message.
 */

export const LOGO_MAX_BYTES = 5 * 1024 * 1024;
export const DOCUMENT_MAX_BYTES = 10 * 1024 * 1024;
/** Decoded size limit for logos (decompression bombs are small files with huge dimensions). */
export const LOGO_MAX_PIXELS = 40_000_000;
export const LOGO_SIZE = 512;

export type FileKind = 'png' | 'jpeg' | 'webp' | 'gif' | 'pdf' | 'svg' | 'html' | 'unknown';

export class UploadError extends DomainError {
  constructor(code: string, message: string, status = 400) {
    super(code, message, status);
    this.name = 'UploadError';
  }
}

const startsWith = (b: Uint8Array, sig: number[], at = 0) => b.length >= at + sig.length && sig.every((v, i) => b[at + i] === v);
const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0));

/** What the bytes are, from their signature (and, for text formats, their first markup). */
export function sniff(bytes: Uint8Array): FileKind {
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'jpeg';
  if (startsWith(bytes, ascii('RIFF')) && startsWith(bytes, ascii('WEBP'), 8)) return 'webp';
  if (startsWith(bytes, ascii('GIF87a')) || startsWith(bytes, ascii('GIF89a'))) return 'gif';
  if (startsWith(bytes, ascii('%PDF-'))) return 'pdf';
  // Text formats: look past a BOM, whitespace and comments at the first kilobyte.
  const head = Buffer.from(bytes.subarray(0, 1024)).toString('utf8').replace(/^\uFEFF/, '').trimStart().toLowerCase();
  if (/<svg[\s>]/.test(head) || (head.startsWith('<?xml') && head.includes('<svg'))) return 'svg';
  if (head.startsWith('<!doctype html') || head.startsWith('<html') || head.startsWith('<script') || /<(html|script|body)[\s>]/.test(head)) return 'html';
  return 'unknown';
}

const EXTENSIONS: Record<FileKind, string[]> = {
  png: ['png'],
  jpeg: ['jpg', 'jpeg', 'jpe', 'jfif'],
  webp: ['webp'],
  gif: ['gif'],
  pdf: ['pdf'],
  svg: ['svg', 'svgz'],
  html: ['html', 'htm'],
  unknown: [],
};

const LABEL: Record<FileKind, string> = {
  png: 'a PNG image',
  jpeg: 'a JPEG image',
  webp: 'a WebP image',
  gif: 'a GIF image',
  pdf: 'a PDF document',
  svg: 'an SVG image',
  html: 'an HTML page',
  unknown: 'an unrecognised file',
};

export const CONTENT_TYPE: Partial<Record<FileKind, string>> = { png: 'image/png', jpeg: 'image/jpeg', webp: 'image/webp', gif: 'image/gif', pdf: 'application/pdf' };

/**
 * A display-safe file name, or UploadError. Refuses what could be a path (separators, "." and
 * "..", a drive letter) and invisible or control characters, with a message that says which.
 */
export function cleanFileName(raw: string | null | undefined): string {
  const name = (raw ?? '').normalize('NFC').trim();
  if (!name) throw new UploadError('invalid_file_name', 'The file has no name.');
  if ([...name].length > 200) throw new UploadError('invalid_file_name', 'The file name is too long (at most 200 characters).');
  if (/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/.test(name)) throw new UploadError('invalid_file_name', 'The file name contains control characters. Rename the file and try again.');
  if (/[/\\]/.test(name) || /^[a-z]:/i.test(name)) throw new UploadError('invalid_file_name', 'The file name must not contain a path (“/”, “\\” or a drive letter). Rename the file and try again.');
  if (name === '.' || name === '..' || name.includes('..') || /%2e|%2f|%5c/i.test(name)) {
    throw new UploadError('invalid_file_name', 'The file name must not contain “..” or encoded path characters. Rename the file and try again.');
  }
  return name;
}

const extensionOf = (name: string) => {
  const m = /\.([a-z0-9]{1,8})$/i.exec(name);
  return m ? m[1]!.toLowerCase() : null;
};

const mb = (n: number) => `${Math.round(n / (1024 * 1024))} MB`;

function checkCommon(name: string, bytes: Uint8Array, max: number): FileKind {
  if (bytes.length === 0) throw new UploadError('empty_file', `“${name}” is empty.`);
  if (bytes.length > max) throw new UploadError('file_too_large', `“${name}” is ${(bytes.length / (1024 * 1024)).toFixed(1)} MB; the limit is ${mb(max)}.`, 413);
  return sniff(bytes);
}

function checkExtension(name: string, kind: FileKind): void {
  const ext = extensionOf(name);
  if (ext && !EXTENSIONS[kind].includes(ext)) {
    throw new UploadError('extension_mismatch', `“${name}” is named .${ext} but contains ${LABEL[kind]}. Upload the original file.`, 415);
  }
}

const LOGO_KINDS: FileKind[] = ['png', 'jpeg', 'webp', 'gif'];
const DOCUMENT_KINDS: FileKind[] = ['pdf', 'png', 'jpeg'];

/** A name that claims an accepted type for content that is something else is a lie, and says so. */
function pretendsToBe(name: string, kind: FileKind, accepted: FileKind[], advice: string): void {
  const ext = extensionOf(name);
  if (ext && accepted.some((k) => EXTENSIONS[k].includes(ext))) {
    throw new UploadError('extension_mismatch', `“${name}” is named .${ext} but contains ${LABEL[kind]}. ${advice}`, 415);
  }
}

export type ValidatedFile = { name: string; kind: FileKind; contentType: string; extension: string };

/** A store logo: PNG, JPEG, WebP or GIF bytes, at most 5 MB. SVG is refused (it can carry script). */
export function validateLogo(rawName: string | null | undefined, bytes: Uint8Array): ValidatedFile {
  const name = cleanFileName(rawName);
  const kind = checkCommon(name, bytes, LOGO_MAX_BYTES);
  if (kind === 'svg') throw new UploadError('svg_not_allowed', 'SVG images aren’t accepted because they can contain scripts. Upload a PNG, JPEG or WebP instead.', 415);
  if (!LOGO_KINDS.includes(kind)) {
    pretendsToBe(name, kind, LOGO_KINDS, 'Upload a PNG, JPEG or WebP.');
    throw new UploadError('unsupported_type', `“${name}” is ${LABEL[kind]}, not an image we accept. Upload a PNG, JPEG or WebP.`, 415);
  }
  checkExtension(name, kind);
  return { name, kind, contentType: CONTENT_TYPE[kind]!, extension: EXTENSIONS[kind][0]! };
}

/** A KYC document: PDF, PNG or JPEG bytes, at most 10 MB. */
export function validateDocument(rawName: string | null | undefined, bytes: Uint8Array): ValidatedFile {
  const name = cleanFileName(rawName);
  const kind = checkCommon(name, bytes, DOCUMENT_MAX_BYTES);
  if (kind === 'svg') throw new UploadError('svg_not_allowed', 'SVG files aren’t accepted because they can contain scripts. Upload a PDF, PNG or JPEG.', 415);
  if (!DOCUMENT_KINDS.includes(kind)) {
    pretendsToBe(name, kind, DOCUMENT_KINDS, 'Documents must be PDF, PNG or JPEG.');
    throw new UploadError('unsupported_type', `“${name}” is ${LABEL[kind]}. Documents must be PDF, PNG or JPEG.`, 415);
  }
  checkExtension(name, kind);
  return { name, kind, contentType: CONTENT_TYPE[kind]!, extension: EXTENSIONS[kind][0]! };
}

/**
 * Re-encodes a validated logo as a square-bounded WebP (no metadata, first frame only). Bytes
 * that pass the signature check but don't decode, or decode to absurd dimensions, are refused.
 */
export async function processLogo(bytes: Uint8Array): Promise<Buffer> {
  const { default: sharp } = await import('sharp');
  try {
    const image = sharp(bytes, { limitInputPixels: LOGO_MAX_PIXELS, failOn: 'error', animated: false });
    const meta = await image.metadata();
    if (!meta.width || !meta.height) throw new UploadError('invalid_image', 'The image has no size; it may be damaged.');
    if (meta.width < 32 || meta.height < 32) throw new UploadError('image_too_small', `The logo is ${meta.width}×${meta.height} pixels; use at least 32×32.`);
    return await image
      .rotate()
      .resize(LOGO_SIZE, LOGO_SIZE, { fit: 'inside', withoutEnlargement: true })
      .webp({ quality: 85 })
      .toBuffer();
  } catch (err) {
    if (err instanceof UploadError) throw err;
    const message = err instanceof Error ? err.message : '';
    if (/pixel limit/i.test(message)) throw new UploadError('image_too_large', `The image is too large to process (over ${LOGO_MAX_PIXELS / 1_000_000} megapixels).`, 413);
    throw new UploadError('invalid_image', 'The image is damaged or can’t be read. Try exporting it again as PNG or JPEG.');
  }
}
