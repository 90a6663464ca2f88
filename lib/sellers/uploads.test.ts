import { deflateSync } from 'node:zlib';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { cleanFileName, DOCUMENT_MAX_BYTES, LOGO_MAX_BYTES, processLogo, sniff, UploadError, validateDocument, validateLogo } from './uploads';

const image = (format: 'png' | 'jpeg' | 'webp' | 'gif', size = 64) =>
  sharp({ create: { width: size, height: size, channels: 3, background: { r: 200, g: 40, b: 90 } } })
    .toFormat(format)
    .toBuffer();

const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
const SVG = Buffer.from('<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(document.cookie)</script></svg>');
const SVG_BARE = Buffer.from('  \n<svg xmlns="http://www.w3.org/2000/svg"><rect width="10" height="10"/></svg>');
const HTML = Buffer.from('<!DOCTYPE html><html><script>alert(1)</script></html>');
const EXE = Buffer.from('MZ\x90\x00\x03\x00\x00\x00binary');

/** A syntactically valid PNG whose header claims width × height (a decompression bomb's shape). */
function pngClaiming(width: number, height: number): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (buf: Buffer) => {
    let c = 0xffffffff;
    for (const b of buf) c = crcTable[(c ^ b) & 0xff]! ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const sum = Buffer.alloc(4);
    sum.writeUInt32BE(crc(body));
    return Buffer.concat([len, body, sum]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 0; // greyscale
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(Buffer.alloc(16))), chunk('IEND', Buffer.alloc(0))]);
}

const rejects = (fn: () => unknown, code: string, message: RegExp, status?: number) => {
  try {
    fn();
    expect.unreachable(`expected ${code}`);
  } catch (err) {
    expect(err).toBeInstanceOf(UploadError);
    expect(err).toMatchObject({ code, ...(status ? { status } : {}) });
    expect((err as Error).message).toMatch(message);
  }
};

let png: Buffer, jpeg: Buffer, webp: Buffer, gif: Buffer;
beforeAll(async () => {
  [png, jpeg, webp, gif] = await Promise.all([image('png'), image('jpeg'), image('webp'), image('gif')]);
});

describe('sniff (type by content)', () => {
  it('recognises each accepted format by its magic bytes', () => {
    expect([sniff(png), sniff(jpeg), sniff(webp), sniff(gif), sniff(PDF)]).toEqual(['png', 'jpeg', 'webp', 'gif', 'pdf']);
  });
  it('spots SVG and HTML however they start', () => {
    expect(sniff(SVG)).toBe('svg');
    expect(sniff(SVG_BARE)).toBe('svg');
    expect(sniff(Buffer.from('\uFEFF<svg>'))).toBe('svg');
    expect(sniff(HTML)).toBe('html');
    expect(sniff(EXE)).toBe('unknown');
    expect(sniff(Buffer.alloc(0))).toBe('unknown');
  });
});

describe('file names', () => {
  it.each([
    ['../../etc/passwd', /path/],
    ['..\\..\\windows\\system32\\x.png', /path/],
    ['/etc/passwd', /path/],
    ['C:evil.png', /path/],
    ['logo/../../x.png', /path/],
    ['..', /“\.\.”/],
    ['logo..png', /“\.\.”/],
    ['%2e%2e%2fsecret.png', /encoded/],
    ['logo\u0000.png', /control characters/],
    ['logo\u202Egnp.exe', /control characters/],
    ['', /no name/],
    ['   ', /no name/],
    ['a'.repeat(201) + '.png', /too long/],
  ])('refuses %j with a clear message', (name, message) => {
    rejects(() => cleanFileName(name), 'invalid_file_name', message, 400);
  });

  it('keeps ordinary names, including non-Latin ones', () => {
    expect(cleanFileName(' My Logo (final).png ')).toBe('My Logo (final).png');
    expect(cleanFileName('Gewerbeanmeldung-2024.pdf')).toBe('Gewerbeanmeldung-2024.pdf');
    expect(cleanFileName('営業許可証.pdf')).toBe('営業許可証.pdf');
  });
});

