import { describe, expect, it } from 'vitest';
import { createAddressInput, deleteAccountInput, parseInput, profileInput, setDefaultInput, updateAddressInput } from './account-inputs';

const home = { fullName: 'Ada', line1: '1 Road', city: 'Leeds', postalCode: 'ls1 1aa', country: ' gb ' };

describe('account inputs', () => {
  it('normalises an address from a form: upper-case country and postcode, empty optionals to null, checkbox to boolean', () => {
    expect(createAddressInput.parse({ ...home, line2: '', region: '  ', phone: '', makeDefault: 'on' })).toEqual({
      fullName: 'Ada',
      line1: '1 Road',
      line2: null,
      city: 'Leeds',
      region: null,
      postalCode: 'LS1 1AA',
      country: 'GB',
      phone: null,
      makeDefault: true,
    });
    expect(createAddressInput.parse(home).makeDefault).toBe(false);
  });

  it('is idempotent: parsed data parses to itself (services parse again)', () => {
    const once = createAddressInput.parse({ ...home, line2: 'Flat 2', phone: '+44 113 000' });
    expect(createAddressInput.parse(once)).toEqual(once);
  });

  it('gives a field error per bad field', () => {
    const r = createAddressInput.safeParse({ ...home, country: 'Atlantis', postalCode: '<script>', phone: 'call me' });
    expect(r.success).toBe(false);
    expect(Object.keys(r.error!.flatten().fieldErrors).sort()).toEqual(['country', 'phone', 'postalCode']);
  });

  it('counts characters, not UTF-16 units, and names what is wrong', () => {
    expect(profileInput.safeParse({ name: '😀'.repeat(100) }).success).toBe(true);
    expect(profileInput.safeParse({ name: '😀'.repeat(101) }).error?.issues[0]?.message).toBe('Use at most 100 characters');
    expect(profileInput.safeParse({ name: '  ' }).error?.issues[0]?.message).toBe('Enter your name');
    expect(profileInput.safeParse({ name: 'a\u0007b' }).error?.issues[0]?.message).toBe('Remove the control characters');
  });

  it('maps a malformed id to not found, other problems to invalid input', () => {
    expect(() => parseInput(updateAddressInput, { ...home, id: "1' or '1'='1" })).toThrow(expect.objectContaining({ code: 'not_found' }));
    expect(() => parseInput(setDefaultInput, { id: crypto.randomUUID(), kind: 'gift' })).toThrow(expect.objectContaining({ code: 'invalid_input' }));
    expect(() => parseInput(deleteAccountInput, {})).toThrow(expect.objectContaining({ code: 'invalid_input' }));
  });
});
