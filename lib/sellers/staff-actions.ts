'use server';

import { refresh, revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { protectedAction, type ActionResult } from '@/lib/accounts/action';
import { signOut } from '@/lib/accounts/auth';
import { requestInfo } from '@/lib/accounts/request-info';
import { getDb } from '@/lib/platform/db';
import { acceptInviteInput, inviteInput, memberRoleInput, removeMemberInput, revokeInviteInput, storeIdInput } from './inputs';
import { enforceLimit, sellerLimits } from './limits';
import { sellerHref } from './links';
import { acceptInvite, changeMemberRole, inviteMember, removeMember, revokeInvite } from './staff';

// Store membership comes from the session (the services re-check it under a lock); a store id
// in the form only names the target.

const invite = protectedAction('seller:portal', inviteInput, async (input, actor) => {
  await enforceLimit(sellerLimits.invites, actor.userId);
  const { inviteId } = await inviteMember(await getDb(), actor, input, await requestInfo());
  return { inviteId, email: input.email }; // never the token
});
const revoke = protectedAction('seller:portal', revokeInviteInput, async (input, actor) => revokeInvite(await getDb(), actor, input));
const setRole = protectedAction('seller:portal', memberRoleInput, async (input, actor) => changeMemberRole(await getDb(), actor, input));
const remove = protectedAction('seller:portal', removeMemberInput, async (input, actor) => removeMember(await getDb(), actor, input));
const leave = protectedAction('seller:portal', storeIdInput, async ({ storeId }, actor) => {
  await removeMember(await getDb(), actor, { storeId, userId: actor.userId });
  return Object.keys(actor.stores).length > 1;
});
const accept = protectedAction('seller:apply', acceptInviteInput, async ({ token }, actor) => acceptInvite(await getDb(), actor, token, await requestInfo()));

function refreshed<T>(result: ActionResult<T>): ActionResult<T> {
  if (result.ok) refresh();
  return result;
}

export async function inviteMemberAction(prev: unknown, form: FormData) {
  return refreshed(await invite(prev, form));
}

export async function revokeInviteAction(prev: unknown, form: FormData) {
  return refreshed(await revoke(prev, form));
}

export async function changeMemberRoleAction(prev: unknown, form: FormData) {
  return refreshed(await setRole(prev, form));
}

export async function removeMemberAction(prev: unknown, form: FormData) {
  return refreshed(await remove(prev, form));
}

/** Leaves a store (never its last owner), then goes to another of the actor's stores or the account. */
export async function leaveStoreAction(prev: unknown, form: FormData) {
  const result = await leave(prev, form);
  if (result.ok) {
    revalidatePath('/seller', 'layout'); // the portal frame lists the actor's stores
    redirect(result.data ? '/seller' : '/account');
  }
  return result;
}

/** Joins the store and opens its portal. */
export async function acceptInviteAction(prev: unknown, form: FormData) {
  const result = await accept(prev, form);
  if (result.ok) {
    // The portal frame (a layout, kept across navigations) lists the actor's stores: redraw it.
    revalidatePath('/seller', 'layout');
    redirect(sellerHref('/seller', result.data.slug));
  }
  return result;
}

/** Signs out and comes back to the invitation through sign-in, to accept it with the invited account. */
export async function switchAccountForInviteAction(form: FormData) {
  const parsed = acceptInviteInput.safeParse({ token: form.get('token') });
  const back = parsed.success ? `/seller/invites/${parsed.data.token}` : '/seller/onboarding';
  await signOut({ redirectTo: `/signin?callbackUrl=${encodeURIComponent(back)}` });
}
