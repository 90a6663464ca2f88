import { z } from 'zod';
import { firstParam, type SearchParams } from '@/lib/sellers/links';
import { normalizeTrackingNumber, trackingNumberProblem } from './tracking';

const oneLine = /^[^\u0000-\u001f\u007f]*$/;
const id = (what: string) => z.uuid(`${what} is not valid.`);
const units = z.coerce.number({ error: 'Enter a number of units.' }).int('Whole units only.').min(0, 'Cannot be negative.').max(100_000, 'Too many units.');

export const fulfilInput = z
  .object({
    storeId: id('Store'),
    storeOrderId: id('Order'),
    carrier: z.enum(['ups', 'usps', 'fedex', 'dhl', 'other'], { error: 'Choose a carrier.' }),
    carrierName: z.string().trim().max(60, 'At most 60 characters.').regex(oneLine, 'One line only.').optional().default(''),
    trackingNumber: z.string({ error: 'Enter the tracking number.' }).max(100, 'That tracking number is too long.').transform(normalizeTrackingNumber),
    trackingUrl: z
      .string()
      .trim()
      .max(500, 'At most 500 characters.')
      .optional()
      .transform((v) => v || undefined)
      .pipe(z.url({ protocol: /^https?$/, hostname: z.regexes.domain, error: 'Enter a web address starting with https://.' }).optional()),
    items: z.array(z.object({ orderItemId: id('Line'), quantity: units })).max(500),
  })
  .superRefine((v, ctx) => {
    if (v.carrier === 'other' && v.carrierName.length < 2) ctx.addIssue({ code: 'custom', path: ['carrierName'], message: 'Name the carrier.' });
    const problem = trackingNumberProblem(v.carrier, v.trackingNumber);
    if (problem) ctx.addIssue({ code: 'custom', path: ['trackingNumber'], message: problem });
    if (!v.items.some((i) => i.quantity > 0)) ctx.addIssue({ code: 'custom', path: ['items'], message: 'Choose at least one unit to ship.' });
    if (new Set(v.items.map((i) => i.orderItemId)).size !== v.items.length) ctx.addIssue({ code: 'custom', path: ['items'], message: 'Each line once.' });
  });
export type FulfilInput = z.infer<typeof fulfilInput>;

export const CANCEL_REASONS = [
  { value: 'out_of_stock', label: 'Out of stock' },
  { value: 'cannot_ship', label: 'Cannot ship to this address' },
  { value: 'customer_request', label: 'The customer asked to cancel' },
  { value: 'pricing_error', label: 'Pricing error' },
  { value: 'other', label: 'Other' },
] as const;
type ReasonValue = (typeof CANCEL_REASONS)[number]['value'];
const reasonValues = CANCEL_REASONS.map((r) => r.value) as [ReasonValue, ...ReasonValue[]];

export const cancelLineInput = z
  .object({
    storeId: id('Store'),
    storeOrderId: id('Order'),
    orderItemId: id('Line'),
    quantity: units.min(1, 'Cancel at least one unit.'),
    // The cancellation number the form expects this to be (the line's cancellations so far + 1).
    seq: z.coerce.number().int().min(1).max(100_000),
    reason: z.enum(reasonValues, { error: 'Choose a reason.' }),
    note: z.string().trim().max(300, 'At most 300 characters.').regex(oneLine, 'One line only.').optional().default(''),
  })
  .superRefine((v, ctx) => {
    if (v.reason === 'other' && v.note.length < 3) ctx.addIssue({ code: 'custom', path: ['note'], message: 'Say why (a few words).' });
  });
export type CancelLineInput = z.infer<typeof cancelLineInput>;

export const reasonText = (v: Pick<CancelLineInput, 'reason' | 'note'>) => {
  const label = CANCEL_REASONS.find((r) => r.value === v.reason)!.label;
  return v.note ? `${label}: ${v.note}` : label;
};

export const shipmentInput = z.object({ storeId: id('Store'), shipmentId: id('Shipment') });
export const cancellationInput = z.object({ storeId: id('Store'), cancellationId: id('Cancellation') });

// ---- The order list's query string ----

export const ORDER_FILTERS = ['all', 'open', 'shipped', 'delivered', 'closed'] as const;
export type OrderFilter = (typeof ORDER_FILTERS)[number];
export type OrderListParams = { filter: OrderFilter; q?: string; cursor?: string };

/** Anything unexpected in the URL reads as the default, never an error. */
export function parseOrderListParams(sp: SearchParams): OrderListParams {
  const filter = firstParam(sp.status);
  const q = firstParam(sp.q)?.trim().slice(0, 64);
  const cursor = firstParam(sp.cursor);
  return {
    filter: (ORDER_FILTERS as readonly string[]).includes(filter ?? '') ? (filter as OrderFilter) : 'all',
    ...(q ? { q } : {}),
    ...(cursor && cursor.length <= 200 ? { cursor } : {}),
  };
}
