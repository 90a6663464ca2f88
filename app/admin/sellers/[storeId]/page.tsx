import type { Metadata } from 'next';
import Image from 'next/image';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import type { ReactNode } from 'react';
import { z } from 'zod';
import { Workspace } from '@/components/accounts/workspace';
import { DecisionPanel } from '@/components/sellers/decision-forms';
import { DocumentList } from '@/components/sellers/document-list';
import { formatDate } from '@/components/sellers/onboarding-frame';
import { StoreStatusBadge } from '@/components/sellers/status-badge';
import { countryName } from '@/lib/accounts/account-inputs';
import type { SignedInActor } from '@/lib/accounts/session';
import { getDb } from '@/lib/platform/db';
import { NotFoundError } from '@/lib/platform/errors';
import { BUSINESS_TYPE_LABEL, DOCUMENT_KIND_LABEL } from '@/lib/sellers/inputs';
import { getApplicationForAdmin } from '@/lib/sellers/queries';
import { STATUS_LABEL } from '@/lib/sellers/status';

export const metadata: Metadata = { title: 'Seller application · Admin', robots: { index: false } };

type Props = { params: Promise<{ storeId: string }> };

const Row = ({ label, value }: { label: string; value: ReactNode }) => (
  <>
    <dt className="text-slate-600">{label}</dt>
    <dd className="break-words">{value || '—'}</dd>
  </>
);

function Card({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="rounded-lg border border-slate-200 p-4" aria-label={title}>
      <h2 className="font-semibold">{title}</h2>
      <div className="mt-2">{children}</div>
    </section>
  );
}

async function Detail({ actor, params }: { actor: SignedInActor; params: Props['params'] }) {
  const { storeId } = await params;
  if (!z.guid().safeParse(storeId).success) notFound();
  const app = await getApplicationForAdmin(await getDb(), actor, storeId).catch((e) => (e instanceof NotFoundError ? null : Promise.reject(e)));
  if (!app) notFound();
  const k = app.kyc;
  return (
    <div className="mt-2 space-y-6">
      <p className="text-sm">
        <Link href="/admin/sellers" className="text-brand-700 underline">
          ← Back to the queue
        </Link>
      </p>
      <div className="flex flex-wrap items-center gap-3">
        {app.store.logoUrl ? <Image src={app.store.logoUrl} alt="" width={48} height={48} className="size-12 rounded border border-slate-200 object-contain" unoptimized /> : null}
        <h2 className="text-xl font-semibold">{app.store.name}</h2>
        <StoreStatusBadge status={app.store.status} />
        <span className="font-mono text-sm text-slate-700">{app.store.slug}</span>
      </div>

      <section aria-labelledby="decision-heading" className="rounded-lg border-2 border-brand-100 bg-brand-50/40 p-4">
        <h2 id="decision-heading" className="mb-3 font-semibold">
          Decision
        </h2>
        <DecisionPanel storeId={app.store.id} status={app.store.status} />
      </section>

      <div className="grid gap-4 lg:grid-cols-2">
        <Card title="Store profile">
          <dl className="grid grid-cols-[9rem_1fr] gap-x-4 gap-y-1 text-sm">
            <Row label="Support email" value={app.store.supportEmail} />
            <Row label="Description" value={app.store.description} />
            <Row label="Return policy" value={app.store.returnPolicy} />
            <Row label="Created" value={formatDate(app.store.createdAt)} />
          </dl>
        </Card>
        <Card title="Applicant">
          {app.applicant ? (
            <dl className="grid grid-cols-[9rem_1fr] gap-x-4 gap-y-1 text-sm">
              <Row label="Name" value={app.applicant.name} />
              <Row label="Email" value={app.applicant.email} />
              <Row label="Agreement" value={k?.agreementVersion ? `Version ${k.agreementVersion}, accepted ${formatDate(k.agreementAcceptedAt)}` : 'Not accepted yet'} />
              <Row label="Submitted" value={formatDate(k?.submittedAt)} />
            </dl>
          ) : (
            <p className="text-sm text-slate-700">This store was created without an application (seed data).</p>
          )}
        </Card>
        <Card title="Business (KYC)">
          <dl className="grid grid-cols-[9rem_1fr] gap-x-4 gap-y-1 text-sm">
            <Row label="Legal name" value={k?.legalName} />
            <Row label="Business type" value={k?.businessType ? BUSINESS_TYPE_LABEL[k.businessType as keyof typeof BUSINESS_TYPE_LABEL] : null} />
            <Row label="Tax id" value={k?.taxId} />
            <Row label="Address" value={k?.addressLine1 ? [k.addressLine1, k.addressLine2, [k.postalCode, k.city].filter(Boolean).join(' '), k.region, k.country ? countryName(k.country) : null].filter(Boolean).join(', ') : null} />
          </dl>
        </Card>
        <Card title="Payout">
          <dl className="grid grid-cols-[9rem_1fr] gap-x-4 gap-y-1 text-sm">
            <Row label="Account holder" value={k?.payoutHolder} />
            <Row label="Account" value={k?.payoutAccount} />
          </dl>
        </Card>
      </div>

      <Card title={`Documents (${app.documents.length})`}>
        <DocumentList documents={app.documents} kindLabel={DOCUMENT_KIND_LABEL} removable={false} />
      </Card>

      <div className="grid gap-4 lg:grid-cols-2">
        <Card title="Members">
          {app.members.length ? (
            <ul className="space-y-1 text-sm">
              {app.members.map((m) => (
                <li key={m.userId}>
                  {m.name ?? m.email} <span className="text-slate-600">({m.email}, {m.role})</span>
                </li>
              ))}
            </ul>
          ) : (
            <p className="text-sm text-slate-700">No members until the application is approved.</p>
          )}
        </Card>
        <Card title="History">
          <ol className="space-y-2 text-sm">
            {app.history.map((h) => (
              <li key={h.id}>
                <span className="font-medium">{h.from ? `${STATUS_LABEL[h.from]} → ${STATUS_LABEL[h.to]}` : `Started as ${STATUS_LABEL[h.to].toLowerCase()}`}</span>{' '}
                <span className="text-slate-600">
                  {formatDate(h.at)}
                  {h.actorName ? ` by ${h.actorName}` : ''}
                </span>
                {h.reason ? <p className="mt-0.5 whitespace-pre-line text-slate-800">“{h.reason}”</p> : null}
              </li>
            ))}
          </ol>
        </Card>
      </div>
    </div>
  );
}

export default function AdminSellerPage({ params }: Props) {
  return (
    <Workspace title="Seller application" path="/admin/sellers" permission="admin:sellers">
      {(actor) => <Detail actor={actor} params={params} />}
    </Workspace>
  );
}
