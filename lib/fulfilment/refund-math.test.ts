import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cancellationAmounts } from './refund-math';

describe('cancellationAmounts', () => {
  const store = { subtotal: 5000, discountTotal: 0, total: 5000 + 599 + 400, refundedTotal: 0 };

  it('units at their price plus their share of the line tax; no shipping while something is left', () => {
    const line = { unitPrice: 1000, quantity: 3, quantityCancelled: 0, taxAmount: 240 };
    expect(cancellationAmounts(line, store, 1, false)).toEqual({ itemsAmount: 1000, taxAmount: 80, discountAmount: 0, shippingAmount: 0, amount: 1080 });
  });

  it('the last units of the store order return everything left, shipping included', () => {
    const line = { unitPrice: 1000, quantity: 5, quantityCancelled: 3, taxAmount: 400 };
    // 40 of tax on the shipping: the store's tax is the lines' 400 plus 40.
    const taxed = { ...store, total: store.total + 40, refundedTotal: 3240 };
    const r = cancellationAmounts(line, taxed, 2, true);
    expect(r.itemsAmount + r.taxAmount).toBe(2160);
    expect(r.amount).toBe(taxed.total - 3240);
    expect(r.shippingAmount).toBe(599 + 40);
  });

  it('a store discount is taken back in proportion', () => {
    const line = { unitPrice: 2500, quantity: 2, quantityCancelled: 0, taxAmount: 0 };
    const r = cancellationAmounts(line, { subtotal: 5000, discountTotal: 500, total: 5000 - 500 + 599, refundedTotal: 0 }, 1, false);
    expect(r).toMatchObject({ itemsAmount: 2500, discountAmount: 250, amount: 2250 });
  });

  it('never more than is left of the store order', () => {
    const line = { unitPrice: 1000, quantity: 2, quantityCancelled: 0, taxAmount: 0 };
    const r = cancellationAmounts(line, { subtotal: 2000, discountTotal: 0, total: 2599, refundedTotal: 2200 }, 1, false);
    expect(r.amount).toBe(399);
    expect(r.amount).toBe(r.itemsAmount + r.taxAmount - r.discountAmount + r.shippingAmount);
  });

  it('refuses impossible unit counts', () => {
    const line = { unitPrice: 1000, quantity: 2, quantityCancelled: 1, taxAmount: 0 };
    expect(() => cancellationAmounts(line, store, 2, false)).toThrow(RangeError);
    expect(() => cancellationAmounts(line, store, 0, false)).toThrow(RangeError);
  });

  // However the lines are cancelled in pieces, the refunds add up to exactly the store order's
  // total, each piece is consistent and non-negative, and nothing exceeds what is left.
  it('cancelling everything in random pieces refunds exactly the total', () => {
    const arb = fc
      .record({
        lines: fc.array(fc.record({ unitPrice: fc.integer({ min: 0, max: 50_000 }), quantity: fc.integer({ min: 1, max: 6 }), taxBps: fc.integer({ min: 0, max: 2500 }) }), { minLength: 1, maxLength: 4 }),
        shipping: fc.integer({ min: 0, max: 2000 }),
        shippingTax: fc.integer({ min: 0, max: 300 }),
        discountPct: fc.integer({ min: 0, max: 100 }),
        seed: fc.array(fc.integer({ min: 1, max: 6 }), { minLength: 30, maxLength: 30 }),
      })
      .map((x) => {
        const lines = x.lines.map((l) => ({ unitPrice: l.unitPrice, quantity: l.quantity, quantityCancelled: 0, taxAmount: Math.round((l.unitPrice * l.quantity * l.taxBps) / 10_000) }));
        const subtotal = lines.reduce((n, l) => n + l.unitPrice * l.quantity, 0);
        const tax = lines.reduce((n, l) => n + l.taxAmount, 0) + x.shippingTax;
        const discount = Math.floor(((subtotal + x.shipping + tax) * x.discountPct) / 100);
        return { lines, store: { subtotal, discountTotal: discount, total: subtotal + x.shipping + tax - discount, refundedTotal: 0 }, seed: x.seed };
      });
    fc.assert(
      fc.property(arb, ({ lines, store, seed }) => {
        let refunded = 0;
        let k = 0;
        for (let li = 0; li < lines.length; li++) {
          const l = lines[li]!;
          while (l.quantityCancelled < l.quantity) {
            const units = Math.min(seed[k++ % seed.length]!, l.quantity - l.quantityCancelled);
            const everything = lines.every((x, i) => (i === li ? x.quantityCancelled + units : x.quantityCancelled) === x.quantity);
            const r = cancellationAmounts(l, { ...store, refundedTotal: refunded }, units, everything);
            for (const v of Object.values(r)) expect(v).toBeGreaterThanOrEqual(0);
            expect(r.amount).toBe(r.itemsAmount + r.taxAmount - r.discountAmount + r.shippingAmount);
            expect(refunded + r.amount).toBeLessThanOrEqual(store.total);
            refunded += r.amount;
            l.quantityCancelled += units;
          }
        }
        expect(refunded).toBe(store.total);
      }),
    );
  });
});
