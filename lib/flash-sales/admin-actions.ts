'use server';

import { updateTag } from 'next/cache';
import { z } from 'zod';
import { protectedAction, type ActionResult } from '@/lib/accounts/action';
import { can } from '@/lib/accounts/permissions';
import { tags } from '@/lib/platform/cache-tags';
import { getDb } from '@/lib/platform/db';
import { ForbiddenError } from '@/lib/platform/errors';
import { parseMoney } from '@/lib/seller-catalog/inputs';
import { searchSaleVariants, type SaleVariantChoice } from './admin-queries';
import { FlashSaleError } from './errors';
import { getStockGate } from './gate';
import { createFlashSaleInput, flashSaleIdInput, proposeFlashSaleInput, reviewFlashSaleInput } from './inputs';
import { cancelLiveFlashSale, startFlashSale } from './lifecycle';
import { reconcileFlashSale } from './reconcile';
import { cancelFlashSale, createFlashSale, proposeFlashSale, reviewFlashSale, scheduleFlashSale } from './service';

// The admin console's and the seller portal's flash-sale actions. Thin: zod, then the session
// (protectedAction; the store of a seller comes from the session's memberships, checked again by
// the service), then lib/flash-sales/service.ts or lifecycle.ts. The storefront's cached reads are
// expired by tag so a change shows on the home strip and /flash/<id> at once.

const expire = (id: string) => {
  updateTag(tags.flashSales);
  updateTag(tags.flashSale(id));
};

