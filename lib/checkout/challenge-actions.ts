'use server';

import { redirect } from 'next/navigation';
import { publicAction } from '@/lib/accounts/action';
import { getDb } from '@/lib/platform/db';
import { testChallengeInput } from './form-inputs';
import { isTestIntentId } from './queries';
import { answerTestChallenge } from './test-challenge';

// The simulated bank page: whoever holds the challenge URL (a random id, like a provider's
// hosted 3-D Secure page) answers it; API clients open the same URL without our cookies.
const handler = publicAction('answerTestChallenge', testChallengeInput, async (input) => answerTestChallenge(await getDb(), input.intentId, input.outcome));

/** "Complete authentication" / "Fail authentication": settles the challenge, then back to the shop. */
export async function answerTestChallengeAction(form: FormData): Promise<void> {
  const result = await handler(form);
  if (result.ok) redirect(result.data.checkoutId ? `/checkout/return?checkout=${result.data.checkoutId}` : '/');
  const intentId = form.get('intentId');
  redirect(isTestIntentId(intentId) ? `/pay/test/${intentId}?error=${encodeURIComponent(result.code)}` : '/');
}
