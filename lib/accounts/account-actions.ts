'use server';

import { refresh } from 'next/cache';
import { getDb } from '@/lib/platform/db';
import { protectedAction, type ActionResult } from './action';
import { addressIdInput, createAddressInput, deleteAccountInput, profileInput, setDefaultInput, updateAddressInput } from './account-inputs';
import { createAddress, deleteAddress, setDefaultAddress, updateAddress } from './addresses';
import { signOut } from './auth';
import { deleteMyAccount } from './privacy';
import { updateProfile } from './profile';

// Thin: parse, authorize and map results in protectedAction, rules in the services. The user is
// always the session's; an id in the form only ever names one of that user's rows.

const updateProfileHandler = protectedAction('account:manage', profileInput, async (input, actor) => {
  await updateProfile(await getDb(), actor, input);
});
const createAddressHandler = protectedAction('account:manage', createAddressInput, async (input, actor) => {
  await createAddress(await getDb(), actor, input);
});
const updateAddressHandler = protectedAction('account:manage', updateAddressInput, async (input, actor) => {
  await updateAddress(await getDb(), actor, input);
});
const deleteAddressHandler = protectedAction('account:manage', addressIdInput, async (input, actor) => {
  await deleteAddress(await getDb(), actor, input);
});
const setDefaultHandler = protectedAction('account:manage', setDefaultInput, async (input, actor) => {
  await setDefaultAddress(await getDb(), actor, input);
  return input.kind;
});
const deleteAccountHandler = protectedAction('account:manage', deleteAccountInput, async (input, actor) => {
  await deleteMyAccount(await getDb(), actor, input);
});

/** Account pages are dynamic: after a write, the client re-renders the page it is on. */
function refreshed<T>(result: ActionResult<T>): ActionResult<T> {
  if (result.ok) refresh();
  return result;
}

export async function updateProfileAction(prev: unknown, form: FormData) {
  return refreshed(await updateProfileHandler(prev, form));
}

export async function createAddressAction(prev: unknown, form: FormData) {
  return refreshed(await createAddressHandler(prev, form));
}

export async function updateAddressAction(prev: unknown, form: FormData) {
  return refreshed(await updateAddressHandler(prev, form));
}

export async function deleteAddressAction(prev: unknown, form: FormData) {
  return refreshed(await deleteAddressHandler(prev, form));
}

export async function setDefaultAddressAction(prev: unknown, form: FormData) {
  return refreshed(await setDefaultHandler(prev, form));
}

/** Deletes the account, then ends this session and goes home (signOut redirects). */
export async function deleteAccountAction(prev: unknown, form: FormData) {
  const result = await deleteAccountHandler(prev, form);
  if (result.ok) await signOut({ redirectTo: '/' });
  return result;
}
