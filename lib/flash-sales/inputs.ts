import { z } from 'zod';
import { MAX_RESERVE_QUANTITY } from './reserve-args';

/** Longest window a sale may have: flash sales are short by design. */
export const MAX_SALE_DAYS = 14;

// A checkbox or a JSON boolean ('false' and 'off' mean false, unlike z.coerce.boolean()).
const flag = (fallback: boolean) => z.preprocess((v) => (v === undefined || v === '' ? fallback : v === true || v === 'true' || v === 'on' || v === '1'), z.boolean());

// A datetime from a form (`datetime-local` without zone is read as the server's) or an ISO string.
const instant = z.coerce.date({ error: 'Enter a date and time.' }).refine((d) => !Number.isNaN(d.getTime()), 'Enter a date and time.');

/** The terms of a sale, whoever sets them. Money in minor units. */
const terms = z.object({
  variantId: z.uuid({ error: 'Choose a product variant.' }),
  // Where the units are taken from; the variant's best-stocked location of the store when omitted.
  locationId: z.uuid().optional(),
  allocation: z.coerce.number().int().min(1, 'At least one unit.').max(100_000, 'At most 100,000 units.'),
  salePrice: z.coerce.number().int().min(0, 'The price cannot be negative.').max(100_000_000),
  currency: z
    .string()
    .regex(/^[A-Z]{3}$/, 'A three-letter currency code.')
    .optional(),
  perCustomerLimit: z.coerce.number().int().min(1, 'At least one unit per customer.').max(MAX_RESERVE_QUANTITY),
  startsAt: instant,
  endsAt: instant,
});

const windowRules = <T extends { startsAt: Date; endsAt: Date; allocation: number; perCustomerLimit: number }>(s: z.ZodType<T>) =>
  s
    .refine((v) => v.endsAt > v.startsAt, { message: 'The sale must end after it starts.', path: ['endsAt'] })
    .refine((v) => v.endsAt.getTime() - v.startsAt.getTime() <= MAX_SALE_DAYS * 86_400_000, { message: `A flash sale lasts at most ${MAX_SALE_DAYS} days.`, path: ['endsAt'] })
    .refine((v) => v.perCustomerLimit <= v.allocation, { message: 'The limit per customer cannot exceed the allocation.', path: ['perCustomerLimit'] });

/** Admin: create a sale (scheduled at once, or only approved to announce later). */
export const createFlashSaleInput = windowRules(terms.extend({ schedule: flag(true) }));
export type CreateFlashSaleInput = z.infer<typeof createFlashSaleInput>;

/** Seller: propose a sale of one of their store's variants; an admin reviews it. */
export const proposeFlashSaleInput = windowRules(terms.extend({ storeId: z.uuid() }));
export type ProposeFlashSaleInput = z.infer<typeof proposeFlashSaleInput>;

export const reviewFlashSaleInput = z
  .object({
    id: z.uuid(),
    decision: z.enum(['approve', 'reject']),
    reason: z.string().trim().max(500).optional(),
    // Approving also schedules (announces) the sale unless told not to.
    schedule: flag(true),
  })
  .refine((v) => v.decision === 'approve' || (v.reason?.length ?? 0) > 0, { message: 'Say why the proposal is rejected.', path: ['reason'] });
export type ReviewFlashSaleInput = z.infer<typeof reviewFlashSaleInput>;

export const flashSaleIdInput = z.object({ id: z.uuid() });

/** A buyer's hold request (the customer comes from the session or the guest cookie, never the body). */
export const reserveHoldInput = z.object({
  quantity: z.coerce.number().int().min(1).max(MAX_RESERVE_QUANTITY).default(1),
});
export type ReserveHoldInput = z.infer<typeof reserveHoldInput>;
