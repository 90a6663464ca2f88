import { describe, expect, it } from 'vitest';
import { assertSameOrigin, fileNameHeader, readBody } from './request';

const post = (body: BodyInit | null, headers: Record<string, string> = {}) =>
  new Request('http://localhost:3000/seller/onboarding/uploads/logo?storeId=x', { method: 'POST', body, headers, duplex: 'half' } as RequestInit);

function stream(chunks: number, size: number): ReadableStream<Uint8Array> {
  let sent = 0;
  return new ReadableStream({
    pull(c) {
      if (sent++ >= chunks) c.close();
      else c.enqueue(new Uint8Array(size));
    },
  });
}

describe('readBody', () => {
  it('reads a body within the limit', async () => {
    expect((await readBody(post(new Uint8Array([1, 2, 3])), 10)).length).toBe(3);
  });
  it('refuses an announced size over the limit before reading', async () => {
    await expect(readBody(post(new Uint8Array(11), { 'content-length': '11' }), 10)).rejects.toMatchObject({ code: 'file_too_large', status: 413 });
  });
  it('refuses a streamed body that grows past the limit (no or false Content-Length)', async () => {
    await expect(readBody(post(stream(5, 4)), 10)).rejects.toMatchObject({ code: 'file_too_large' });
  });
  it('refuses a body shorter than announced (cut by a proxy)', async () => {
    const req = post(stream(1, 4), { 'content-length': '8' });
    await expect(readBody(req, 10)).rejects.toMatchObject({ code: 'incomplete_upload' });
  });
  it('refuses an empty request', async () => {
    await expect(readBody(post(null), 10)).rejects.toMatchObject({ code: 'empty_file' });
  });
});

describe('assertSameOrigin', () => {
  it('accepts our own origin and refuses others or none', () => {
    expect(() => assertSameOrigin(post('x', { origin: 'http://localhost:3000', host: 'localhost:3000' }))).not.toThrow();
    expect(() => assertSameOrigin(post('x', { origin: 'https://evil.example', host: 'localhost:3000' }))).toThrow(expect.objectContaining({ code: 'bad_origin', status: 403 }));
    expect(() => assertSameOrigin(post('x', { host: 'localhost:3000' }))).toThrow(expect.objectContaining({ code: 'bad_origin' }));
    expect(() => assertSameOrigin(post('x', { origin: 'null', host: 'localhost:3000' }))).toThrow(expect.objectContaining({ code: 'bad_origin' }));
  });
});

describe('fileNameHeader', () => {
  it('decodes URI-encoded names and refuses broken encodings', () => {
    expect(fileNameHeader(post('x', { 'x-file-name': encodeURIComponent('Gewerbe anmeldung ü.pdf') }))).toBe('Gewerbe anmeldung ü.pdf');
    expect(fileNameHeader(post('x', { 'x-file-name': encodeURIComponent('../../etc/passwd') }))).toBe('../../etc/passwd'); // decoded; cleanFileName refuses it
    expect(fileNameHeader(post('x'))).toBeNull();
    expect(() => fileNameHeader(post('x', { 'x-file-name': '%E0%A4%A' }))).toThrow(expect.objectContaining({ code: 'invalid_file_name' }));
  });
});