describe('logos', () => {
  it('accepts PNG, JPEG, WebP and GIF whose name agrees with the content', () => {
    expect(validateLogo('logo.png', png)).toMatchObject({ kind: 'png', contentType: 'image/png' });
    expect(validateLogo('logo.JPG', jpeg)).toMatchObject({ kind: 'jpeg' });
    expect(validateLogo('logo.jpeg', jpeg)).toMatchObject({ kind: 'jpeg' });
    expect(validateLogo('logo.webp', webp)).toMatchObject({ kind: 'webp' });
    expect(validateLogo('logo.gif', gif)).toMatchObject({ kind: 'gif' });
    expect(validateLogo('logo', png)).toMatchObject({ kind: 'png' });
  });

  it('refuses non-images, whatever the name says', () => {
    rejects(() => validateLogo('logo.png', HTML), 'extension_mismatch', /named \.png but contains an HTML page/, 415);
    rejects(() => validateLogo('notes.txt', Buffer.from('just text')), 'unsupported_type', /not an image we accept/, 415);
    rejects(() => validateLogo('logo', EXE), 'unsupported_type', /unrecognised file/, 415);
    rejects(() => validateLogo('logo.pdf', PDF), 'unsupported_type', /PDF document, not an image/, 415);
  });

  it('refuses a lying extension', () => {
    rejects(() => validateLogo('logo.png', jpeg), 'extension_mismatch', /named \.png but contains a JPEG image/, 415);
    rejects(() => validateLogo('logo.jpg', PDF), 'extension_mismatch', /named \.jpg but contains a PDF document/, 415);
  });

  it('refuses SVG, with or without script, whatever it is called', () => {
    rejects(() => validateLogo('logo.svg', SVG), 'svg_not_allowed', /SVG images aren’t accepted/, 415);
    rejects(() => validateLogo('logo.png', SVG), 'svg_not_allowed', /can contain scripts/, 415);
    rejects(() => validateLogo('logo.png', SVG_BARE), 'svg_not_allowed', /SVG/, 415);
  });

  it('refuses empty and oversized files', () => {
    rejects(() => validateLogo('logo.png', Buffer.alloc(0)), 'empty_file', /is empty/);
    const big = Buffer.concat([png, Buffer.alloc(LOGO_MAX_BYTES)]);
    rejects(() => validateLogo('logo.png', big), 'file_too_large', /the limit is 5 MB/, 413);
  });

  it('refuses path traversal in the name before looking at the content', () => {
    rejects(() => validateLogo('../../../public/logo.png', png), 'invalid_file_name', /path/);
  });

  it('re-encodes to WebP, bounded to 512 px, without metadata', async () => {
    const big = await sharp({ create: { width: 1200, height: 600, channels: 4, background: '#123456' } })
      .withMetadata({ exif: { IFD0: { Copyright: 'secret-gps-and-camera' } } })
      .jpeg()
      .toBuffer();
    const out = await processLogo(big);
    expect(sniff(out)).toBe('webp');
    const meta = await sharp(out).metadata();
    expect([meta.width, meta.height]).toEqual([512, 256]);
    expect(meta.exif).toBeUndefined();
    expect(out.includes(Buffer.from('secret-gps-and-camera'))).toBe(false);
  });

  it('refuses images too small, damaged, or with bomb-sized dimensions', async () => {
    await expect(processLogo(await image('png', 8))).rejects.toMatchObject({ code: 'image_too_small' });
    const damaged = Buffer.concat([png.subarray(0, 40), Buffer.alloc(200, 7)]);
    await expect(processLogo(damaged)).rejects.toMatchObject({ code: 'invalid_image', message: expect.stringMatching(/damaged/) });
    await expect(processLogo(pngClaiming(30_000, 30_000))).rejects.toMatchObject({ code: 'image_too_large', status: 413 });
  });
});

describe('documents', () => {
  it('accepts PDF, PNG and JPEG by content', () => {
    expect(validateDocument('passport.pdf', PDF)).toMatchObject({ kind: 'pdf', contentType: 'application/pdf', extension: 'pdf' });
    expect(validateDocument('scan.png', png)).toMatchObject({ kind: 'png', extension: 'png' });
    expect(validateDocument('scan.jpg', jpeg)).toMatchObject({ kind: 'jpeg', extension: 'jpg' });
  });

  it('refuses other types, lying extensions and SVG', () => {
    rejects(() => validateDocument('doc.webp', webp), 'unsupported_type', /must be PDF, PNG or JPEG/, 415);
    rejects(() => validateDocument('invoice.pdf', HTML), 'extension_mismatch', /named \.pdf but contains an HTML page/, 415);
    rejects(() => validateDocument('invoice.pdf', png), 'extension_mismatch', /named \.pdf but contains a PNG image/, 415);
    rejects(() => validateDocument('id.exe', EXE), 'unsupported_type', /unrecognised/, 415);
    rejects(() => validateDocument('id.svg', SVG), 'svg_not_allowed', /SVG/, 415);
  });

  it('allows up to 10 MB', () => {
    const atLimit = Buffer.concat([PDF, Buffer.alloc(DOCUMENT_MAX_BYTES - PDF.length)]);
    expect(validateDocument('big.pdf', atLimit).kind).toBe('pdf');
    rejects(() => validateDocument('big.pdf', Buffer.concat([atLimit, Buffer.alloc(1)])), 'file_too_large', /the limit is 10 MB/, 413);
  });

  it('refuses path traversal in the name', () => {
    rejects(() => validateDocument('../../private/kyc/other.pdf', PDF), 'invalid_file_name', /path/);
  });
});
