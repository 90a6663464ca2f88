import type { EmailMessage } from '@/lib/platform/email';
import { env } from '@/lib/platform/env';

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const url = (path: string) => new URL(path, env.PUBLIC_URL).toString();

type Parts = { title: string; paragraphs: string[]; quote?: string; link?: { href: string; label: string } };

function render({ title, paragraphs, quote, link }: Parts): Pick<EmailMessage, 'html' | 'text'> {
  const html = `<!doctype html><html><body style="font-family:system-ui,sans-serif;color:#0f172a;max-width:560px;margin:auto;padding:24px">
<h1 style="font-size:20px">${escape(title)}</h1>
${paragraphs.map((p) => `<p>${escape(p)}</p>`).join('\n')}
${quote ? `<blockquote style="margin:16px 0;padding:8px 12px;border-left:4px solid #cbd5e1;white-space:pre-wrap">${escape(quote)}</blockquote>` : ''}
${link ? `<p><a href="${escape(link.href)}" style="display:inline-block;background:#1d5fd1;color:#fff;padding:10px 16px;border-radius:6px;text-decoration:none">${escape(link.label)}</a></p>` : ''}
<p style="color:#475569;font-size:12px">Marketplace seller support</p></body></html>`;
  const text = [title, '', ...paragraphs.flatMap((p) => [p, '']), ...(quote ? [quote.replace(/^/gm, '> '), ''] : []), ...(link ? [`${link.label}: ${link.href}`, ''] : []), 'Marketplace seller support'].join('\n');
  return { html, text };
}

export function applicationSubmittedMessage(to: string, storeName: string): EmailMessage {
  return {
    to,
    subject: `We received your application for ${storeName}`,
    template: 'sellers.application-submitted',
    ...render({
      title: 'Application received',
      paragraphs: [`Thanks for applying to sell on Marketplace as ${storeName}.`, 'Our team reviews applications within two business days. We’ll email you as soon as there is a decision.'],
      link: { href: url('/seller/onboarding'), label: 'View your application' },
    }),
  };
}

export function applicationWithdrawnMessage(to: string, storeName: string): EmailMessage {
  return {
    to,
    subject: `Your application for ${storeName} was withdrawn`,
    template: 'sellers.application-withdrawn',
    ...render({
      title: 'Application withdrawn',
      paragraphs: [`Your application for ${storeName} is back in draft. Edit it and submit it again whenever you’re ready.`],
      link: { href: url('/seller/onboarding'), label: 'Continue your application' },
    }),
  };
}

export function applicationApprovedMessage(to: string, storeName: string, slug: string): EmailMessage {
  return {
    to,
    subject: `${storeName} is approved and open`,
    template: 'sellers.application-approved',
    ...render({
      title: 'Welcome to Marketplace!',
      paragraphs: [`Your application for ${storeName} is approved and your store is active.`, 'Add your products and stock in the seller portal to start selling.'],
      link: { href: url(`/seller?store=${encodeURIComponent(slug)}`), label: 'Open the seller portal' },
    }),
  };
}

export function applicationRejectedMessage(to: string, storeName: string, reason: string): EmailMessage {
  return {
    to,
    subject: `Your application for ${storeName} needs changes`,
    template: 'sellers.application-rejected',
    ...render({
      title: 'Your application needs changes',
      paragraphs: [`We couldn’t approve ${storeName} yet. Our reviewer wrote:`],
      quote: reason,
      link: { href: url('/seller/onboarding'), label: 'Update and resubmit' },
    }),
  };
}

export function storeSuspendedMessage(to: string, storeName: string, reason: string): EmailMessage {
  return {
    to,
    subject: `${storeName} is suspended`,
    template: 'sellers.store-suspended',
    ...render({
      title: 'Your store is suspended',
      paragraphs: [`${storeName} is suspended: its products are hidden from shoppers until it is reactivated. The reason:`],
      quote: reason,
      link: { href: url('/seller'), label: 'Open the seller portal' },
    }),
  };
}

export function storeReactivatedMessage(to: string, storeName: string, slug: string): EmailMessage {
  return {
    to,
    subject: `${storeName} is active again`,
    template: 'sellers.store-reactivated',
    ...render({
      title: 'Your store is active again',
      paragraphs: [`${storeName} is reactivated; shoppers can see and buy its products again.`],
      link: { href: url(`/seller?store=${encodeURIComponent(slug)}`), label: 'Open the seller portal' },
    }),
  };
}

export function staffInviteMessage(to: string, p: { storeName: string; inviter: string; role: 'owner' | 'staff'; href: string; expiresAt: Date }): EmailMessage {
  return {
    to,
    subject: `${p.inviter} invited you to ${p.storeName} on Marketplace`,
    template: 'sellers.staff-invite',
    ...render({
      title: `Join ${p.storeName}`,
      paragraphs: [
        `${p.inviter} invited you to help run ${p.storeName} as ${p.role === 'owner' ? 'an owner' : 'staff'}.`,
        `Sign in (or create an account) with this email address, ${to}, to accept. The link works until ${p.expiresAt.toUTCString()}.`,
      ],
      link: { href: p.href, label: 'Accept the invitation' },
    }),
  };
}

export function payoutChangedMessage(to: string, storeName: string, masked: string): EmailMessage {
  return {
    to,
    subject: `Payout details changed for ${storeName}`,
    template: 'sellers.payout-changed',
    ...render({
      title: 'Payout details changed',
      paragraphs: [`The bank account for ${storeName}’s payouts was changed to ${masked}.`, 'If you didn’t make this change, contact Marketplace support at once.'],
      link: { href: url('/seller/settings'), label: 'Review store settings' },
    }),
  };
}
