import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canTransition } from '@/lib/orders/state';
import { OPEN_STATUSES, storeOrderStatusFor, type LineUnits } from './status';

const line = (quantity: number, quantityFulfilled = 0, quantityCancelled = 0): LineUnits => ({ quantity, quantityFulfilled, quantityCancelled });

describe('storeOrderStatusFor', () => {
  it('names each state by the lines', () => {
    expect(storeOrderStatusFor([line(2), line(1)])).toBe('paid');
    expect(storeOrderStatusFor([line(2, 1), line(1)])).toBe('partially_fulfilled');
    expect(storeOrderStatusFor([line(2, 2), line(1, 1)])).toBe('fulfilled');
    expect(storeOrderStatusFor([line(2, 0, 1), line(1)])).toBe('partially_refunded');
    expect(storeOrderStatusFor([line(2, 0, 2), line(1, 0, 1)])).toBe('cancelled');
    // Shipped what was left after a cancellation: fulfilled (the refund shows on the lines and totals).
    expect(storeOrderStatusFor([line(2, 1, 1), line(1, 1)])).toBe('fulfilled');
    expect(storeOrderStatusFor([line(2, 1, 0), line(1, 0, 1)])).toBe('partially_fulfilled');
  });

  // Any sequence of ships and cancels from a paid store order moves only along the state machine.
  it('every step of any fulfil/cancel sequence is a legal transition', () => {
    const arb = fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 1, maxLength: 4 }).chain((qs) =>
      fc.tuple(fc.constant(qs), fc.array(fc.tuple(fc.nat(qs.length - 1), fc.boolean(), fc.integer({ min: 1, max: 4 })), { maxLength: 12 })),
    );
    fc.assert(
      fc.property(arb, ([qs, steps]) => {
        const lines = qs.map((q) => line(q));
        let status = storeOrderStatusFor(lines);
        expect(status).toBe('paid');
        for (const [i, ship, n] of steps) {
          const l = lines[i]!;
          const open = l.quantity - l.quantityFulfilled - l.quantityCancelled;
          if (!(OPEN_STATUSES as readonly string[]).includes(status) || open === 0) continue;
          const k = Math.min(n, open);
          if (ship) l.quantityFulfilled += k;
          else l.quantityCancelled += k;
          const next = storeOrderStatusFor(lines);
          if (next !== status) expect(canTransition(status, next), `${status} → ${next}`).toBe(true);
          status = next;
        }
      }),
    );
  });
});
