import type { EmailMessage } from '@/lib/platform/email';

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function layout(title: string, body: string, link: { href: string; label: string }): Pick<EmailMessage, 'html' | 'text'> {
  return {
    html: `<!doctype html><html><body style="font-family:system-ui,sans-serif;color:#0f172a;max-width:560px;margin:auto;padding:24px">
<h1 style="font-size:20px">${escape(title)}</h1><p>${escape(body)}</p>
<p><a href="${escape(link.href)}" style="display:inline-block;background:#1d5fd1;color:#fff;padding:10px 16px;border-radius:6px;text-decoration:none">${escape(link.label)}</a></p>
<p style="color:#475569;font-size:12px">If you didn’t ask for this, ignore this email.</p></body></html>`,
    text: `${title}\n\n${body}\n\n${link.label}: ${link.href}\n\nIf you didn’t ask for this, ignore this email.`,
  };
}

export function verifyEmailMessage(to: string, href: string): EmailMessage {
  return {
    to,
    subject: 'Confirm your email address',
    template: 'account.verify-email',
    ...layout('Confirm your email', 'Confirm this address to finish creating your Marketplace account. The link works for 24 hours.', { href, label: 'Confirm email' }),
  };
}

export function magicLinkMessage(to: string, href: string): EmailMessage {
  return {
    to,
    subject: 'Your sign-in link',
    template: 'account.magic-link',
    ...layout('Sign in to Marketplace', 'Use this link to sign in. It works once, within 24 hours.', { href, label: 'Sign in' }),
  };
}

export function resetPasswordMessage(to: string, href: string): EmailMessage {
  return {
    to,
    subject: 'Reset your password',
    template: 'account.reset-password',
    ...layout('Reset your password', 'Choose a new password for your Marketplace account. The link works for one hour.', { href, label: 'Choose a new password' }),
  };
}
