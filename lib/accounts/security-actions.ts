'use server';

import { z } from 'zod';
import { getDb } from '@/lib/platform/db';
import { protectedAction } from './action';
import { signOut } from './auth';
import { changePasswordInput } from './inputs';
import { requestInfo } from './request-info';
import { changePassword, signOutEverywhere } from './security';

const changePasswordHandler = protectedAction('account:manage', changePasswordInput, async (input, actor) => {
  await changePassword(await getDb(), actor, input, await requestInfo());
});

export async function changePasswordAction(prev: unknown, form: FormData) {
  const result = await changePasswordHandler(prev, form);
  // Every session ended with the change, this one too: sign in again with the new password.
  if (result.ok) await signOut({ redirectTo: '/signin?notice=password-changed' });
  return result;
}

const signOutEverywhereHandler = protectedAction('account:manage', z.object({}), async (_input, actor) => {
  await signOutEverywhere(await getDb(), actor, await requestInfo());
});

export async function signOutEverywhereAction() {
  const result = await signOutEverywhereHandler({});
  if (result.ok) await signOut({ redirectTo: '/signin?notice=signed-out-everywhere' });
  return result;
}
