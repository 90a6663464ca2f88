'use server';

import { AuthError } from 'next-auth';
import { redirect } from 'next/navigation';
import { homeForEmail, signIn, signOut } from './auth';
import { signInInput } from './inputs';

export type FormState = { ok: boolean; message?: string; fieldErrors?: Record<string, string[]> } | null;

const safeReturn = (url: string | undefined) => (url && url.startsWith('/') && !url.startsWith('//') ? url : null);

export async function signInAction(_prev: FormState, form: FormData): Promise<FormState> {
  const parsed = signInInput.safeParse(Object.fromEntries(form));
  if (!parsed.success) return { ok: false, message: 'Check the highlighted fields.', fieldErrors: parsed.error.flatten().fieldErrors };
  try {
    await signIn('credentials', { email: parsed.data.email, password: parsed.data.password, redirect: false });
  } catch (err) {
    if (err instanceof AuthError) {
      const code = (err as AuthError & { code?: string }).code;
      return code === 'rate_limited'
        ? { ok: false, message: 'Too many sign-in attempts. Wait a few minutes and try again.' }
        : { ok: false, message: 'That email and password don’t match an account with a verified email.' };
    }
    throw err;
  }
  redirect(safeReturn(parsed.data.callbackUrl) ?? (await homeForEmail(parsed.data.email)));
}

export async function magicLinkAction(_prev: FormState, form: FormData): Promise<FormState> {
  const parsed = signInInput.pick({ email: true, callbackUrl: true }).safeParse(Object.fromEntries(form));
  if (!parsed.success) return { ok: false, message: 'Check the highlighted fields.', fieldErrors: parsed.error.flatten().fieldErrors };
  try {
    await signIn('resend', { email: parsed.data.email, redirect: false, redirectTo: safeReturn(parsed.data.callbackUrl) ?? '/account' });
  } catch (err) {
    if (err instanceof AuthError) return { ok: false, message: 'We couldn’t send a link right now. Wait a few minutes and try again.' };
    throw err;
  }
  return { ok: true, message: 'Check your inbox: we sent you a sign-in link.' };
}

export async function signOutAction(): Promise<void> {
  await signOut({ redirectTo: '/' });
}
