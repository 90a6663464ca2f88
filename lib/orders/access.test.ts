import { createHmac, randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Actor } from '@/lib/accounts/permissions';
import { canViewOrder, isValidOrderAccessToken, orderAccessToken, orderPath } from './access';

const SECRET = 'unit-test-secret-0123456789abcdef';
const order = { id: '2f6c3f5e-4d0a-4d7e-9a55-0d9f1b2c3d4e', email: 'Guest@Example.com', userId: null as string | null };
const shopper = (userId: string): Actor => ({ userId, role: 'shopper', stores: {} });

describe('orderAccessToken', () => {
  it('is a 43-character base64url HMAC-SHA256 that is stable for the same order', () => {
    const t = orderAccessToken(order, SECRET);
    expect(t).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(orderAccessToken(order, SECRET)).toBe(t);
    expect(Buffer.from(t, 'base64url')).toHaveLength(32);
  });

  it('ignores the case and surrounding spaces of the email', () => {
    expect(orderAccessToken({ ...order, email: '  guest@EXAMPLE.COM ' }, SECRET)).toBe(orderAccessToken(order, SECRET));
  });

  it('differs per order, per email and per secret', () => {
    const t = orderAccessToken(order, SECRET);
    expect(orderAccessToken({ ...order, id: randomUUID() }, SECRET)).not.toBe(t);
    expect(orderAccessToken({ ...order, email: 'other@example.com' }, SECRET)).not.toBe(t);
    expect(orderAccessToken(order, `${SECRET}x`)).not.toBe(t);
  });

  it('is not a bare HMAC of id + email (domain-separated from other uses of the secret)', () => {
    const bare = createHmac('sha256', SECRET).update(`${order.id}${order.email.toLowerCase()}`).digest('base64url');
    expect(orderAccessToken(order, SECRET)).not.toBe(bare);
  });

  it('signs with AUTH_SECRET (or the dev fallback outside production) when no secret is passed', () => {
    expect(orderAccessToken(order)).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(isValidOrderAccessToken(order, orderAccessToken(order))).toBe(true);
  });
});

describe('isValidOrderAccessToken', () => {
  const good = orderAccessToken(order, SECRET);

  it('accepts the token of the order', () => {
    expect(isValidOrderAccessToken(order, good, SECRET)).toBe(true);
  });

  it('rejects malformed, truncated, padded and foreign tokens without throwing', () => {
    for (const bad of [undefined, null, '', 42, {}, ['x'], good.slice(0, -1), `${good}=`, `${good}A`, good.replace(/./, (c) => (c === 'A' ? 'B' : 'A')), ' '.repeat(43), 'é'.repeat(43), orderAccessToken({ ...order, id: randomUUID() }, SECRET)]) {
      expect(isValidOrderAccessToken(order, bad, SECRET)).toBe(false);
    }
  });

  it('never accepts a random token of the right shape', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 32, maxLength: 32 }), (bytes) => {
        const t = Buffer.from(bytes).toString('base64url');
        return t === good || !isValidOrderAccessToken(order, t, SECRET);
      }),
    );
  });
});

describe('canViewOrder', () => {
  const owner = randomUUID();
  const owned = { ...order, userId: owner };
  const token = orderAccessToken(owned, SECRET);

  it('lets the signed-in owner in without a token', () => {
    expect(canViewOrder(shopper(owner), owned, undefined, SECRET)).toBe(true);
  });

  it('lets an admin in without a token', () => {
    expect(canViewOrder({ userId: randomUUID(), role: 'admin', stores: {} }, owned, null, SECRET)).toBe(true);
  });

  it('lets anyone with the token in, signed in or not', () => {
    expect(canViewOrder(null, owned, token, SECRET)).toBe(true);
    expect(canViewOrder(shopper(randomUUID()), owned, token, SECRET)).toBe(true);
  });

  it('keeps out another shopper, a marketer, a seller and anonymous visitors without a valid token', () => {
    const store = randomUUID();
    for (const actor of [null, shopper(randomUUID()), { userId: randomUUID(), role: 'marketer' as const, stores: {} }, { userId: randomUUID(), role: 'shopper' as const, stores: { [store]: 'owner' as const } }]) {
      expect(canViewOrder(actor, owned, undefined, SECRET)).toBe(false);
      expect(canViewOrder(actor, owned, 'x'.repeat(43), SECRET)).toBe(false);
      expect(canViewOrder(actor, owned, orderAccessToken({ ...owned, email: 'someone@else.com' }, SECRET), SECRET)).toBe(false);
    }
  });

  it('never matches a guest order (no user) to a signed-in actor by id', () => {
    expect(canViewOrder(shopper(''), { ...order, userId: null }, undefined, SECRET)).toBe(false);
  });
});

describe('orderPath', () => {
  it('links the tracking and confirmation pages with the token', () => {
    const o = { ...order, number: 'MK-100001' };
    const t = orderAccessToken(o, SECRET);
    expect(orderPath(o, 'tracking', SECRET)).toBe(`/orders/MK-100001?t=${t}`);
    expect(orderPath(o, 'confirmation', SECRET)).toBe(`/orders/MK-100001/confirmation?t=${t}`);
  });
});
