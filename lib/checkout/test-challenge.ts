import { events } from '@/inngest/events';
import { completeTestChallenge } from '@/lib/payments/test-provider';
import type { Db } from '@/lib/platform/db';
import { NotFoundError } from '@/lib/platform/errors';
import { sendEvent } from '@/lib/platform/jobs';
import { getTestChallenge } from './queries';

/**
 * The test provider's simulated 3-D Secure answer: settles the intent, then wakes the checkout
 * saga waiting for it. Repeating it (a double click, a reload) changes nothing the first did;
 * the event is sent again, which the saga ignores once it moved on. Returns the checkout to go
 * back to. `wait`: how long to let an in-process saga run on before the redirect.
 */
export async function answerTestChallenge(db: Db, intentId: string, outcome: 'succeed' | 'fail', wait = 8000): Promise<{ checkoutId: string | null }> {
  const challenge = await getTestChallenge(db, intentId);
  if (!challenge) throw new NotFoundError('That payment');
  if (challenge.status === 'requires_action') await completeTestChallenge(db, intentId, outcome);
  if (challenge.checkoutId) {
    // No outcome in the event: the saga asks the provider, which is the truth.
    await sendEvent({ name: events.authenticationCompleted, data: { checkoutId: challenge.checkoutId } }, { wait });
  }
  return { checkoutId: challenge.checkoutId };
}
