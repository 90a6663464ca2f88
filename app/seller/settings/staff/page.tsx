import type { Metadata } from 'next';
import { formatDate } from '@/components/sellers/onboarding-frame';
import { SellerPage } from '@/components/sellers/seller-page';
import { SettingsNav } from '@/components/sellers/settings-nav';
import { InviteForm, LeaveStoreButton, MemberControls, RevokeInviteButton } from '@/components/sellers/team-forms';
import type { SignedInActor } from '@/lib/accounts/session';
import { getDb } from '@/lib/platform/db';
import type { PageSearchParams } from '@/lib/sellers/links';
import type { PortalStore } from '@/lib/sellers/portal';
import { listTeam } from '@/lib/sellers/staff';

export const metadata: Metadata = { title: 'Team · Store settings', robots: { index: false } };

async function Team({ actor, store }: { actor: SignedInActor; store: PortalStore }) {
  const { members, invites } = await listTeam(await getDb(), actor, store.id);
  const owner = store.role === 'owner';
  return (
    <div className="mt-6 space-y-10">
      <section aria-labelledby="members-heading">
        <h2 id="members-heading" className="text-lg font-semibold">
          Members ({members.length})
        </h2>
        <ul className="mt-3 divide-y divide-slate-200 rounded-lg border border-slate-200">
          {members.map((m) => {
            const label = m.name ?? m.email;
            return (
              <li key={m.userId} className="flex flex-wrap items-center justify-between gap-3 px-4 py-3">
                <div className="min-w-0">
                  <p className="truncate font-medium">
                    {label} {m.userId === actor.userId ? <span className="text-sm font-normal text-slate-600">(you)</span> : null}
                  </p>
                  <p className="truncate text-sm text-slate-700">
                    {m.email} · {m.role === 'owner' ? 'Owner' : 'Staff'} since {formatDate(m.since)}
                  </p>
                </div>
                {owner ? <MemberControls storeId={store.id} userId={m.userId} role={m.role} label={label} isSelf={m.userId === actor.userId} /> : null}
              </li>
            );
          })}
        </ul>
        {!owner ? (
          <div className="mt-4 space-y-2">
            <p className="text-sm text-slate-700">Only owners can invite people or change roles.</p>
            <LeaveStoreButton storeId={store.id} storeName={store.name} />
          </div>
        ) : null}
      </section>

      {owner ? (
        <>
          <section aria-labelledby="invites-heading">
            <h2 id="invites-heading" className="text-lg font-semibold">
              Open invitations
            </h2>
            {invites.length ? (
              <ul className="mt-3 divide-y divide-slate-200 rounded-lg border border-slate-200">
                {invites.map((i) => (
                  <li key={i.id} className="flex flex-wrap items-center justify-between gap-3 px-4 py-3">
                    <div>
                      <p className="font-medium">{i.email}</p>
                      <p className="text-sm text-slate-700">
                        {i.role === 'owner' ? 'Owner' : 'Staff'} · {i.expired ? <span className="text-sale">expired {formatDate(i.expiresAt)}</span> : `expires ${formatDate(i.expiresAt)}`}
                      </p>
                    </div>
                    <RevokeInviteButton storeId={store.id} inviteId={i.id} email={i.email} />
                  </li>
                ))}
              </ul>
            ) : (
              <p className="mt-2 text-sm text-slate-700">No open invitations.</p>
            )}
          </section>
          <section aria-labelledby="invite-heading">
            <h2 id="invite-heading" className="mb-3 text-lg font-semibold">
              Invite someone
            </h2>
            <InviteForm storeId={store.id} />
          </section>
        </>
      ) : null}
    </div>
  );
}

export default function StaffPage({ searchParams }: PageSearchParams) {
  return (
    <SellerPage title="Team" path="/seller/settings/staff" searchParams={searchParams}>
      {({ actor, store }) => (
        <>
          <SettingsNav current="/seller/settings/staff" slug={store.slug} />
          <Team actor={actor} store={store} />
        </>
      )}
    </SellerPage>
  );
}
