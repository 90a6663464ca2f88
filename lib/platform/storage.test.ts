import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mediaRoot, resolveMediaPath } from './storage';

describe('resolveMediaPath', () => {
  it('resolves ordinary media paths inside the media root', () => {
    expect(resolveMediaPath(['products', 'shoe-red-0.webp'])).toBe(path.join(mediaRoot(), 'products', 'shoe-red-0.webp'));
    expect(resolveMediaPath(['a', 'b', 'c', 'd.png'])).toBe(path.join(mediaRoot(), 'a', 'b', 'c', 'd.png'));
    expect(resolveMediaPath(['file_1.v2.JPG'])).toBe(path.join(mediaRoot(), 'file_1.v2.JPG'));
  });

  it.each([
    ['no segments', []],
    ['too deep', ['a', 'b', 'c', 'd', 'e.png']],
    ['parent', ['..', 'etc', 'passwd']],
    ['parent at the end', ['products', '..']],
    ['parent inside a name', ['products', 'a..b.webp']],
    ['current dir', ['.', 'x']],
    ['hidden file', ['.env']],
    ['slash', ['products/../../etc/passwd']],
    ['backslash', ['products\\..\\..\\secret']],
    ['absolute', ['/etc/passwd']],
    ['windows drive', ['C:', 'Windows']],
    ['url-encoded parent', ['%2e%2e', 'etc', 'passwd']],
    ['double-encoded parent', ['%252e%252e', 'x']],
    ['encoded slash', ['products%2f..%2f..%2fx']],
    ['NUL byte', ['products', 'a.webp\u0000.png']],
    ['empty segment', ['products', '']],
    ['unicode lookalike dot', ['\u2025', 'x']],
    ['fullwidth dots', ['．．', 'x']],
    ['too long', ['a'.repeat(122)]],
    ['leading dash', ['-rf']],
    ['space', ['a b.png']],
  ])('rejects %s', (_, segments) => {
    expect(resolveMediaPath(segments)).toBeNull();
  });

  it('never resolves outside the media root', () => {
    const segment = fc.oneof(fc.string({ unit: 'binary', maxLength: 20 }), fc.constantFrom('..', '.', '', '/', '\\', '%2e%2e', 'a', 'products', 'x.webp', '..%2f'));
    fc.assert(
      fc.property(fc.array(segment, { maxLength: 6 }), (segments) => {
        const full = resolveMediaPath(segments);
        if (full !== null) {
          expect(full.startsWith(mediaRoot() + path.sep)).toBe(true);
          expect(path.relative(mediaRoot(), full).split(path.sep)).toEqual(segments);
        }
      }),
      { numRuns: 1000 },
    );
  });
});
