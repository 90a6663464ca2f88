import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { connection } from 'next/server';
import { Suspense } from 'react';
import { EmailView } from '@/components/mail/email-view';
import { MailShell } from '@/components/mail/mail-shell';
import { MailSkeleton } from '@/components/mail/mail-skeleton';
import { getDb } from '@/lib/platform/db';
import { getOutboxEmail } from '@/lib/platform/email';
import { mailViewerEnabled } from '@/lib/platform/env';
import { env } from '@/lib/platform/env';

export const metadata: Metadata = { title: 'Email', robots: { index: false, follow: false } };

type Props = { params: Promise<{ id: string }> };

export default function MailEmailPage({ params }: Props) {
  return (
    <Suspense fallback={<MailSkeleton />}>
      <Email params={params} />
    </Suspense>
  );
}

async function Email({ params }: Props) {
  await connection();
  if (!mailViewerEnabled()) notFound();
  // getOutboxEmail answers null for anything that isn't a UUID, so a bad id is a 404 too.
  const email = await getOutboxEmail(await getDb(), (await params).id);
  if (!email) notFound();
  return (
    <MailShell>
      <EmailView email={email} from={env.EMAIL_FROM} />
    </MailShell>
  );
}
