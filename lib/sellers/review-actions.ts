'use server';

import { refresh, updateTag } from 'next/cache';
import { protectedAction, type ActionResult } from '@/lib/accounts/action';
import { requestInfo } from '@/lib/accounts/request-info';
import { storeVisibilityTags } from '@/lib/platform/cache-tags';
import { getDb } from '@/lib/platform/db';
import { decisionInput, reasonedDecisionInput } from './inputs';
import { approveApplication, reactivateStore, rejectApplication, suspendStore } from './review';

// Admin decisions: 'admin:sellers' from the session; the services check it again.

const approve = protectedAction('admin:sellers', decisionInput, async ({ storeId }, actor) => {
  await approveApplication(await getDb(), actor, storeId, await requestInfo());
});
const reject = protectedAction('admin:sellers', reasonedDecisionInput, async ({ storeId, reason }, actor) => rejectApplication(await getDb(), actor, storeId, reason, await requestInfo()));
// A suspended store's products leave the storefront at once (and come back on reactivation):
// the cached listings, search, product pages and home that may show them are expired.
const expireStorefront = (storeId: string) => {
  for (const tag of storeVisibilityTags(storeId)) updateTag(tag);
};
const suspend = protectedAction('admin:sellers', reasonedDecisionInput, async ({ storeId, reason }, actor) => {
  await suspendStore(await getDb(), actor, storeId, reason, await requestInfo());
  expireStorefront(storeId);
});
const reactivate = protectedAction('admin:sellers', decisionInput, async ({ storeId }, actor) => {
  await reactivateStore(await getDb(), actor, storeId, await requestInfo());
  expireStorefront(storeId);
});

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
