import { z } from 'zod';

export const email = z
  .string()
  .trim()
  .max(254, 'Email is too long')
  .pipe(z.email('Enter a valid email address'))
  .transform((e) => e.toLowerCase());

export const signInInput = z.object({
  email,
  password: z.string().min(1, 'Enter your password').max(200, 'Password is too long'),
  callbackUrl: z.string().max(500).optional(),
});
export type SignInInput = z.infer<typeof signInInput>;

/** A new password: long enough to resist guessing, short enough to hash quickly. */
export const newPassword = z
  .string()
  .min(10, 'Use at least 10 characters')
  .max(200, 'Use at most 200 characters')
  .refine((p) => p.trim().length >= 10, 'Use at least 10 characters that are not spaces');

export const changePasswordInput = z
  .object({
    currentPassword: z.string().min(1, 'Enter your current password').max(200),
    newPassword,
    confirmPassword: z.string().max(200),
  })
  .refine((v) => v.newPassword === v.confirmPassword, { path: ['confirmPassword'], message: 'The passwords don’t match' })
  .refine((v) => v.newPassword !== v.currentPassword, { path: ['newPassword'], message: 'Choose a password you haven’t used here' });

/** A display name: trimmed, NFKC-normalised, no control characters; emoji and any script welcome. */
export const displayName = z
  .string()
  .transform((s) => s.normalize('NFKC').trim())
  .pipe(
    z
      .string()
      .min(1, 'Enter your name')
      .max(100, 'Use at most 100 characters')
      .refine((s) => !/[\u0000-\u001f\u007f]/.test(s), 'Remove control characters'),
  );

export const signUpInput = z
  .object({ name: displayName, email, password: newPassword, confirmPassword: z.string().max(200) })
  .refine((v) => v.password === v.confirmPassword, { path: ['confirmPassword'], message: 'The passwords don’t match' });

export const resetRequestInput = z.object({ email });

export const resetConfirmInput = z
  .object({ email, token: z.string().min(20).max(100), password: newPassword, confirmPassword: z.string().max(200) })
  .refine((v) => v.password === v.confirmPassword, { path: ['confirmPassword'], message: 'The passwords don’t match' });
