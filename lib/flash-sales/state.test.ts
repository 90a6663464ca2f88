import { describe, expect, it } from 'vitest';
import { flashSaleStatus } from '@/db/schema/flash-sales';
import { canTransition, FLASH_SALE_TRANSITIONS } from './state';

describe('flash sale transitions', () => {
  it('covers every status', () => {
    expect(Object.keys(FLASH_SALE_TRANSITIONS).sort()).toEqual([...flashSaleStatus.enumValues].sort());
  });

  it.each([
    ['proposed', 'approved', true],
    ['proposed', 'scheduled', true],
    ['proposed', 'rejected', true],
    ['proposed', 'live', false],
    ['approved', 'scheduled', true],
    ['approved', 'live', false],
    ['scheduled', 'live', true],
    ['scheduled', 'ended', false],
    ['live', 'ended', true],
    ['live', 'cancelled', true],
    ['live', 'scheduled', false],
    ['ended', 'live', false],
    ['ended', 'cancelled', false],
    ['rejected', 'approved', false],
    ['cancelled', 'scheduled', false],
  ] as const)('%s → %s: %s', (from, to, ok) => {
    expect(canTransition(from, to)).toBe(ok);
  });

  it('ended, rejected and cancelled are final', () => {
    for (const s of ['ended', 'rejected', 'cancelled'] as const) expect(FLASH_SALE_TRANSITIONS[s]).toEqual([]);
  });
});
