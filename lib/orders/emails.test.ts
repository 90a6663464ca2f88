import { describe, expect, it } from 'vitest';
import { extractLinks, parseEmailMessage } from '@/lib/platform/email';
import { isValidOrderAccessToken } from './access';
import { orderConfirmationEmail, orderTrackUrl, shippingUpdateEmail, type OrderEmailData, type ShipmentEmailData } from './emails';

const TRACK = 'https://shop.example/orders/MK-100001?t=abc_DEF-123';

const order = (over: Partial<OrderEmailData> = {}): OrderEmailData => ({
  orderId: '2f6c3f5e-4d0a-4d7e-9a55-0d9f1b2c3d4e',
  number: 'MK-100001',
  email: 'guest@example.com',
  placedAt: new Date('2026-03-04T10:00:00Z'),
  currency: 'USD',
  subtotal: 12998,
  shippingTotal: 500,
  taxTotal: 1040,
  discountTotal: 0,
  total: 14538,
  shippingAddress: { name: 'Ada Lovelace', line1: '12 St James’s Square', line2: 'Flat 3', city: 'London', region: null, postalCode: 'SW1Y 4JH', country: 'GB' },
  trackUrl: TRACK,
  stores: [
    {
      storeName: 'Acme Outdoor',
      shippingName: 'Standard (3–5 days)',
      lines: [
        { title: 'Trail Runner', variantTitle: 'Black / 42', quantity: 2, unitPrice: 4999, lineTotal: 9998, imageUrl: '/media/products/trail.webp' },
        { title: 'Wool Socks', variantTitle: '', quantity: 1, unitPrice: 3000, lineTotal: 3000, imageUrl: null },
      ],
    },
  ],
  ...over,
});

const shipment = (over: Partial<ShipmentEmailData> = {}): ShipmentEmailData => ({
  number: 'MK-100001',
  email: 'guest@example.com',
  storeName: 'Acme Outdoor',
  carrier: 'UPS',
  trackingNumber: '1Z999AA10123456784',
  trackingUrl: 'https://www.ups.com/track?tracknum=1Z999AA10123456784&loc=en_US',
  trackUrl: TRACK,
  lines: [{ title: 'Trail Runner', variantTitle: 'Black / 42', quantity: 2 }],
  ...over,
});

const squash = (s: string) => s.replace(/\s+/g, ' ');

