import { z } from 'zod';

const email = z
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
