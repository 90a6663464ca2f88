import { Body, Button, Column, Container, Head, Heading, Hr, Html, Preview, Row, Section, Text } from '@react-email/components';
import { render } from '@react-email/render';
import { formatMoney } from '@/lib/money';
import type { EmailMessage } from '@/lib/platform/email';

/**
 * The shopper's email when a seller cancels units before shipping them (template
 * `order.items_cancelled`). Names and titles go through React, which escapes them.
 */
export type ItemsCancelledEmailData = {
  number: string;
  email: string;
  storeName: string;
  currency: string;
  /** What is paid back (0: nothing was owed, e.g. a fully discounted line). */
  amount: number;
  reason: string;
  trackUrl: string;
  lines: { title: string; variantTitle: string; quantity: number }[];
};

const ink = '#0f172a';
const muted = '#475569';
const line = '#e2e8f0';
const brand = '#1d5fd1';
const p = { fontSize: '14px', lineHeight: '22px', margin: '0 0 12px' };
const cell = { fontSize: '14px', lineHeight: '20px', verticalAlign: 'top' as const, padding: '6px 0' };

export function ItemsCancelledTemplate({ d }: { d: ItemsCancelledEmailData }) {
  const money = formatMoney(d.amount, d.currency);
  return (
    <Html lang="en">
      <Head />
      <Preview>{`${d.storeName} cancelled part of order ${d.number}${d.amount ? `; ${money} is on its way back to you` : ''}.`}</Preview>
      <Body style={{ backgroundColor: '#f8fafc', fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif', color: ink, margin: 0 }}>
        <Container style={{ backgroundColor: '#ffffff', maxWidth: '600px', margin: '0 auto', padding: '32px 24px' }}>
          <Text style={{ fontSize: '18px', fontWeight: 700, color: brand, margin: '0 0 24px' }}>Marketplace</Text>
          <Heading as="h1" style={{ fontSize: '22px', lineHeight: '28px', margin: '0 0 8px' }}>
            Some items were cancelled
          </Heading>
          <Text style={p}>
            <strong>{d.storeName}</strong> could not send these items from order <strong>{d.number}</strong> and cancelled them:
          </Text>
          <Section>
            {d.lines.map((l, i) => (
              <Row key={i} style={{ borderBottom: `1px solid ${line}` }}>
                <Column style={cell}>
                  <strong>{l.title}</strong>
                  {l.variantTitle ? <span style={{ color: muted }}> · {l.variantTitle}</span> : null}
                </Column>
                <Column style={{ ...cell, textAlign: 'right', width: '64px' }}>× {l.quantity}</Column>
              </Row>
            ))}
          </Section>
          <Text style={{ ...p, marginTop: '16px' }}>Reason: {d.reason}</Text>
          {d.amount ? (
            <Text style={p}>
              We are refunding <strong>{money}</strong> to your original payment method. Depending on your bank it can take 5–10 business days to show up.
            </Text>
          ) : (
            <Text style={p}>Nothing was charged for these items, so there is nothing to refund.</Text>
          )}
          <Section style={{ margin: '16px 0 8px' }}>
            <Button href={d.trackUrl} style={{ backgroundColor: brand, color: '#ffffff', borderRadius: '6px', padding: '12px 18px', fontSize: '14px', fontWeight: 600, textDecoration: 'none' }}>
              See your order
            </Button>
          </Section>
          <Hr style={{ borderColor: line, margin: '24px 0' }} />
          <Text style={{ fontSize: '13px', lineHeight: '20px', color: muted, margin: 0 }}>You received this email because an order was placed with this address on Marketplace.</Text>
        </Container>
      </Body>
    </Html>
  );
}

const oneLine = (s: string, max = 200) => s.replace(/[\u0000-\u001f\u007f]+/g, ' ').replace(/\s+/g, ' ').trim().slice(0, max);

export async function itemsCancelledEmail(d: ItemsCancelledEmailData): Promise<EmailMessage> {
  const el = <ItemsCancelledTemplate d={d} />;
  const [html, text] = await Promise.all([render(el), render(el, { plainText: true })]);
  return { to: d.email, subject: oneLine(`Items cancelled from your order ${d.number}`), template: 'order.items_cancelled', html, text };
}
