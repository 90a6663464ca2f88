import Link from 'next/link';
import type { OutboxEmail } from '@/db/schema/messaging';
import { extractLinks } from '@/lib/platform/email';
import { formatUtcSeconds } from './format';
import { StatusBadge } from './status-badge';

function Field({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="grid gap-1 py-2 sm:grid-cols-[10rem_1fr] sm:gap-4">
      <dt className="text-sm font-medium text-slate-600">{label}</dt>
      <dd className="min-w-0 break-words text-sm text-slate-900">{children}</dd>
    </div>
  );
}

const when = (d: Date) => <time dateTime={d.toISOString()}>{formatUtcSeconds(d)}</time>;

export function EmailView({ email, from }: { email: OutboxEmail; from: string }) {
  const links = extractLinks(email.html);
  const delivered = email.status === 'sent' || email.status === 'captured';
  return (
    <article aria-labelledby="mail-subject" className="space-y-8">
      <div>
        <Link href="/mail" className="text-sm text-brand-700 hover:underline">
          ← All mail
        </Link>
        <h1 id="mail-subject" className="mt-2 break-words text-2xl font-bold tracking-tight">
          {email.subject}
        </h1>
      </div>

      <section aria-labelledby="headers-heading">
        <h2 id="headers-heading" className="sr-only">
          Headers
        </h2>
        <dl className="divide-y divide-slate-200 rounded-lg border border-slate-200 px-4">
          <Field label="To">
            <Link href={`/mail?${new URLSearchParams({ to: email.to })}`} className="break-all text-brand-700 hover:underline">
              {email.to}
            </Link>
          </Field>
          <Field label="From">{from}</Field>
          <Field label="Subject">{email.subject}</Field>
          <Field label="Template">
            <code className="font-mono text-xs">{email.template}</code>
          </Field>
          <Field label="Status">
            <StatusBadge status={email.status} /> <span className="ml-2 text-slate-600">{email.attempts === 1 ? '1 attempt' : `${email.attempts} attempts`}</span>
          </Field>
          <Field label="Created">{when(email.createdAt)}</Field>
          {delivered && email.sentAt ? <Field label={email.status === 'sent' ? 'Sent' : 'Captured'}>{when(email.sentAt)}</Field> : null}
          {email.status === 'pending' && email.sentAt ? <Field label="Next attempt">{when(email.sentAt)}</Field> : null}
          {email.providerMessageId ? (
            <Field label="Provider id">
              <code className="font-mono text-xs">{email.providerMessageId}</code>
            </Field>
          ) : null}
          {email.lastError ? (
            <Field label="Last error">
              <span className="text-red-800">{email.lastError}</span>
            </Field>
          ) : null}
          <Field label="Dedupe key">
            <code className="break-all font-mono text-xs">{email.dedupeKey}</code>
          </Field>
        </dl>
      </section>

      <section aria-labelledby="html-heading">
        <h2 id="html-heading" className="text-lg font-semibold">
          HTML version
        </h2>
        {email.html.trim() ? (
          // sandbox="" gives the mail HTML no scripts, forms, popups or same-origin access.
          <iframe
            title={`HTML version of “${email.subject}”`}
            sandbox=""
            srcDoc={email.html}
            referrerPolicy="no-referrer"
            className="mt-3 h-[70vh] w-full rounded-lg border border-slate-200 bg-white"
          />
        ) : (
          <p className="mt-2 text-slate-600">This email has no HTML version.</p>
        )}
      </section>

      {links.length ? (
        <section aria-labelledby="links-heading">
          <h2 id="links-heading" className="text-lg font-semibold">
            Links in this email
          </h2>
          <p className="mt-1 text-sm text-slate-600">The preview above can’t follow links; open them from here.</p>
          <ul className="mt-3 space-y-1 text-sm">
            {links.map((href) => (
              <li key={href}>
                <a href={href} rel="noreferrer noopener" className="break-all text-brand-700 underline">
                  {href}
                </a>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <section aria-labelledby="text-heading">
        <h2 id="text-heading" className="text-lg font-semibold">
          Text version
        </h2>
        {email.text.trim() ? (
          <pre className="mt-3 overflow-x-auto whitespace-pre-wrap break-words rounded-lg border border-slate-200 bg-slate-50 p-4 font-mono text-sm">{email.text}</pre>
        ) : (
          <p className="mt-2 text-slate-600">This email has no text version.</p>
        )}
      </section>
    </article>
  );
}
