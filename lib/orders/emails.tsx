import { Body, Button, Column, Container, Head, Heading, Hr, Html, Img, Link, Preview, Row, Section, Text } from '@react-email/components';
import { render } from '@react-email/render';
import { asc, eq } from 'drizzle-orm';
import type { ReactElement, ReactNode } from 'react';
import type { AddressSnapshot } from '@/db/schema/checkout';
import { orderItems, orders, storeOrders } from '@/db/schema/orders';
import { stores } from '@/db/schema/sellers';
import { formatMoney } from '@/lib/money';
import type { DbOrTx } from '@/lib/platform/db';
import type { EmailMessage } from '@/lib/platform/email';
import { env } from '@/lib/platform/env';
import { orderPath } from './access';

/**
 * Order emails as React Email templates. Everything a shopper or seller typed (names, titles,
 * addresses, carrier) goes through React, which escapes it; URLs that come from outside (a
 * carrier's tracking link, product images) are only rendered when they are http(s).
 */

export type OrderEmailData = {
  orderId: string;
  number: string;
  email: string;
  placedAt: Date;
  currency: string;
  subtotal: number;
  shippingTotal: number;
  taxTotal: number;
  discountTotal: number;
  total: number;
  shippingAddress: AddressSnapshot;
  trackUrl: string;
  stores: {
    storeName: string;
    shippingName: string;
    lines: { title: string; variantTitle: string; quantity: number; unitPrice: number; lineTotal: number; imageUrl: string | null }[];
  }[];
};

export type ShipmentEmailData = {
  number: string;
  email: string;
  storeName: string;
  carrier: string;
  trackingNumber: string;
  trackingUrl: string | null;
  trackUrl: string;
  lines: { title: string; variantTitle: string; quantity: number }[];
};

/** The tracking page of an order, absolute, with the guest access token (works without an account). */
export function orderTrackUrl(order: { id: string; number: string; email: string }, base: string = env.PUBLIC_URL): string {
  return new URL(orderPath(order), base).toString();
}

/** Everything the confirmation email shows, read from the order tables (pass the transaction that wrote them). */
export async function loadOrderEmailData(db: DbOrTx, orderId: string): Promise<OrderEmailData> {
  const [o] = await db.select().from(orders).where(eq(orders.id, orderId));
  if (!o) throw new Error(`loadOrderEmailData: order ${orderId} not found`);
  const parts = await db
    .select({ id: storeOrders.id, storeName: stores.name, shippingMethod: storeOrders.shippingMethod })
    .from(storeOrders)
    .innerJoin(stores, eq(stores.id, storeOrders.storeId))
    .where(eq(storeOrders.orderId, orderId))
    .orderBy(asc(storeOrders.number));
  const lines = await db
    .select({
      storeOrderId: orderItems.storeOrderId,
      title: orderItems.title,
      variantTitle: orderItems.variantTitle,
      quantity: orderItems.quantity,
      unitPrice: orderItems.unitPrice,
      lineTotal: orderItems.lineTotal,
      imageUrl: orderItems.imageUrl,
    })
    .from(orderItems)
    .where(eq(orderItems.orderId, orderId))
    .orderBy(asc(orderItems.title), asc(orderItems.variantTitle), asc(orderItems.id));
  return {
    orderId: o.id,
    number: o.number,
    email: o.email,
    placedAt: o.placedAt,
    currency: o.currency,
    subtotal: o.subtotal,
    shippingTotal: o.shippingTotal,
    taxTotal: o.taxTotal,
    discountTotal: o.discountTotal,
    total: o.total,
    shippingAddress: o.shippingAddress,
    trackUrl: orderTrackUrl(o),
    stores: parts.map((p) => ({
      storeName: p.storeName,
      shippingName: p.shippingMethod.name,
      lines: lines.filter((l) => l.storeOrderId === p.id).map((l) => ({ title: l.title, variantTitle: l.variantTitle, quantity: l.quantity, unitPrice: l.unitPrice, lineTotal: l.lineTotal, imageUrl: l.imageUrl })),
    })),
  };
}

// ---- Rendering ----

const dateFormat = new Intl.DateTimeFormat('en-US', { dateStyle: 'long', timeZone: 'UTC' });

/** An absolute http(s) URL, or null (relative URLs resolve against `base`). */
function safeUrl(raw: string | null | undefined, base?: string): string | null {
  if (!raw) return null;
  try {
    const url = base ? new URL(raw, base) : new URL(raw);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.toString() : null;
  } catch {
    return null;
  }
}

