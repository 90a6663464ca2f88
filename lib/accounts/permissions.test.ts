import { describe, expect, it } from 'vitest';
import { can, homeFor, type Actor, type Permission } from './permissions';

const shopper: Actor = { userId: 'u1', role: 'shopper', stores: {} };
const owner: Actor = { userId: 'u2', role: 'shopper', stores: { s1: 'owner' } };
const staff: Actor = { userId: 'u3', role: 'shopper', stores: { s1: 'staff' } };
const admin: Actor = { userId: 'u4', role: 'admin', stores: {} };
const marketer: Actor = { userId: 'u5', role: 'marketer', stores: {} };

// One table: every actor against every permission, with the expected answer.
const matrix: [Permission, string | undefined, Record<string, boolean>][] = [
  ['account:manage', undefined, { anonymous: false, shopper: true, owner: true, staff: true, admin: true, marketer: true }],
  ['seller:portal', undefined, { anonymous: false, shopper: false, owner: true, staff: true, admin: false, marketer: false }],
  ['seller:portal', 's1', { anonymous: false, shopper: false, owner: true, staff: true, admin: false, marketer: false }],
  ['seller:portal', 's2', { anonymous: false, shopper: false, owner: false, staff: false, admin: false, marketer: false }],
  ['seller:apply', undefined, { anonymous: false, shopper: true, owner: true, staff: true, admin: true, marketer: true }],
  ['store:manage', 's1', { anonymous: false, shopper: false, owner: true, staff: false, admin: false, marketer: false }],
  ['store:manage', 's2', { anonymous: false, shopper: false, owner: false, staff: false, admin: false, marketer: false }],
  ['store:manage', undefined, { anonymous: false, shopper: false, owner: false, staff: false, admin: false, marketer: false }],
  ['store:manage-staff', 's1', { anonymous: false, shopper: false, owner: true, staff: false, admin: false, marketer: false }],
  ['store:manage-staff', undefined, { anonymous: false, shopper: false, owner: false, staff: false, admin: false, marketer: false }],
  ['admin:console', undefined, { anonymous: false, shopper: false, owner: false, staff: false, admin: true, marketer: false }],
  ['admin:sellers', undefined, { anonymous: false, shopper: false, owner: false, staff: false, admin: true, marketer: false }],
  ['marketing:workspace', undefined, { anonymous: false, shopper: false, owner: false, staff: false, admin: true, marketer: true }],
];
const actors: Record<string, Actor | null> = { anonymous: null, shopper, owner, staff, admin, marketer };

describe('permissions', () => {
  for (const [permission, storeId, expected] of matrix) {
    for (const [name, actor] of Object.entries(actors)) {
      it(`${name} ${expected[name] ? 'may' : 'may not'} ${permission}${storeId ? ` on ${storeId}` : ''}`, () => {
        expect(can(actor, permission, storeId)).toBe(expected[name]);
      });
    }
  }

  it('never takes an inherited property name for a membership', () => {
    for (const id of ['toString', 'constructor', '__proto__', 'hasOwnProperty']) {
      expect(can(owner, 'seller:portal', id)).toBe(false);
      expect(can(owner, 'store:manage', id)).toBe(false);
    }
  });

  it('sends each role to its own home', () => {
    expect([shopper, owner, staff, admin, marketer].map(homeFor)).toEqual(['/account', '/seller', '/seller', '/admin', '/marketing']);
  });
});
