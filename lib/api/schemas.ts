import { z } from 'zod';
import { orderStatus as orderStatusEnum } from '@/db/schema/orders';

// Response bodies of the v1 API. Handlers send their data through these (unknown keys dropped),
// and the OpenAPI document is generated from them, so the two cannot drift apart.

const money = z.number().int().describe('Minor units (cents) of `currency`.');
const currency = z.string().length(3).describe('ISO 4217 currency code.');
const timestamp = z.string().describe('ISO 8601 date-time.');
const url = z.string().describe('An absolute URL.');

export const productSummarySchema = z
  .object({
    id: z.uuid(),
    slug: z.string(),
    title: z.string(),
    brand: z.string(),
    priceMin: money,
    priceMax: money,
    compareAtMax: money.nullable(),
    currency,
    rating: z.number().describe('Average rating, 0–5.'),
    reviewCount: z.number().int(),
    imageUrl: url.nullable(),
    imageAlt: z.string(),
    storeName: z.string(),
    inStock: z.boolean(),
  })
  .meta({ id: 'ProductSummary' });

export const facetsSchema = z
  .object({
    total: z.number().int().describe('Products matching every filter.'),
    brands: z.array(z.object({ value: z.string(), count: z.number().int() })),
    options: z.array(z.object({ key: z.string(), values: z.array(z.object({ value: z.string(), count: z.number().int() })) })),
    price: z.object({ min: money, max: money }).nullable(),
    inStock: z.number().int(),
  })
  .meta({ id: 'Facets', description: 'Counts per filter value; each group is counted under every filter but its own.' });

const nextCursor = z.string().nullable().describe('Pass as `cursor` for the next page; null on the last page.');

export const productListSchema = z
  .object({ data: z.array(productSummarySchema), nextCursor, facets: facetsSchema })
  .meta({ id: 'ProductList' });

export const searchResultSchema = z
  .object({
    data: z.array(productSummarySchema),
    nextCursor,
    facets: facetsSchema,
    query: z.string(),
    correctedQuery: z.string().nullable().describe('Set when misspelt words were corrected.'),
    fuzzy: z.boolean().describe('True when no word matched and the results come from fuzzy title matching.'),
  })
  .meta({ id: 'SearchResult' });

export const productSchema = z
  .object({
    id: z.uuid(),
    slug: z.string(),
    title: z.string(),
    description: z.string(),
    brand: z.string(),
    tags: z.array(z.string()),
    currency,
    priceMin: money,
    priceMax: money,
    rating: z.number(),
    reviewCount: z.number().int(),
    url,
    category: z.object({ id: z.uuid(), path: z.string() }),
    store: z.object({ id: z.uuid(), slug: z.string(), name: z.string(), rating: z.number(), ratingCount: z.number().int(), country: z.string() }),
    options: z.array(z.object({ name: z.string(), values: z.array(z.string()) })),
    images: z.array(z.object({ id: z.uuid(), url, alt: z.string(), width: z.number().int(), height: z.number().int() })),
    variants: z.array(
      z.object({
        id: z.uuid(),
        sku: z.string(),
        title: z.string(),
        options: z.record(z.string(), z.string()),
        price: money,
        compareAtPrice: money.nullable(),
        imageId: z.uuid().nullable(),
        available: z.number().int().describe('Live units available to buy (on hand minus active reservations).'),
      }),
    ),
  })
  .meta({ id: 'Product' });

export const cartLineSchema = z
  .object({
    itemId: z.uuid(),
    variantId: z.uuid(),
    productId: z.uuid(),
    productSlug: z.string(),
    storeId: z.uuid(),
    storeName: z.string(),
    title: z.string(),
    variantTitle: z.string(),
    sku: z.string(),
    imageUrl: url.nullable(),
    unitPrice: money.describe('The live price.'),
    unitPriceSeen: money.describe('The price when the line was last added or changed.'),
    priceChanged: z.boolean(),
    quantity: z.number().int(),
    available: z.number().int(),
    purchasable: z.boolean(),
    problem: z.enum(['out_of_stock', 'insufficient_stock', 'unavailable']).nullable(),
  })
  .meta({ id: 'CartLine' });

export const cartSchema = z
  .object({
    id: z.uuid(),
    status: z.enum(['active', 'merged', 'converted']).describe('`converted` once checked out.'),
    currency,
    itemCount: z.number().int(),
    lines: z.array(cartLineSchema),
    subtotal: money,
    hasPriceChanges: z.boolean(),
    hasStockProblems: z.boolean(),
  })
  .meta({ id: 'Cart' });