// A subject is one header line: no control characters, and short enough for every inbox.
const oneLine = (s: string, max = 200) => s.replace(/[\u0000-\u001f\u007f]+/g, ' ').replace(/\s+/g, ' ').trim().slice(0, max);

const c = {
  ink: '#0f172a',
  muted: '#475569',
  line: '#e2e8f0',
  brand: '#1d5fd1',
};

const s = {
  body: { backgroundColor: '#f8fafc', fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif', color: c.ink, margin: 0 },
  container: { backgroundColor: '#ffffff', maxWidth: '600px', margin: '0 auto', padding: '32px 24px' },
  brand: { fontSize: '18px', fontWeight: 700, color: c.brand, margin: '0 0 24px' },
  h1: { fontSize: '22px', lineHeight: '28px', margin: '0 0 8px' },
  h2: { fontSize: '16px', lineHeight: '22px', margin: '24px 0 8px' },
  p: { fontSize: '14px', lineHeight: '22px', margin: '0 0 12px' },
  muted: { fontSize: '13px', lineHeight: '20px', color: c.muted, margin: 0 },
  button: { backgroundColor: c.brand, color: '#ffffff', borderRadius: '6px', padding: '12px 18px', fontSize: '14px', fontWeight: 600, textDecoration: 'none' },
  hr: { borderColor: c.line, margin: '24px 0' },
  cell: { fontSize: '14px', lineHeight: '20px', verticalAlign: 'top' as const, padding: '6px 0' },
  right: { textAlign: 'right' as const },
  total: { fontSize: '16px', fontWeight: 700 },
};

function Layout({ preview, children }: { preview: string; children: ReactNode }) {
  return (
    <Html lang="en">
      <Head />
      <Preview>{preview}</Preview>
      <Body style={s.body}>
        <Container style={s.container}>
          <Text style={s.brand}>Marketplace</Text>
          {children}
          <Hr style={s.hr} />
          <Text style={s.muted}>You received this email because an order was placed with this address on Marketplace.</Text>
        </Container>
      </Body>
    </Html>
  );
}

function AddressBlock({ a }: { a: AddressSnapshot }) {
  const lines = [a.name, a.line1, a.line2, [a.postalCode, a.city].filter(Boolean).join(' '), a.region, a.country].filter((l): l is string => Boolean(l && l.trim()));
  return (
    <Text style={s.p}>
      {lines.map((l, i) => (
        <span key={i}>
          {l}
          {i < lines.length - 1 ? <br /> : null}
        </span>
      ))}
    </Text>
  );
}

function TotalRow({ label, value, strong }: { label: string; value: string; strong?: boolean }) {
  return (
    <Row>
      <Column style={{ ...s.cell, ...(strong ? s.total : {}) }}>{label}</Column>
      <Column style={{ ...s.cell, ...s.right, ...(strong ? s.total : {}) }}>{value}</Column>
    </Row>
  );
}

export function OrderConfirmationTemplate({ d }: { d: OrderEmailData }) {
  const money = (n: number) => formatMoney(n, d.currency);
  const itemCount = d.stores.reduce((n, st) => n + st.lines.reduce((m, l) => m + l.quantity, 0), 0);
  return (
    <Layout preview={`Order ${d.number}: ${itemCount} ${itemCount === 1 ? 'item' : 'items'}, ${money(d.total)}. We’ll email you when it ships.`}>
      <Heading as="h1" style={s.h1}>
        Thank you for your order
      </Heading>
      <Text style={s.p}>
        Order <strong>{d.number}</strong> was placed on {dateFormat.format(d.placedAt)}. We’ll email you as soon as it ships.
      </Text>
      <Section style={{ margin: '16px 0 8px' }}>
        <Button href={d.trackUrl} style={s.button}>
          Track your order
        </Button>
      </Section>
      {d.stores.map((st, i) => (
        <Section key={i}>
          <Heading as="h2" style={s.h2}>
            Sold by {st.storeName}
          </Heading>
          <Text style={s.muted}>Shipping: {st.shippingName}</Text>
          {st.lines.map((l, j) => {
            const image = safeUrl(l.imageUrl, d.trackUrl);
            return (
              <Row key={j} style={{ borderBottom: `1px solid ${c.line}` }}>
                <Column style={{ ...s.cell, width: '64px' }}>
                  {/* fetchPriority="low" keeps React from adding a <link rel="preload"> for the image to the head. */}
                  {image ? <Img src={image} alt="" width="56" height="56" fetchPriority="low" style={{ borderRadius: '4px', objectFit: 'cover' }} /> : null}
                </Column>
                <Column style={s.cell}>
                  <strong>{l.title}</strong>
                  {l.variantTitle ? (
                    <>
                      <br />
                      <span style={{ color: c.muted }}>{l.variantTitle}</span>
                    </>
                  ) : null}
                  <br />
                  <span style={{ color: c.muted }}>
                    {l.quantity} × {money(l.unitPrice)}
                  </span>
                </Column>
                <Column style={{ ...s.cell, ...s.right, width: '96px' }}>{money(l.lineTotal)}</Column>
              </Row>
            );
          })}
        </Section>
      ))}
      <Section style={{ marginTop: '16px' }}>
        <TotalRow label="Subtotal" value={money(d.subtotal)} />
        <TotalRow label="Shipping" value={d.shippingTotal ? money(d.shippingTotal) : 'Free'} />
        <TotalRow label="Tax" value={money(d.taxTotal)} />
        {d.discountTotal ? <TotalRow label="Discount" value={`−${money(d.discountTotal)}`} /> : null}
        <TotalRow label="Total" value={money(d.total)} strong />
      </Section>
      <Heading as="h2" style={s.h2}>
        Shipping to
      </Heading>
      <AddressBlock a={d.shippingAddress} />
      <Text style={s.muted}>
        Questions about your order? Reply to this email or open your{' '}
        <Link href={d.trackUrl} style={{ color: c.brand }}>
          order page
        </Link>
        .
      </Text>
    </Layout>
  );
}

export function ShippingUpdateTemplate({ d }: { d: ShipmentEmailData }) {
  const carrierLink = safeUrl(d.trackingUrl);
  return (
    <Layout preview={`${d.storeName} shipped part of order ${d.number} with ${d.carrier}.`}>
      <Heading as="h1" style={s.h1}>
        Your order is on its way
      </Heading>
      <Text style={s.p}>
        <strong>{d.storeName}</strong> shipped these items from order <strong>{d.number}</strong>:
      </Text>
      <Section>
        {d.lines.map((l, i) => (
          <Row key={i} style={{ borderBottom: `1px solid ${c.line}` }}>
            <Column style={s.cell}>
              <strong>{l.title}</strong>
              {l.variantTitle ? <span style={{ color: c.muted }}> · {l.variantTitle}</span> : null}
            </Column>
            <Column style={{ ...s.cell, ...s.right, width: '64px' }}>× {l.quantity}</Column>
          </Row>
        ))}
      </Section>
      <Text style={{ ...s.p, marginTop: '16px' }}>
        Carrier: <strong>{d.carrier}</strong>
        <br />
        Tracking number:{' '}
        {carrierLink ? (
          <Link href={carrierLink} style={{ color: c.brand }}>
            {d.trackingNumber}
          </Link>
        ) : (
          <strong>{d.trackingNumber}</strong>
        )}
      </Text>
      <Section style={{ margin: '16px 0 8px' }}>
        <Button href={d.trackUrl} style={s.button}>
          See your order
        </Button>
      </Section>
    </Layout>
  );
}

// Table cells read as words in the text version ("Subtotal $129.98", not "Subtotal$129.98").
const textOptions = {
  formatters: {
    cell: (elem: { children: unknown[] }, walk: (nodes: unknown[], builder: unknown) => void, builder: { addInline: (s: string) => void }) => {
      builder.addInline(' ');
      walk(elem.children, builder);
    },
  },
  selectors: [{ selector: 'td', format: 'cell' }],
};

async function renderBoth(el: ReactElement): Promise<Pick<EmailMessage, 'html' | 'text'>> {
  const [html, text] = await Promise.all([render(el), render(el, { plainText: true, htmlToTextOptions: textOptions })]);
  return { html, text };
}

/** The order confirmation (template `order.confirmation`), ready for `enqueueEmail`. */
export async function orderConfirmationEmail(d: OrderEmailData): Promise<EmailMessage> {
  return { to: d.email, subject: oneLine(`Order ${d.number} confirmed`), template: 'order.confirmation', ...(await renderBoth(<OrderConfirmationTemplate d={d} />)) };
}

/** A seller shipped (part of) an order (template `order.shipped`). */
export async function shippingUpdateEmail(d: ShipmentEmailData): Promise<EmailMessage> {
  return { to: d.email, subject: oneLine(`Your order ${d.number} has shipped`), template: 'order.shipped', ...(await renderBoth(<ShippingUpdateTemplate d={d} />)) };
}
