import { describe, expect, it } from 'vitest';
import { orderStatus } from '@/db/schema/orders';
import { assertTransition, canTransition, rollUpStatus } from './state';

describe('order state machine', () => {
  it('allows the happy path', () => {
    const path = ['placed', 'paid', 'partially_fulfilled', 'fulfilled', 'delivered'] as const;
    for (let i = 1; i < path.length; i++) expect(canTransition(path[i - 1]!, path[i]!)).toBe(true);
  });
  it('refuses going backwards and leaving final states', () => {
    expect(canTransition('paid', 'placed')).toBe(false);
    expect(canTransition('delivered', 'fulfilled')).toBe(false);
    expect(canTransition('placed', 'fulfilled')).toBe(false);
    for (const to of orderStatus.enumValues) {
      expect(canTransition('cancelled', to)).toBe(false);
      expect(canTransition('refunded', to)).toBe(false);
    }
    expect(() => assertTransition('cancelled', 'paid')).toThrow(/cannot become paid/);
  });
  it('rolls store orders up into the order status', () => {
    expect(rollUpStatus(['paid', 'paid'])).toBe('paid');
    expect(rollUpStatus(['paid', 'fulfilled'])).toBe('partially_fulfilled');
    expect(rollUpStatus(['fulfilled', 'delivered'])).toBe('fulfilled');
    expect(rollUpStatus(['delivered', 'delivered'])).toBe('delivered');
    expect(rollUpStatus(['cancelled', 'cancelled'])).toBe('cancelled');
    expect(rollUpStatus(['cancelled', 'paid'])).toBe('partially_refunded');
    expect(rollUpStatus(['refunded', 'refunded'])).toBe('refunded');
  });
});