export const createdCartSchema = z
  .object({
    id: z.uuid(),
    token: z.string().describe('The cart secret. Shown once: send it as `Authorization: Bearer <token>`.'),
  })
  .meta({ id: 'CreatedCart' });

export const cartChangeSchema = z
  .object({
    item: z.object({
      itemId: z.uuid().nullable().describe('null once the line is gone.'),
      variantId: z.uuid(),
      quantity: z.number().int().describe('The line quantity after the change (0: removed).'),
      capped: z.boolean().describe('Less than asked for was kept (stock or the per-line maximum).'),
      available: z.number().int(),
    }),
    cart: cartSchema,
  })
  .meta({ id: 'CartChange' });

export const cartRemovalSchema = z.object({ removed: z.boolean(), cart: cartSchema }).meta({ id: 'CartRemoval' });

export const stockLineSchema = z
  .object({ variantId: z.uuid(), title: z.string(), requested: z.number().int(), available: z.number().int() })
  .meta({ id: 'StockConflictLine' });

export const checkoutSchema = z
  .object({
    id: z.uuid(),
    status: z.enum(['processing', 'requires_action', 'completed', 'failed']),
    step: z.string().describe('The saga step reached, for display.'),
    total: money,
    currency,
    email: z.string(),
    actionUrl: url.nullable().describe('Where the buyer completes 3-D Secure while `requires_action`.'),
    failure: z
      .object({ code: z.string(), message: z.string(), lines: z.array(stockLineSchema).optional() })
      .nullable(),
    order: z
      .object({
        id: z.uuid(),
        number: z.string(),
        accessToken: z.string().describe('Lets anyone holding it read the order (web page `?t=` or API Bearer).'),
        url: url.describe('The order tracking page.'),
        href: z.string().describe('The order in this API.'),
      })
      .nullable(),
    href: z.string().describe('This checkout in this API (poll it while processing).'),
  })
  .meta({ id: 'Checkout' });

const address = z
  .object({
    name: z.string(),
    line1: z.string(),
    line2: z.string().nullish(),
    city: z.string(),
    region: z.string().nullish(),
    postalCode: z.string(),
    country: z.string(),
    phone: z.string().nullish(),
  })
  .meta({ id: 'Address' });

const orderStatus = z.enum(orderStatusEnum.enumValues);

export const orderSchema = z
  .object({
    id: z.uuid(),
    number: z.string(),
    email: z.string(),
    status: orderStatus,
    currency,
    subtotal: money,
    shippingTotal: money,
    taxTotal: money,
    discountTotal: money,
    total: money,
    refundedTotal: money,
    shippingAddress: address,
    billingAddress: address.nullable(),
    placedAt: timestamp,
    paidAt: timestamp.nullable(),
    cancelledAt: timestamp.nullable(),
    url: url.describe('The order tracking page.'),
    stores: z.array(
      z.object({
        id: z.uuid(),
        number: z.string(),
        storeId: z.uuid(),
        storeName: z.string(),
        status: orderStatus,
        subtotal: money,
        shippingTotal: money,
        taxTotal: money,
        discountTotal: money,
        total: money,
        refundedTotal: money,
        shippingMethod: z.object({ name: z.string(), minDays: z.number().int(), maxDays: z.number().int() }),
        items: z.array(
          z.object({
            id: z.uuid(),
            productId: z.uuid().nullable(),
            title: z.string(),
            variantTitle: z.string(),
            sku: z.string(),
            imageUrl: url.nullable(),
            unitPrice: money,
            quantity: z.number().int(),
            quantityFulfilled: z.number().int(),
            quantityCancelled: z.number().int(),
            lineTotal: money,
          }),
        ),
      }),
    ),
    events: z.array(z.object({ type: z.string(), message: z.string(), storeOrderId: z.uuid().nullable(), createdAt: timestamp })).describe('The timeline, oldest first.'),
    payment: z
      .object({ status: z.string(), provider: z.string(), methodLabel: z.string().nullable(), amount: money, amountCaptured: money, amountRefunded: money })
      .nullable(),
    refunds: z.array(z.object({ id: z.uuid(), amount: money, reason: z.string(), status: z.string(), createdAt: timestamp, settledAt: timestamp.nullable() })),
  })
  .meta({ id: 'Order' });
