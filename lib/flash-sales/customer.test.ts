import { describe, expect, it } from 'vitest';
import { cookieFromHeader, customerKeyOf, guestSetCookie, newGuestKey, signGuestKey, verifyGuestCookie, visitorKeys } from './customer';

const SECRET = 'test-secret-0123456789abcdef';

describe('flash-sale guest cookie', () => {
  it('round-trips a fresh key and refuses tampering, other secrets and junk', () => {
    const key = newGuestKey();
    expect(key).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(newGuestKey()).not.toBe(key);
    const signed = signGuestKey(key, SECRET);
    expect(verifyGuestCookie(signed, SECRET)).toBe(key);
    expect(verifyGuestCookie(signed, 'another-secret-0123456789')).toBeNull();
    const other = newGuestKey();
    expect(verifyGuestCookie(`${other}.${signed.split('.')[1]}`, SECRET)).toBeNull();
    for (const bad of [null, undefined, '', key, `${key}.`, `${key}.x`, 'a.b', `${'x'.repeat(200)}.y`, `${key}!.${signed.split('.')[1]}`]) {
      expect(verifyGuestCookie(bad, SECRET)).toBeNull();
    }
  });

  it('the customer key is the user id when signed in, else the prefixed guest key', () => {
    expect(customerKeyOf('user-1', 'abc')).toBe('user-1');
    expect(customerKeyOf(null, 'abc')).toBe('guest:abc');
    expect(customerKeyOf(null, null)).toBeNull();
    expect(visitorKeys('user-1', 'abc')).toEqual(['user-1', 'guest:abc']);
    expect(visitorKeys(null, null)).toEqual([]);
  });

  it('reads one cookie from a Cookie header and builds an httpOnly Set-Cookie', () => {
    expect(cookieFromHeader('a=1; flash_guest=k.s; b=2', 'flash_guest')).toBe('k.s');
    expect(cookieFromHeader('xflash_guest=1', 'flash_guest')).toBeNull();
    expect(cookieFromHeader(null, 'flash_guest')).toBeNull();
    const set = guestSetCookie('AAAAAAAAAAAAAAAAAAAAAA', SECRET);
    expect(set).toMatch(/^flash_guest=AAAAAAAAAAAAAAAAAAAAAA\.[A-Za-z0-9_-]{43}; Path=\/; Max-Age=2592000; HttpOnly; SameSite=Lax/);
  });
});
