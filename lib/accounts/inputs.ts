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
