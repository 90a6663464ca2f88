import { z } from 'zod';

/** Store addresses (slugs): rules shared by the server's validation and the browser's live check. */

/** Paths and words a store address must not take (they read as the marketplace itself). */
export const RESERVED_SLUGS = new Set([
  'admin', 'api', 'app', 'account', 'auth', 'cart', 'checkout', 'help', 'mail', 'marketplace', 'media', 'new', 'official',
  'orders', 'search', 'seller', 'sellers', 'settings', 'shop', 'signin', 'signup', 'static', 'store', 'stores', 'support', 'www',
]);

export const SLUG_RULES = '3–40 lowercase letters, digits and single hyphens, e.g. “green-leaf-tea”.';

export const slug = z
  .string({ error: 'Enter a store address' })
  .trim()
  .toLowerCase()
  .min(3, 'Use at least 3 characters')
  .max(40, 'Use at most 40 characters')
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, `Use ${SLUG_RULES}`)
  .refine((s) => !RESERVED_SLUGS.has(s), 'That address is reserved; choose another');

/** A slug suggestion from a store name (the form pre-fills it; the seller can change it). */
export function suggestSlug(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/, '');
}

