import { z } from 'zod';
import { formatOrderNumber } from './service';

/**
 * An order number as people type or paste it ("#mk-100001", " MK 100001", "100001") in the
 * stored form, or null when it cannot be one (then nothing is looked up).
 */
export function normalizeOrderNumber(raw: string | null | undefined): string | null {
  if (typeof raw !== 'string' || raw.length > 64) return null;
  const s = raw.trim().replace(/^#/, '').replace(/\s+/g, '').toUpperCase();
  if (/^\d{1,12}$/.test(s)) return formatOrderNumber(s);
  const m = /^([A-Z]{1,5})-?(\d{1,12})$/.exec(s);
  return m ? `${m[1]}-${m[2]}` : null;
}

/** The guest lookup form: an order number and the email it was placed with. */
export const lookupInput = z.object({
  number: z
    .string({ error: 'Enter your order number.' })
    .trim()
    .min(1, 'Enter your order number.')
    .max(64, 'That is not an order number.')
    .transform((v, ctx) => {
      const n = normalizeOrderNumber(v);
      if (!n) ctx.addIssue({ code: 'custom', message: 'Order numbers look like MK-100001.' });
      return n ?? v;
    }),
  email: z
    .string({ error: 'Enter the email you used for the order.' })
    .trim()
    .min(1, 'Enter the email you used for the order.')
    .max(254, 'That email is too long.')
    .pipe(z.email('Enter a valid email address.'))
    .transform((e) => e.toLowerCase()),
});
export type LookupInput = z.infer<typeof lookupInput>;
