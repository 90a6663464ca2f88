'use server';

import { refresh } from 'next/cache';
import { redirect } from 'next/navigation';
import { protectedAction, type ActionResult } from '@/lib/accounts/action';
import { requestInfo } from '@/lib/accounts/request-info';
import { getDb } from '@/lib/platform/db';
import { defaultSellerFiles } from './files';
import { businessInput, documentIdInput, payoutInput, startApplicationInput, storeIdInput, storeProfileInput, submitInput } from './inputs';
import {
  deleteDraftApplication,
  removeDocument,
  saveBusinessDetails,
  savePayoutDetails,
  startApplication,
  submitApplication,
  updateStoreProfile,
  withdrawApplication,
} from './onboarding';

// Thin: protectedAction parses and authenticates; the services decide what this actor may do to
// this store (applicant of an editable application, or owner of an approved store).

const start = protectedAction('seller:apply', startApplicationInput, async (input, actor) => startApplication(await getDb(), actor, input, await requestInfo()));
const profile = protectedAction('seller:apply', storeProfileInput, async (input, actor) => updateStoreProfile(await getDb(), actor, input));
const business = protectedAction('seller:apply', businessInput, async (input, actor) => saveBusinessDetails(await getDb(), actor, input));
const payout = protectedAction('seller:apply', payoutInput, async (input, actor) => savePayoutDetails(await getDb(), actor, input));
const submit = protectedAction('seller:apply', submitInput, async (input, actor) => submitApplication(await getDb(), actor, input, await requestInfo()));
const withdraw = protectedAction('seller:apply', storeIdInput, async ({ storeId }, actor) => withdrawApplication(await getDb(), actor, storeId, await requestInfo()));
const discard = protectedAction('seller:apply', storeIdInput, async ({ storeId }, actor) => deleteDraftApplication(await getDb(), defaultSellerFiles(), actor, storeId));
const dropDocument = protectedAction('seller:apply', documentIdInput, async ({ documentId }, actor) => removeDocument(await getDb(), defaultSellerFiles(), actor, documentId));

/** Onboarding steps save, then move on to the next step. redirect() stays outside any try/catch. */
async function thenGo<T>(result: ActionResult<T>, next: string): Promise<ActionResult<T>> {
  if (result.ok) redirect(next);
  return result;
}

function refreshed<T>(result: ActionResult<T>): ActionResult<T> {
  if (result.ok) refresh();
  return result;
}

export async function startApplicationAction(prev: unknown, form: FormData) {
  return thenGo(await start(prev, form), '/seller/onboarding/store');
}

export async function saveStoreProfileAction(prev: unknown, form: FormData) {
  return thenGo(await profile(prev, form), '/seller/onboarding/business');
}

export async function saveBusinessAction(prev: unknown, form: FormData) {
  return thenGo(await business(prev, form), '/seller/onboarding/documents');
}

export async function savePayoutAction(prev: unknown, form: FormData) {
  return thenGo(await payout(prev, form), '/seller/onboarding/review');
}

export async function submitApplicationAction(prev: unknown, form: FormData) {
  return thenGo(await submit(prev, form), '/seller/onboarding?submitted=1');
}

export async function withdrawApplicationAction(prev: unknown, form: FormData) {
  return refreshed(await withdraw(prev, form));
}

export async function deleteDraftAction(prev: unknown, form: FormData) {
  return thenGo(await discard(prev, form), '/seller/onboarding');
}

export async function removeDocumentAction(prev: unknown, form: FormData) {
  return refreshed(await dropDocument(prev, form));
}

/** Settings (approved stores, owners): save in place. */
export async function updateStoreSettingsAction(prev: unknown, form: FormData) {
  return refreshed(await profile(prev, form));
}

export async function updatePayoutSettingsAction(prev: unknown, form: FormData) {
  return refreshed(await payout(prev, form));
}
