import { describe, expect, it } from 'vitest';
import { fulfilInput } from './inputs';
import { carrierName, normalizeTrackingNumber, trackingNumberProblem, trackingUrlFor } from './tracking';

describe('tracking numbers', () => {
  it('normalizes what sellers paste', () => {
    expect(normalizeTrackingNumber(' 1z 999 aa1 0123 4567 84 ')).toBe('1Z999AA10123456784');
  });

  it.each([
    ['ups', '1Z999AA10123456784', null],
    ['ups', '1Z999AA1012345678', 'That is not a UPS tracking number (1Z followed by 16 letters or digits).'],
    ['usps', '9400111899223817594010', null],
    ['usps', 'EC123456789US', null],
    ['usps', '12345', 'That is not a USPS tracking number (20–22 digits, or two letters, nine digits and two letters).'],
    ['fedex', '123456789012', null],
    ['fedex', '1234567890123', 'That is not a FedEx tracking number (12, 15, 20 or 22 digits).'],
    ['dhl', '1234567890', null],
    ['dhl', 'JJD000390007827058', null],
    ['other', 'AB-1234', null],
    ['other', 'AB', 'A tracking number is 4–40 letters, digits or dashes.'],
    ['other', '<SCRIPT>', 'A tracking number is 4–40 letters, digits or dashes.'],
    ['other', '', 'Enter the tracking number.'],
  ] as const)('%s %s', (carrier, n, problem) => {
    expect(trackingNumberProblem(carrier, n)).toBe(problem);
  });

  it('links known carriers, keeps the seller’s link, none for an unknown carrier without one', () => {
    expect(trackingUrlFor('ups', '1Z999AA10123456784')).toBe('https://www.ups.com/track?tracknum=1Z999AA10123456784');
    expect(trackingUrlFor('ups', '1Z999AA10123456784', 'https://example.com/t')).toBe('https://example.com/t');
    expect(trackingUrlFor('other', 'AB-1234')).toBeNull();
    expect(carrierName('other', '  Royal Mail ')).toBe('Royal Mail');
    expect(carrierName('fedex')).toBe('FedEx');
  });
});

describe('fulfilInput', () => {
  const base = {
    storeId: '00000000-0000-4000-8000-000000000001',
    storeOrderId: '00000000-0000-4000-8000-000000000002',
    carrier: 'ups',
    trackingNumber: '1z999aa10123456784',
    items: [{ orderItemId: '00000000-0000-4000-8000-000000000003', quantity: '2' }],
  };
  it('accepts a good fulfilment, normalizing the number and coercing quantities', () => {
    const r = fulfilInput.safeParse(base);
    expect(r.success).toBe(true);
    expect(r.data).toMatchObject({ trackingNumber: '1Z999AA10123456784', items: [{ quantity: 2 }] });
    expect(r.data!.trackingUrl).toBeUndefined();
  });
  it.each([
    [{ trackingNumber: '123' }, 'trackingNumber'],
    [{ carrier: 'other', trackingNumber: 'AB-1234' }, 'carrierName'],
    [{ trackingUrl: 'javascript:alert(1)' }, 'trackingUrl'],
    [{ trackingUrl: 'ftp://example.com/x' }, 'trackingUrl'],
    [{ items: [{ orderItemId: base.items[0]!.orderItemId, quantity: 0 }] }, 'items'],
    [{ items: [{ orderItemId: base.items[0]!.orderItemId, quantity: -1 }] }, 'items'],
    [{ items: [{ orderItemId: base.items[0]!.orderItemId, quantity: 1.5 }] }, 'items'],
    [{ items: [base.items[0], base.items[0]] }, 'items'],
    [{ carrier: 'pigeon' }, 'carrier'],
    [{ storeOrderId: 'not-a-uuid' }, 'storeOrderId'],
  ])('refuses %o (field %s)', (over, field) => {
    const r = fulfilInput.safeParse({ ...base, ...over });
    expect(r.success).toBe(false);
    expect(r.error!.issues.map((i) => i.path[0])).toContain(field);
  });
});
