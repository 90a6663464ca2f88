import { describe, expect, it } from 'vitest';
import { announcedCountdown, formatCountdown, phaseOf, spokenCountdown } from './phase';

const T0 = Date.parse('2030-01-01T10:00:00Z');
const sale = (status: string, remaining: number | null = 5) => ({ status, startsAt: new Date(T0), endsAt: new Date(T0 + 3600_000), remaining });

describe('flash-sale phase', () => {
  it('moves from upcoming to live exactly at the start, by the clock, even before the sale row says live', () => {
    expect(phaseOf(sale('scheduled'), T0 - 1)).toBe('upcoming');
    expect(phaseOf(sale('scheduled'), T0)).toBe('live');
    expect(phaseOf(sale('live'), T0 + 1000)).toBe('live');
    expect(phaseOf(sale('live', null), T0 + 1000)).toBe('live');
  });

  it('sold out at 0 remaining, ended at the end or when stored ended, cancelled always', () => {
    expect(phaseOf(sale('live', 0), T0 + 1)).toBe('sold_out');
    expect(phaseOf(sale('live'), T0 + 3600_000)).toBe('ended');
    expect(phaseOf(sale('ended'), T0 + 10)).toBe('ended');
    expect(phaseOf(sale('cancelled'), T0 - 10)).toBe('cancelled');
    expect(phaseOf({ ...sale('live'), startsAt: new Date(T0).toISOString(), endsAt: T0 + 10 }, T0 + 5)).toBe('live');
  });

  it('formats countdowns, rounding up to the second', () => {
    expect(formatCountdown(0)).toBe('0:00');
    expect(formatCountdown(1)).toBe('0:01');
    expect(formatCountdown(9 * 60_000 + 41_000)).toBe('9:41');
    expect(formatCountdown(3 * 3600_000 + 4 * 60_000 + 5000)).toBe('03:04:05');
    expect(formatCountdown(2 * 86_400_000 + 3600_000)).toBe('2d 01:00:00');
    expect(spokenCountdown(45_000)).toBe('45 seconds');
    expect(spokenCountdown(1000)).toBe('1 second');
    expect(spokenCountdown(2 * 3600_000 + 5 * 60_000)).toBe('2 hours 5 minutes');
  });

  it('announces each minute, every 10 s in the last minute and each second in the last 5', () => {
    expect(announcedCountdown(125_000)).toBe('3 minutes');
    expect(announcedCountdown(121_000)).toBe('3 minutes');
    expect(announcedCountdown(119_000)).toBe('2 minutes');
    expect(announcedCountdown(55_000)).toBe('1 minute');
    expect(announcedCountdown(45_000)).toBe('50 seconds');
    expect(announcedCountdown(41_000)).toBe('50 seconds');
    expect(announcedCountdown(4200)).toBe('5 seconds');
    expect(announcedCountdown(3000)).toBe('3 seconds');
    expect(announcedCountdown(2 * 3600_000 + 1000)).toBe('3 hours');
  });
});
