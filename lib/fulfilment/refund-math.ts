/**
 * What cancelling units of a line pays back, in minor units. Decisions (README, "Seller orders"):
 * - the units at their frozen unit price, plus their share of the line's tax;
 * - minus their share of the store order's discount (a store discount is spread over its
 *   subtotal, so a cancelled unit returns what was actually paid for it);
 * - shipping (and its tax) only when the cancellation leaves every unit of the store order
 *   cancelled: nothing ships, so the shopper gets everything that is left, which also settles
 *   the rounding of the shares. Partial cancellations keep the shipping: the parcel still goes.
 * Shares are cumulative (the share of units 1..k minus the share of units 1..k-1), so however a
 * line is cancelled in pieces, its pieces add up to exactly its tax and discount share.
 */

export type LineMoney = { unitPrice: number; quantity: number; quantityCancelled: number; taxAmount: number };
export type StoreMoney = { subtotal: number; discountTotal: number; total: number; refundedTotal: number };
export type CancellationAmounts = { itemsAmount: number; taxAmount: number; discountAmount: number; shippingAmount: number; amount: number };

/** round(x * k / n) for non-negative integers, half up, exact for the sizes money has here. */
function share(x: number, k: number, n: number): number {
  if (n <= 0 || x <= 0 || k <= 0) return 0;
  return Math.floor((2 * x * k + n) / (2 * n));
}

/**
 * The refund for cancelling `units` more units of `line`. `cancelsEverything`: after this, every
 * unit of the store order is cancelled. Never more than what is left of the store order's total.
 */
export function cancellationAmounts(line: LineMoney, store: StoreMoney, units: number, cancelsEverything: boolean): CancellationAmounts {
  if (!Number.isInteger(units) || units <= 0 || line.quantityCancelled + units > line.quantity) throw new RangeError('cancellationAmounts: bad unit count');
  const before = line.quantityCancelled;
  const after = before + units;
  const itemsAmount = units * line.unitPrice;
  const taxAmount = share(line.taxAmount, after, line.quantity) - share(line.taxAmount, before, line.quantity);
  // The line's part of the store discount, spread over units the same cumulative way.
  const lineDiscount = share(store.discountTotal, line.unitPrice * line.quantity, store.subtotal);
  let discountAmount = Math.min(share(lineDiscount, after, line.quantity) - share(lineDiscount, before, line.quantity), itemsAmount + taxAmount);
  const left = Math.max(store.total - store.refundedTotal, 0);
  let shippingAmount = 0;
  const base = itemsAmount + taxAmount - discountAmount;
  if (cancelsEverything) {
    // Everything left goes back: shipping, its tax, and the rounding of the shares.
    if (left >= base) shippingAmount = left - base;
    else discountAmount += base - left;
  } else if (base > left) {
    // Refunded some other way already (e.g. by support): never pay back more than is left.
    discountAmount += base - left;
  }
  return { itemsAmount, taxAmount, discountAmount, shippingAmount, amount: itemsAmount + taxAmount - discountAmount + shippingAmount };
}
