import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkFileName, MAX_IMAGE_BYTES, processImageUpload, sniffImage, UploadRejectedError } from './upload';

const rejection = async (p: Promise<unknown>) => {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(UploadRejectedError);
  return err as UploadRejectedError;
};

describe('image uploads', () => {
  let png: Buffer;
  let jpegWithExif: Buffer;

  beforeAll(async () => {
    png = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#d13f3f' } }).png().toBuffer();
    jpegWithExif = await sharp({ create: { width: 3000, height: 1000, channels: 3, background: '#3273d6' } })
      .jpeg()
      .withMetadata({ exif: { IFD0: { Make: 'SecretCam', Copyright: 'GPS 51.5,-0.12' } } })
      .toBuffer();
  });

  it('re-encodes a real image to WebP, bounded to 2000 px, without its metadata', async () => {
    expect((await sharp(jpegWithExif).metadata()).exif).toBeDefined();
    const out = await processImageUpload(jpegWithExif, 'holiday photo.JPG', 'image/jpeg');
    expect(sniffImage(out.data)).toBe('webp');
    expect([out.width, out.height]).toEqual([2000, 667]);
    const meta = await sharp(out.data).metadata();
    expect(meta.format).toBe('webp');
    expect(meta.exif).toBeUndefined();
    expect(out.data.includes(Buffer.from('SecretCam'))).toBe(false);
    expect(out.hash).toMatch(/^[a-f0-9]{64}$/);
    // A small PNG keeps its size; a file without an extension is judged by content alone.
    const small = await processImageUpload(png, 'swatch', null);
    expect([small.width, small.height, small.sourceKind]).toEqual([64, 48, 'png']);
  });

  it('rejects a non-image with a clear error', async () => {
    const err = await rejection(processImageUpload(Buffer.from('%PDF-1.7\n1 0 obj\n'), 'brochure.pdf', 'application/pdf'));
    expect(err).toMatchObject({ code: 'not_an_image', status: 415 });
    expect(err.message).toBe('The file is not a JPEG, PNG, WebP or GIF image.');
    expect((await rejection(processImageUpload(Buffer.alloc(0), 'empty.png', 'image/png'))).code).toBe('empty_file');
  });

  it('rejects an oversized file before decoding it', async () => {
    const big = Buffer.concat([png, Buffer.alloc(MAX_IMAGE_BYTES)]);
    const err = await rejection(processImageUpload(big, 'huge.png', 'image/png'));
    expect(err).toMatchObject({ code: 'file_too_large', status: 413 });
    expect(err.message).toMatch(/the limit is 10 MB/);
  });

  it('rejects a decompression bomb (huge pixel count in a small file)', async () => {
    const bomb = await sharp({ create: { width: 8000, height: 8000, channels: 3, background: '#fff' } }).png({ compressionLevel: 9 }).toBuffer();
    expect(bomb.length).toBeLessThan(MAX_IMAGE_BYTES);
    expect((await rejection(processImageUpload(bomb, 'bomb.png', 'image/png'))).code).toBe('image_too_large');
  });

  it('rejects a lying extension or content type, and a renamed executable or script', async () => {
    const ext = await rejection(processImageUpload(png, 'photo.jpg', 'image/jpeg'));
    expect(ext).toMatchObject({ code: 'extension_mismatch' });
    expect(ext.message).toBe('The file is named .jpg but its content is PNG. Save it with the right extension and try again.');
    expect((await rejection(processImageUpload(png, 'photo.png', 'image/gif'))).code).toBe('type_mismatch');
    expect((await rejection(processImageUpload(Buffer.from('MZ\x90\x00\x03\x00\x00\x00'), 'cat.png', 'image/png'))).code).toBe('not_an_image');
    expect((await rejection(processImageUpload(Buffer.from('<?php system($_GET["c"]); ?>'), 'shell.php.png', 'image/png'))).code).toBe('not_an_image');
    expect((await rejection(processImageUpload(png, 'image.exe', 'image/png'))).code).toBe('bad_extension');
    // A valid header followed by garbage is not an image.
    const truncated = Buffer.concat([png.subarray(0, 40), Buffer.alloc(200, 7)]);
    expect(['unreadable_image', 'not_an_image']).toContain((await rejection(processImageUpload(truncated, 'broken.png', 'image/png'))).code);
  });

  it('rejects SVG, including SVG with a script, whatever its name', async () => {
    const svg = Buffer.from('<?xml version="1.0"?>\n<!-- logo -->\n<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(document.cookie)</script></svg>');
    const err = await rejection(processImageUpload(svg, 'logo.svg', 'image/svg+xml'));
    expect(err).toMatchObject({ code: 'svg_not_allowed', status: 415 });
    expect(err.message).toMatch(/SVG images are not accepted/);
    expect((await rejection(processImageUpload(svg, 'logo.png', 'image/png'))).code).toBe('svg_not_allowed');
    expect((await rejection(processImageUpload(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('  <svg>')]), 'x.png', null))).code).toBe('svg_not_allowed');
  });

  it('rejects path traversal and other hostile file names', async () => {
    for (const name of ['../../etc/passwd.png', '..\\..\\windows\\win.ini.png', '/etc/cron.d/x.png', 'a/b.png', '..', 'evil\u0000.png', 'x'.repeat(256) + '.png', '']) {
      expect(() => checkFileName(name)).toThrow(UploadRejectedError);
      expect((await rejection(processImageUpload(png, name, 'image/png'))).code).toBe('bad_file_name');
    }
    expect(() => checkFileName('My photo (1).png')).not.toThrow();
  });
});
