import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseEnv } from '@/lib/platform/env';
import { decryptField, DecryptionError, deriveKey, encryptField, keyId, lastFour, mask, resolveKey, type EncryptionKey } from './encryption';

const key = (bytes = randomBytes(32)): EncryptionKey => ({ id: keyId(bytes), key: bytes, source: 'DATA_ENCRYPTION_KEY' });
const K = key();
const CTX = 'kyc_submissions.tax_id:00000000-0000-0000-0000-000000000001';

describe('field encryption (AES-256-GCM)', () => {
  it('round-trips any text, with a fresh IV every time', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 60 }), (s) => {
        const a = encryptField(s, CTX, K);
        const b = encryptField(s, CTX, K);
        expect(a).not.toBe(b);
        expect(decryptField(a, CTX, K)).toBe(s);
      }),
    );
  });

  it('never stores the plaintext', () => {
    const stored = encryptField('DE89370400440532013000', CTX, K);
    expect(stored).toMatch(/^v1\.[A-Za-z0-9_-]{8}\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
    expect(stored).not.toContain('DE89');
    expect(stored).not.toContain('3000');
  });

  it('a ciphertext moved to another row or column does not decrypt', () => {
    const stored = encryptField('123456789', CTX, K);
    expect(() => decryptField(stored, 'kyc_submissions.tax_id:00000000-0000-0000-0000-000000000002', K)).toThrow(DecryptionError);
    expect(() => decryptField(stored, 'kyc_submissions.payout_account:00000000-0000-0000-0000-000000000001', K)).toThrow(/altered or belongs to another record/);
  });

  it('any altered byte is detected', () => {
    const stored = encryptField('123456789', CTX, K);
    const parts = stored.split('.');
    for (const i of [2, 3, 4]) {
      const raw = Buffer.from(parts[i]!, 'base64url');
      raw[0] = raw[0]! ^ 1;
      const tampered = [...parts.slice(0, i), raw.toString('base64url'), ...parts.slice(i + 1)].join('.');
      expect(() => decryptField(tampered, CTX, K)).toThrow(DecryptionError);
    }
    expect(() => decryptField('plain text', CTX, K)).toThrow(/unknown format/);
  });

  it('a value written under another key says so (key id), instead of failing obscurely', () => {
    const stored = encryptField('123456789', CTX, key());
    expect(() => decryptField(stored, CTX, K)).toThrow(/configured key is/);
  });
});

describe('the key', () => {
  const b64 = randomBytes(32).toString('base64');

  it('DATA_ENCRYPTION_KEY wins and must be 32 bytes of base64', () => {
    const k = resolveKey(parseEnv({ DATA_ENCRYPTION_KEY: b64, NODE_ENV: 'production', DATABASE_URL: 'postgres://127.0.0.1/x' }));
    expect(k.source).toBe('DATA_ENCRYPTION_KEY');
    expect(k.key.equals(Buffer.from(b64, 'base64'))).toBe(true);
    expect(() => parseEnv({ DATA_ENCRYPTION_KEY: randomBytes(16).toString('base64') })).toThrow(/DATA_ENCRYPTION_KEY/);
    expect(() => parseEnv({ DATA_ENCRYPTION_KEY: 'not base64!' })).toThrow(/DATA_ENCRYPTION_KEY/);
  });

  it('production on a real database refuses to run without it', () => {
    expect(() => resolveKey(parseEnv({ NODE_ENV: 'production', DATABASE_URL: 'postgres://127.0.0.1/x', AUTH_SECRET: 'x'.repeat(32) }))).toThrow(/DATA_ENCRYPTION_KEY is required in production/);
  });

  it('development derives a stable key from AUTH_SECRET under its own label', () => {
    const secret = 'y'.repeat(32);
    const a = resolveKey(parseEnv({ AUTH_SECRET: secret }));
    const b = resolveKey(parseEnv({ AUTH_SECRET: secret, NODE_ENV: 'test' }));
    expect(a.source).toBe('derived');
    expect(a.key.equals(b.key)).toBe(true);
    expect(a.key.equals(deriveKey(secret))).toBe(true);
    // Not the secret itself, and not what another secret gives.
    expect(a.key.equals(Buffer.from(secret).subarray(0, 32))).toBe(false);
    expect(a.key.equals(deriveKey('z'.repeat(32)))).toBe(false);
    // A local production trial on the embedded database derives too.
    expect(resolveKey(parseEnv({ NODE_ENV: 'production', AUTH_SECRET: secret })).source).toBe('derived');
  });
});

describe('masking', () => {
  it('shows at most the last four characters, and nothing of short values', () => {
    expect(lastFour('DE89370400440532013000')).toBe('3000');
    expect(lastFour('123456789')).toBe('6789');
    expect(lastFour('1234567')).toBe('');
    expect(mask('3000')).toBe('•••• 3000');
    expect(mask('')).toBe('••••');
    expect(mask(null)).toBeNull();
  });
});
