import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { connection } from 'next/server';
import { Suspense } from 'react';
import { MailShell } from '@/components/mail/mail-shell';
import { MailSkeleton } from '@/components/mail/mail-skeleton';
import { OutboxPager, OutboxTable, RecipientFilter } from '@/components/mail/outbox-table';
import { getDb } from '@/lib/platform/db';
import { listOutbox, parseOutboxQuery } from '@/lib/platform/email';
import { mailViewerEnabled } from '@/lib/platform/env';

export const metadata: Metadata = { title: 'Mail viewer', robots: { index: false, follow: false } };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

// Everything reads per request; the prerendered shell is only the skeleton. With Cache
// Components the response has started by then, so a disabled viewer is a soft 404 (200 + noindex).
export default function MailPage({ searchParams }: Props) {
  return (
    <Suspense fallback={<MailSkeleton />}>
      <Outbox searchParams={searchParams} />
    </Suspense>
  );
}

async function Outbox({ searchParams }: Props) {
  await connection();
  if (!mailViewerEnabled()) notFound();
  const { to, cursor } = parseOutboxQuery(await searchParams);
  const { items, nextCursor } = await listOutbox(await getDb(), { to, cursor, limit: 50 });
  const caption = `${to ? `Emails to ${to}` : 'All emails'}${cursor ? ' (older page)' : ''}, newest first`;
  return (
    <MailShell>
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-2xl font-bold tracking-tight">Outbox</h1>
          <p className="mt-1 text-sm text-slate-600">
            {to ? (
              <>
                Emails to <strong className="break-all text-slate-900">{to}</strong>, newest first.
              </>
            ) : (
              'Every email the marketplace wrote, newest first.'
            )}
          </p>
        </div>
        <RecipientFilter to={to} />
      </div>
      <div className="mt-6">
        {items.length ? (
          <OutboxTable items={items} caption={caption} />
        ) : (
          <div role="status" className="rounded-lg border border-dashed border-slate-300 px-4 py-12 text-center">
            <p className="font-medium text-slate-900">{cursor ? 'No older emails.' : to ? `No emails to ${to} yet.` : 'No emails yet.'}</p>
            <p className="mt-1 text-sm text-slate-600">Emails appear here as soon as the marketplace writes them: sign-in links, order confirmations, reminders.</p>
          </div>
        )}
      </div>
      <OutboxPager to={to} cursor={cursor} nextCursor={nextCursor} />
    </MailShell>
  );
}