describe('orderConfirmationEmail', () => {
  it('addresses the shopper with a subject, the template id and both bodies, and passes the outbox validation', async () => {
    const m = await orderConfirmationEmail(order());
    expect(m).toMatchObject({ to: 'guest@example.com', subject: 'Order MK-100001 confirmed', template: 'order.confirmation' });
    expect(m.html).toMatch(/^<!DOCTYPE html/);
    expect(m.html).toContain('<html dir="ltr" lang="en">');
    expect(m.text.trim().length).toBeGreaterThan(100);
    expect(() => parseEmailMessage(m, 'order-confirmation:x')).not.toThrow();
  });

  it('formats money from minor units in the order currency, in both bodies', async () => {
    const m = await orderConfirmationEmail(order());
    for (const body of [m.html, squash(m.text)]) {
      for (const amount of ['$49.99', '$99.98', '$30.00', '$129.98', '$5.00', '$10.40', '$145.38']) expect(body).toContain(amount);
    }
    expect(squash(m.text)).toContain('2 × $49.99 $99.98');
    expect(squash(m.text)).toContain('Subtotal $129.98');
    expect(squash(m.text)).toContain('Total $145.38');

    const yen = await orderConfirmationEmail(
      order({ currency: 'JPY', subtotal: 1500, shippingTotal: 0, taxTotal: 150, total: 1650, stores: [{ storeName: 'Tokyo', shippingName: 'EMS', lines: [{ title: 'Tea', variantTitle: '', quantity: 3, unitPrice: 500, lineTotal: 1500, imageUrl: null }] }] }),
    );
    expect(yen.text).toContain('¥1,650');
    expect(yen.text).toContain('Shipping Free');
  });

  it('shows a discount as a negative line only when there is one', async () => {
    expect((await orderConfirmationEmail(order())).text).not.toContain('Discount');
    const m = await orderConfirmationEmail(order({ discountTotal: 1000, total: 13538 }));
    expect(squash(m.text)).toContain('Discount −$10.00');
  });

  it('escapes everything shoppers and sellers typed', async () => {
    const evil = '<script>alert("x")</script><img src=x onerror=alert(1)>';
    const m = await orderConfirmationEmail(
      order({
        shippingAddress: { name: evil, line1: 'a & b "quoted"', city: 'C', postalCode: '1', country: 'US' },
        stores: [{ storeName: `Store ${evil}`, shippingName: evil, lines: [{ title: evil, variantTitle: evil, quantity: 1, unitPrice: 100, lineTotal: 100, imageUrl: null }] }],
      }),
    );
    expect(m.html).not.toContain('<script>');
    expect(m.html).not.toMatch(/<img[^>]*onerror/i);
    expect(m.html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(m.html).toContain('a &amp; b &quot;quoted&quot;');
    // The text version is plain text: the characters as typed, not entities.
    expect(m.text).toContain('<script>alert("x")</script>');
  });

  it('links to the tracking page (with its token) from both bodies, and to nothing else', async () => {
    const m = await orderConfirmationEmail(order());
    expect(extractLinks(m.html)).toEqual([TRACK]);
    expect(m.text).toContain(TRACK);
  });

  it('makes product images absolute on the site, and drops images that are not http(s)', async () => {
    const m = await orderConfirmationEmail(
      order({
        stores: [
          {
            storeName: 'S',
            shippingName: 'Std',
            lines: [
              { title: 'A', variantTitle: '', quantity: 1, unitPrice: 1, lineTotal: 1, imageUrl: '/media/products/a.webp' },
              { title: 'B', variantTitle: '', quantity: 1, unitPrice: 1, lineTotal: 1, imageUrl: 'javascript:alert(1)' },
              { title: 'C', variantTitle: '', quantity: 1, unitPrice: 1, lineTotal: 1, imageUrl: 'data:image/png;base64,AAAA' },
            ],
          },
        ],
        subtotal: 3,
        shippingTotal: 0,
        taxTotal: 0,
        total: 3,
      }),
    );
    const srcs = [...m.html.matchAll(/<img[^>]*\ssrc="([^"]*)"/g)].map((x) => x[1]);
    expect(srcs).toEqual(['https://shop.example/media/products/a.webp']);
    expect(m.html).not.toContain('javascript:');
    expect(m.html).not.toContain('data:image');
  });

  it('groups lines by seller and shows the shipping address', async () => {
    const m = await orderConfirmationEmail(
      order({
        stores: [
          { storeName: 'First Store', shippingName: 'Express', lines: [{ title: 'One', variantTitle: '', quantity: 1, unitPrice: 1000, lineTotal: 1000, imageUrl: null }] },
          { storeName: 'Second Store', shippingName: 'Economy', lines: [{ title: 'Two', variantTitle: 'Red', quantity: 1, unitPrice: 2000, lineTotal: 2000, imageUrl: null }] },
        ],
      }),
    );
    const text = m.text;
    expect(text.indexOf('SOLD BY FIRST STORE')).toBeGreaterThan(-1);
    expect(text.indexOf('One')).toBeGreaterThan(text.indexOf('SOLD BY FIRST STORE'));
    expect(text.indexOf('SOLD BY SECOND STORE')).toBeGreaterThan(text.indexOf('One'));
    expect(text.indexOf('Two')).toBeGreaterThan(text.indexOf('SOLD BY SECOND STORE'));
    expect(text).toContain('Shipping: Express');
    for (const part of ['Ada Lovelace', '12 St James’s Square', 'Flat 3', 'SW1Y 4JH London', 'GB']) expect(text).toContain(part);
    expect(text).toContain('March 4, 2026');
  });

  it('keeps the subject on one line whatever the order number holds', async () => {
    const m = await orderConfirmationEmail(order({ number: 'MK-1\r\nBcc: victim@example.com' }));
    expect(m.subject).not.toMatch(/[\r\n]/);
    expect(() => parseEmailMessage(m, 'k')).not.toThrow();
  });
});

describe('shippingUpdateEmail', () => {
  it('names the seller, carrier, tracking number and items, and links to the carrier and the order page', async () => {
    const d = shipment();
    const m = await shippingUpdateEmail(d);
    expect(m).toMatchObject({ to: 'guest@example.com', subject: 'Your order MK-100001 has shipped', template: 'order.shipped' });
    const text = squash(m.text);
    for (const part of ['Acme Outdoor', 'MK-100001', 'Carrier: UPS', '1Z999AA10123456784', 'Trail Runner · Black / 42 × 2']) expect(text).toContain(part);
    expect(extractLinks(m.html)).toEqual([d.trackingUrl, TRACK]);
    expect(m.text).toContain(d.trackingUrl!);
    expect(m.text).toContain(TRACK);
    expect(() => parseEmailMessage(m, 'order-shipped:x')).not.toThrow();
  });

  it('shows the tracking number without a link when the carrier URL is missing or not http(s)', async () => {
    for (const trackingUrl of [null, 'javascript:alert(document.cookie)', 'not a url', 'ftp://x.example/t']) {
      const m = await shippingUpdateEmail(shipment({ trackingUrl }));
      expect(extractLinks(m.html)).toEqual([TRACK]);
      expect(m.html).not.toContain('javascript:');
      expect(m.text).toContain('1Z999AA10123456784');
    }
  });

  it('escapes the seller’s carrier, tracking number and item titles', async () => {
    const m = await shippingUpdateEmail(shipment({ carrier: '<b>UPS</b>', trackingNumber: '"><script>x</script>', storeName: 'A & B', lines: [{ title: '<i>t</i>', variantTitle: '', quantity: 1 }] }));
    expect(m.html).not.toContain('<script>');
    expect(m.html).not.toContain('<b>UPS</b>');
    expect(m.html).toContain('&lt;b&gt;UPS&lt;/b&gt;');
    expect(m.html).toContain('A &amp; B');
    expect(m.html).toContain('&lt;i&gt;t&lt;/i&gt;');
  });
});

describe('orderTrackUrl', () => {
  it('is the absolute tracking page with a token valid for the order', () => {
    const o = { id: '2f6c3f5e-4d0a-4d7e-9a55-0d9f1b2c3d4e', number: 'MK-100001', email: 'Guest@Example.com' };
    const url = new URL(orderTrackUrl(o, 'https://shop.example'));
    expect(url.origin + url.pathname).toBe('https://shop.example/orders/MK-100001');
    expect(isValidOrderAccessToken(o, url.searchParams.get('t'))).toBe(true);
    expect([...url.searchParams.keys()]).toEqual(['t']);
  });
});
