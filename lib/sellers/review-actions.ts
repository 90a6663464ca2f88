'use server';

import { refresh } from 'next/cache';
import { protectedAction, type ActionResult } from '@/lib/accounts/action';
import { requestInfo } from '@/lib/accounts/request-info';
import { getDb } from '@/lib/platform/db';
import { decisionInput, reasonedDecisionInput } from './inputs';
import { approveApplication, reactivateStore, rejectApplication, suspendStore } from './review';

// Admin decisions: 'admin:sellers' from the session; the services check it again.

const approve = protectedAction('admin:sellers', decisionInput, async ({ storeId }, actor) => {
  await approveApplication(await getDb(), actor, storeId, await requestInfo());
});
const reject = protectedAction('admin:sellers', reasonedDecisionInput, async ({ storeId, reason }, actor) => rejectApplication(await getDb(), actor, storeId, reason, await requestInfo()));
const suspend = protectedAction('admin:sellers', reasonedDecisionInput, async ({ storeId, reason }, actor) => suspendStore(await getDb(), actor, storeId, reason, await requestInfo()));
const reactivate = protectedAction('admin:sellers', decisionInput, async ({ storeId }, actor) => reactivateStore(await getDb(), actor, storeId, await requestInfo()));

function refreshed<T>(result: ActionResult<T>): ActionResult<T> {
  if (result.ok) refresh();
  return result;
}

export async function approveApplicationAction(prev: unknown, form: FormData) {
  return refreshed(await approve(prev, form));
}

export async function rejectApplicationAction(prev: unknown, form: FormData) {
  return refreshed(await reject(prev, form));
}

export async function suspendStoreAction(prev: unknown, form: FormData) {
  return refreshed(await suspend(prev, form));
}

export async function reactivateStoreAction(prev: unknown, form: FormData) {
  return refreshed(await reactivate(prev, form));
}