const fractionDigits = (currency: unknown) => {
  try {
    return new Intl.NumberFormat('en', { style: 'currency', currency: typeof currency === 'string' && /^[A-Z]{3}$/.test(currency) ? currency : 'USD' }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    return 2;
  }
};

/** Forms send the sale price as a decimal in the product's currency ("19.99"); the service takes minor units. */
const withMinorPrice = (raw: unknown) => {
  if (!raw || typeof raw !== 'object') return raw;
  const o = { ...(raw as Record<string, unknown>) };
  if (typeof o.salePrice === 'string') {
    const s = o.salePrice.trim();
    o.salePrice = s === '' ? undefined : (parseMoney(s, fractionDigits(o.currency)) ?? Number.NaN);
  }
  // A blank number is missing, not 0 (z.coerce.number('') is 0).
  for (const k of ['allocation', 'perCustomerLimit']) if (typeof o[k] === 'string' && (o[k] as string).trim() === '') delete o[k];
  // An empty select means "the store's best-stocked location" (the service's default).
  if (o.locationId === '') delete o.locationId;
  if (o.currency === '') delete o.currency;
  return o;
};

const createForm = z.preprocess(withMinorPrice, createFlashSaleInput);
const proposeForm = z.preprocess(withMinorPrice, proposeFlashSaleInput);

// zod's own words for a missing or malformed number ("Invalid input: expected number, received NaN").
const FIELD_HINTS: Record<string, string> = {
  salePrice: 'Enter the sale price as an amount like 19.99.',
  allocation: 'Enter the number of units as a whole number.',
  perCustomerLimit: 'Enter the limit per customer as a whole number.',
  locationId: 'Choose a location of the store.',
};

function friendlier<T>(r: ActionResult<T>): ActionResult<T> {
  if (r.ok || !r.fieldErrors) return r;
  const fieldErrors = Object.fromEntries(
    Object.entries(r.fieldErrors).map(([k, msgs]) => [k, msgs.map((m) => (/^Invalid (input|UUID)/i.test(m) && FIELD_HINTS[k] ? FIELD_HINTS[k] : m))]),
  );
  return { ...r, fieldErrors };
}

export type SaleSummary = { id: string; status: string };

const createHandler = protectedAction('admin:console', createForm, async (input, actor): Promise<SaleSummary> => {
  const sale = await createFlashSale(await getDb(), actor, input);
  expire(sale.id);
  return { id: sale.id, status: sale.status };
});

/** Admin: creates a sale (scheduled at once unless "announce now" is unticked). */
export async function createFlashSaleAction(...args: unknown[]): Promise<ActionResult<SaleSummary>> {
  return friendlier(await createHandler(...args));
}

const proposeHandler = protectedAction('seller:portal', proposeForm, async (input, actor): Promise<SaleSummary> => {
  // The store in the form only picks among the session's memberships; the service refuses
  // another store (403) and a variant of another store (404) on its own too.
  if (!can(actor, 'seller:portal', input.storeId)) throw new ForbiddenError();
  const sale = await proposeFlashSale(await getDb(), actor, input);
  return { id: sale.id, status: sale.status };
});

/** Seller: proposes a sale of one of the store's own variants, for an admin to review. */
export async function proposeFlashSaleAction(...args: unknown[]): Promise<ActionResult<SaleSummary>> {
  return friendlier(await proposeHandler(...args));
}

/** Admin: approves (and schedules) or rejects a proposal; a rejection needs a reason, shown to the seller. */
export const reviewFlashSaleAction = protectedAction('admin:console', reviewFlashSaleInput, async ({ id, decision, reason, schedule }, actor): Promise<SaleSummary> => {
  const sale = await reviewFlashSale(await getDb(), actor, id, decision, reason, { schedule });
  expire(sale.id);
  return { id: sale.id, status: sale.status };
});

/** Admin: announces an approved sale. */
export const scheduleFlashSaleAction = protectedAction('admin:console', flashSaleIdInput, async ({ id }, actor): Promise<SaleSummary> => {
  const sale = await scheduleFlashSale(await getDb(), actor, id);
  expire(sale.id);
  return { id: sale.id, status: sale.status };
});

/** Admin: cancels a sale; a live one stops selling at once and its unsold units go back to stock. */
export const cancelFlashSaleAction = protectedAction('admin:console', flashSaleIdInput, async ({ id }, actor): Promise<{ returned: number; settled: boolean }> => {
  const r = await cancelLiveFlashSale(await getDb(), await getStockGate(), actor, id);
  expire(id);
  return r;
});

/** Seller: withdraws the store's own proposal before it is reviewed (the service refuses anything else). */
export const withdrawFlashSaleAction = protectedAction('seller:portal', flashSaleIdInput, async ({ id }, actor): Promise<SaleSummary> => {
  const sale = await cancelFlashSale(await getDb(), actor, id);
  return { id: sale.id, status: sale.status };
});

/**
 * Admin: starts a scheduled sale whose start has come, without waiting for the minute scheduler
 * (or the first buyer). The same idempotent start they run.
 */
export const startFlashSaleNowAction = protectedAction('admin:console', flashSaleIdInput, async ({ id }): Promise<SaleSummary> => {
  const r = await startFlashSale(await getDb(), await getStockGate(), id);
  if (!r.ok) throw new FlashSaleError(r.code, r.code === 'not_due' ? 'The sale is not due: it starts at its start time.' : r.message, 409);
  expire(id);
  return { id, status: 'live' };
});

/** Admin: reconciles the sale's counters against its holds and orders now, and stores the report. */
export const reconcileFlashSaleAction = protectedAction('admin:console', flashSaleIdInput, async ({ id }): Promise<{ drift: number; createdAt: string }> => {
  const report = await reconcileFlashSale(await getDb(), await getStockGate(), id);
  return { drift: report.drift, createdAt: report.createdAt.toISOString() };
});

const search = z.object({ q: z.string().trim().max(100, 'Use at most 100 characters.').default('') });

/** Admin's variant picker: published variants of active stores by SKU or title (2 characters at least). */
export const searchSaleVariantsAction = protectedAction('admin:console', search, async ({ q }): Promise<SaleVariantChoice[]> => {
  if (q.length < 2) return [];
  return searchSaleVariants(await getDb(), { q, limit: 20 });
});

/** A seller's variant picker: the store's own published variants only (the store is checked against the session). */
export const searchStoreVariantsAction = protectedAction('seller:portal', search.extend({ storeId: z.uuid() }), async ({ q, storeId }, actor): Promise<SaleVariantChoice[]> => {
  if (!can(actor, 'seller:portal', storeId)) throw new ForbiddenError();
  return searchSaleVariants(await getDb(), { q, storeId, limit: 20 });
});
