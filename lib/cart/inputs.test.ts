import { describe, expect, it } from 'vitest';
import { acknowledgePricesInput, addToCartInput, removeCartItemInput, updateCartItemInput } from './inputs';

const id = '8f14e45f-ceea-467f-a0e6-5f7a0e4c1a2b';

describe('cart inputs', () => {
  it('accepts ids and quantities, coercing form strings', () => {
    expect(addToCartInput.parse({ variantId: id, quantity: '3' })).toEqual({ variantId: id, quantity: 3 });
    expect(addToCartInput.parse({ variantId: id })).toEqual({ variantId: id, quantity: 1 });
    expect(updateCartItemInput.parse({ itemId: id, quantity: 0 })).toEqual({ itemId: id, quantity: 0 });
    expect(updateCartItemInput.parse({ itemId: id, quantity: '99' })).toEqual({ itemId: id, quantity: 99 });
    expect(removeCartItemInput.parse({ itemId: id })).toEqual({ itemId: id });
    expect(acknowledgePricesInput.parse(undefined)).toBeUndefined();
    expect(acknowledgePricesInput.parse({ anything: 1 })).toEqual({});
  });

  it('rejects bad ids and quantities', () => {
    for (const bad of [
      { variantId: 'nope', quantity: 1 },
      { variantId: `${id}'; drop table carts; --`, quantity: 1 },
      { variantId: id, quantity: 0 },
      { variantId: id, quantity: 100 },
      { variantId: id, quantity: 1.5 },
      { variantId: id, quantity: -2 },
      { variantId: id, quantity: 'many' },
      { quantity: 1 },
    ]) {
      expect(addToCartInput.safeParse(bad).success).toBe(false);
    }
    for (const bad of [{ itemId: id, quantity: -1 }, { itemId: id, quantity: 100 }, { itemId: id }, { itemId: 'x', quantity: 1 }]) {
      expect(updateCartItemInput.safeParse(bad).success).toBe(false);
    }
    expect(removeCartItemInput.safeParse({ itemId: 42 }).success).toBe(false);
  });
});
