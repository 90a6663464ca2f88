import { describe, expect, it } from 'vitest';
import { createFlashSaleInput, proposeFlashSaleInput, reserveHoldInput, reviewFlashSaleInput } from './inputs';

const base = {
  variantId: '2f1c6b1e-8f4e-4a57-9a39-3f1f1b0c9d11',
  allocation: '10',
  salePrice: '499',
  perCustomerLimit: '2',
  startsAt: '2030-01-01T10:00:00Z',
  endsAt: '2030-01-01T12:00:00Z',
};

describe('flash sale inputs', () => {
  it('coerces form values and schedules by default', () => {
    const v = createFlashSaleInput.parse(base);
    expect(v).toMatchObject({ allocation: 10, salePrice: 499, perCustomerLimit: 2, schedule: true });
    expect(v.startsAt).toEqual(new Date('2030-01-01T10:00:00Z'));
  });

  it.each([
    [{ allocation: '0' }, 'allocation'],
    [{ allocation: '1.5' }, 'allocation'],
    [{ salePrice: '-1' }, 'salePrice'],
    [{ perCustomerLimit: '0' }, 'perCustomerLimit'],
    [{ perCustomerLimit: '11' }, 'perCustomerLimit'],
    [{ endsAt: '2030-01-01T10:00:00Z' }, 'endsAt'],
    [{ endsAt: '2030-02-01T10:00:00Z' }, 'endsAt'],
    [{ startsAt: 'not a date' }, 'startsAt'],
    [{ variantId: 'nope' }, 'variantId'],
    [{ currency: 'usd' }, 'currency'],
  ])('refuses %o', (change, field) => {
    const r = createFlashSaleInput.safeParse({ ...base, ...change });
    expect(r.success).toBe(false);
    expect(r.error!.issues.map((i) => i.path[0])).toContain(field);
  });

  it("reads schedule from a checkbox or JSON: 'false' and 'off' are false", () => {
    expect(createFlashSaleInput.parse({ ...base, schedule: 'false' }).schedule).toBe(false);
    expect(createFlashSaleInput.parse({ ...base, schedule: 'off' }).schedule).toBe(false);
    expect(createFlashSaleInput.parse({ ...base, schedule: false }).schedule).toBe(false);
    expect(createFlashSaleInput.parse({ ...base, schedule: 'on' }).schedule).toBe(true);
  });

  it('a proposal names its store', () => {
    expect(proposeFlashSaleInput.safeParse(base).success).toBe(false);
    expect(proposeFlashSaleInput.safeParse({ ...base, storeId: base.variantId }).success).toBe(true);
  });

  it('a rejection needs a reason', () => {
    const id = base.variantId;
    expect(reviewFlashSaleInput.safeParse({ id, decision: 'reject' }).success).toBe(false);
    expect(reviewFlashSaleInput.safeParse({ id, decision: 'reject', reason: 'Price too low' }).success).toBe(true);
    expect(reviewFlashSaleInput.parse({ id, decision: 'approve' })).toMatchObject({ schedule: true });
  });

  it('a hold asks for 1 to 100 units, 1 by default', () => {
    expect(reserveHoldInput.parse({})).toEqual({ quantity: 1 });
    expect(reserveHoldInput.safeParse({ quantity: 0 }).success).toBe(false);
    expect(reserveHoldInput.safeParse({ quantity: 101 }).success).toBe(false);
  });
});
