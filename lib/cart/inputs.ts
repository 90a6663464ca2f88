import { z } from 'zod';
import { MAX_LINE_QUANTITY } from '@/db/schema/cart';

const quantity = (min: number) =>
  z.coerce
    .number({ error: 'Enter a quantity.' })
    .int('Enter a whole number.')
    .min(min, `The quantity must be at least ${min}.`)
    .max(MAX_LINE_QUANTITY, `At most ${MAX_LINE_QUANTITY} of one item per order.`);

export const addToCartInput = z.object({
  variantId: z.uuid('Choose a product option.'),
  quantity: quantity(1).default(1),
});

/** 0 removes the line. */
export const updateCartItemInput = z.object({
  itemId: z.uuid('Unknown cart line.'),
  quantity: quantity(0),
});

export const removeCartItemInput = z.object({ itemId: z.uuid('Unknown cart line.') });

/** Takes no fields: the cart is the session's. */
export const acknowledgePricesInput = z.object({}).optional();

export type AddToCartInput = z.infer<typeof addToCartInput>;
export type UpdateCartItemInput = z.infer<typeof updateCartItemInput>;
