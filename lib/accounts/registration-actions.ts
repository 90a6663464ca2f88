'use server';

import { env } from '@/lib/platform/env';
import { getDb } from '@/lib/platform/db';
import { RateLimitedError } from '@/lib/platform/errors';
import { createRateLimiter } from '@/lib/platform/ratelimit';
import { publicAction } from './action';
import { resetConfirmInput, resetRequestInput, signUpInput } from './inputs';
import { requestPasswordReset, resetPassword, signUp } from './registration';
import { requestInfo } from './request-info';

const limits = {
  signUpByIp: createRateLimiter('signup-ip', { limit: 10 * env.RATE_LIMIT_IP_SCALE, windowMs: 3600_000 }),
  resetByEmail: createRateLimiter('reset-email', { limit: 5, windowMs: 3600_000 }),
  resetByIp: createRateLimiter('reset-ip', { limit: 20 * env.RATE_LIMIT_IP_SCALE, windowMs: 3600_000 }),
};

async function enforce(...checks: Promise<{ success: boolean; retryAfter: number }>[]) {
  const denied = (await Promise.all(checks)).find((r) => !r.success);
  if (denied) throw new RateLimitedError(denied.retryAfter);
}

export const signUpAction = publicAction('signUp', signUpInput, async (input) => {
  const req = await requestInfo();
  await enforce(limits.signUpByIp.limit(req.ip ?? 'unknown'));
  await signUp(await getDb(), input, req);
});

export const requestResetAction = publicAction('requestPasswordReset', resetRequestInput, async ({ email }) => {
  const req = await requestInfo();
  await enforce(limits.resetByEmail.limit(email), limits.resetByIp.limit(req.ip ?? 'unknown'));
  await requestPasswordReset(await getDb(), email, req);
});

export const resetPasswordAction = publicAction('resetPassword', resetConfirmInput, async (input) => {
  await resetPassword(await getDb(), input, await requestInfo());
});
