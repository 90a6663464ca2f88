import { describe, expect, it } from 'vitest';
import { hashPassword, verifyPassword } from './password';

// scrypt at N=2^17 costs ~100–300 ms per call; keep the number of calls small.
describe('password hashing', { timeout: 30_000 }, () => {
  it('hashes as scrypt$N$r$p$salt$key and verifies the same password', async () => {
    const stored = await hashPassword('correct horse battery staple');
    const parts = stored.split('$');
    expect(parts).toHaveLength(6);
    expect(parts.slice(0, 4)).toEqual(['scrypt', '131072', '8', '1']);
    expect(Buffer.from(parts[4]!, 'base64url')).toHaveLength(16);
    expect(Buffer.from(parts[5]!, 'base64url')).toHaveLength(32);
    expect(await verifyPassword('correct horse battery staple', stored)).toBe(true);
    expect(await verifyPassword('correct horse battery stapl', stored)).toBe(false);
    expect(await verifyPassword('Correct horse battery staple', stored)).toBe(false);
    expect(await verifyPassword('', stored)).toBe(false);
  });

  it('salts every hash, and is deterministic for a given salt', async () => {
    const salt = Buffer.alloc(16, 7);
    const [a, b, c] = await Promise.all([hashPassword('pw'), hashPassword('pw'), hashPassword('pw', salt)]);
    expect(a).not.toBe(b);
    expect(await hashPassword('pw', salt)).toBe(c);
  });

  it('normalises unicode (NFKC) so equivalent spellings match', async () => {
    const stored = await hashPassword('ﬁancé'); // U+FB01 ligature, precomposed é
    expect(await verifyPassword('fiance\u0301', stored)).toBe(true);
  });

  it.each(['', 'garbage', 'bcrypt$10$abc', 'scrypt$131072$8$1$c2FsdA', 'scrypt$$$$$', 'scrypt$131072$8$1$$a2V5', '$2b$10$N9qo8uLOickgx2ZMRZoMyeIjZAgcfl7p92ldGxad68LJZdL17lhWy'])(
    'rejects the malformed stored hash %j',
    async (stored) => {
      expect(await verifyPassword('pw', stored)).toBe(false);
    },
  );

  // KNOWN BUG (lib/accounts/password.ts:17-26): stored parameters go straight into crypto.scrypt,
  // so a hash with a non-numeric, non-power-of-two or huge N/r/p makes verifyPassword reject
  // (throw ERR_OUT_OF_RANGE / "Invalid scrypt params" / "memory limit exceeded") instead of
  // returning false; a login with a corrupted row becomes a 500. Flip to `it` once fixed.
  it('returns false (does not throw) for unusable scrypt parameters', async () => {
    const good = (await hashPassword('pw', Buffer.alloc(16, 1))).split('$');
    for (const [n, r, p] of [['abc', '8', '1'], ['3', '8', '1'], ['1073741824', '8', '1'], ['16384', '100000000', '1']]) {
      expect(await verifyPassword('pw', ['scrypt', n, r, p, good[4], good[5]].join('$'))).toBe(false);
    }
  });

  // KNOWN BUG, security (lib/accounts/password.ts:20-26): a key part that decodes to zero bytes
  // (e.g. "!" or "=") gives expected.length 0, scrypt derives 0 bytes, and timingSafeEqual of two
  // empty buffers is true: `verifyPassword(anything, 'scrypt$16384$8$1$c2FsdA$!')` === true.
  // Any corrupted or hand-edited password_hash of this shape accepts every password.
  it('never accepts any password for a hash whose key is empty after decoding', async () => {
    for (const key of ['!', '=', '!!!!', '.']) {
      expect(await verifyPassword('anything at all', `scrypt$16384$8$1$c2FsdA$${key}`)).toBe(false);
    }
  });
});
