import { and, eq, sql } from 'drizzle-orm';
import { products, variants } from '@/db/schema/catalog';
import { flashSales, type FlashSale, type FlashSaleStatus } from '@/db/schema/flash-sales';
import { inventoryLevels, locations } from '@/db/schema/inventory';
import { can, type Actor } from '@/lib/accounts/permissions';
import { recordAudit } from '@/lib/audit/service';
import type { Db, DbOrTx, Tx } from '@/lib/platform/db';
import { ForbiddenError, NotFoundError } from '@/lib/platform/errors';
import { FlashSaleError } from './errors';
import type { CreateFlashSaleInput, ProposeFlashSaleInput } from './inputs';
import { canTransition } from './state';

type Terms = Omit<CreateFlashSaleInput, 'schedule'>;

/** The variant a sale is for, with its store and regular price. */
async function variantFor(db: DbOrTx, variantId: string) {
  const [row] = await db
    .select({ id: variants.id, price: variants.price, currency: variants.currency, storeId: products.storeId })
    .from(variants)
    .innerJoin(products, eq(products.id, variants.productId))
    .where(eq(variants.id, variantId))
    .limit(1);
  return row;
}

/** Units of the variant free at a location of its store (on hand, not reserved by checkouts). */
async function freeAt(db: DbOrTx, variantId: string, locationId: string): Promise<number> {
  const [row] = await db
    .select({ free: sql<number>`(${inventoryLevels.onHand} - ${inventoryLevels.reserved})::int` })
    .from(inventoryLevels)
    .where(and(eq(inventoryLevels.variantId, variantId), eq(inventoryLevels.locationId, locationId)));
  return Number(row?.free ?? 0);
}

/** The location given (it must be the store's), or the store's location with the most free units. */
async function locationFor(db: DbOrTx, storeId: string, variantId: string, locationId?: string): Promise<string> {
  if (locationId) {
    const [loc] = await db.select({ id: locations.id }).from(locations).where(and(eq(locations.id, locationId), eq(locations.storeId, storeId)));
    if (!loc) throw new NotFoundError('Location');
    return loc.id;
  }
  const [best] = await db
    .select({ id: locations.id })
    .from(locations)
    .leftJoin(inventoryLevels, and(eq(inventoryLevels.locationId, locations.id), eq(inventoryLevels.variantId, variantId)))
    .where(eq(locations.storeId, storeId))
    .orderBy(sql`coalesce(${inventoryLevels.onHand} - ${inventoryLevels.reserved}, 0) desc`, locations.id)
    .limit(1);
  if (!best) throw new FlashSaleError('no_location', 'This store has no stock location to take the allocation from.', 409);
  return best.id;
}

/** The rules beyond the input's shape, checked on create, propose and approve. */
async function checkTerms(db: DbOrTx, t: Pick<FlashSale, 'variantId' | 'locationId' | 'allocation' | 'salePrice' | 'currency' | 'endsAt'>, regular: { price: number; currency: string }, now: Date) {
  if (t.endsAt <= now) throw new FlashSaleError('window_past', 'The sale would already be over. Choose a later end.', 422);
  if (t.currency !== regular.currency) throw new FlashSaleError('currency_mismatch', `The sale price must be in ${regular.currency}, the product's currency.`, 422);
  if (t.salePrice >= regular.price) throw new FlashSaleError('price_not_discounted', 'The sale price must be lower than the regular price.', 422);
  // Early warning only: the units are taken (or the start refused) when the sale starts.
  const free = await freeAt(db, t.variantId, t.locationId);
  if (free < t.allocation) throw new FlashSaleError('insufficient_stock', `Only ${free} units are free at that location for an allocation of ${t.allocation}.`, 409);
}

async function buildSale(db: DbOrTx, input: Terms, storeId: string | null, now: Date) {
  const variant = await variantFor(db, input.variantId);
  if (!variant || (storeId && variant.storeId !== storeId)) throw new NotFoundError('Variant');
  const locationId = await locationFor(db, variant.storeId, variant.id, input.locationId);
  const values = {
    storeId: variant.storeId,
    variantId: variant.id,
    locationId,
    allocation: input.allocation,
    salePrice: input.salePrice,
    currency: input.currency ?? variant.currency,
    perCustomerLimit: input.perCustomerLimit,
    startsAt: input.startsAt,
    endsAt: input.endsAt,
    remaining: input.allocation,
  };
  await checkTerms(db, values, variant, now);
  return values;
}

/** Admin: creates a sale, scheduled at once (or only approved when `schedule` is false). */
export async function createFlashSale(db: Db, actor: Actor | null, input: CreateFlashSaleInput, now = new Date()): Promise<FlashSale> {
  if (!actor || !can(actor, 'admin:console')) throw new ForbiddenError();
  return db.transaction(async (tx) => {
    const values = await buildSale(tx, input, null, now);
    const [sale] = await tx
      .insert(flashSales)
      .values({ ...values, status: input.schedule ? 'scheduled' : 'approved', createdBy: actor.userId, approvedBy: actor.userId, approvedAt: now })
      .returning();
    await recordAudit(tx, { action: 'flash_sale.created', actorId: actor.userId, subjectType: 'flash_sale', subjectId: sale!.id, data: { status: sale!.status, allocation: sale!.allocation } });
    return sale!;
  });
}

/** Seller: proposes a sale of their own store's variant, for an admin to review. */
export async function proposeFlashSale(db: Db, actor: Actor | null, input: ProposeFlashSaleInput, now = new Date()): Promise<FlashSale> {
  if (!actor || !can(actor, 'seller:portal', input.storeId)) throw new ForbiddenError();
  return db.transaction(async (tx) => {
    const values = await buildSale(tx, input, input.storeId, now);
    const [sale] = await tx
      .insert(flashSales)
      .values({ ...values, status: 'proposed', createdBy: actor.userId })
      .returning();
    await recordAudit(tx, { action: 'flash_sale.proposed', actorId: actor.userId, subjectType: 'flash_sale', subjectId: sale!.id, data: { storeId: input.storeId } });
    return sale!;
  });
}

async function lockSale(tx: Tx, id: string): Promise<FlashSale> {
  const [sale] = await tx.select().from(flashSales).where(eq(flashSales.id, id)).for('update');
  if (!sale) throw new NotFoundError('Flash sale');
  return sale;
}

function assertTransition(from: FlashSaleStatus, to: FlashSaleStatus) {
  if (!canTransition(from, to)) throw new FlashSaleError('invalid_transition', `A ${from} sale cannot become ${to}.`, 409);
}

/** Admin: approves (and by default schedules) or rejects a seller's proposal. */
export async function reviewFlashSale(
  db: Db,
  actor: Actor | null,
  id: string,
  decision: 'approve' | 'reject',
  reason?: string,
  opts: { schedule?: boolean; now?: Date } = {},
): Promise<FlashSale> {
  if (!actor || !can(actor, 'admin:console')) throw new ForbiddenError();
  const now = opts.now ?? new Date();
  return db.transaction(async (tx) => {
    const sale = await lockSale(tx, id);
    const to: FlashSaleStatus = decision === 'reject' ? 'rejected' : (opts.schedule ?? true) ? 'scheduled' : 'approved';
    if (sale.status !== 'proposed') throw new FlashSaleError('invalid_transition', `This sale is ${sale.status}: only proposals are reviewed.`, 409);
    if (decision === 'approve') {
      const variant = await variantFor(tx, sale.variantId);
      if (!variant) throw new NotFoundError('Variant');
      await checkTerms(tx, sale, variant, now);
    } else if (!reason?.trim()) throw new FlashSaleError('reason_required', 'Say why the proposal is rejected.', 422);
    const [updated] = await tx
      .update(flashSales)
      .set({ status: to, reviewNote: reason?.trim() || null, ...(decision === 'approve' ? { approvedBy: actor.userId, approvedAt: now } : {}) })
      .where(eq(flashSales.id, id))
      .returning();
    await recordAudit(tx, { action: `flash_sale.${decision === 'approve' ? 'approved' : 'rejected'}`, actorId: actor.userId, subjectType: 'flash_sale', subjectId: id, data: { status: to, reason: reason ?? null } });
    return updated!;
  });
}

/** Admin: announces an approved sale (it then appears as upcoming and starts on time). */
export async function scheduleFlashSale(db: Db, actor: Actor | null, id: string, now = new Date()): Promise<FlashSale> {
  if (!actor || !can(actor, 'admin:console')) throw new ForbiddenError();
  return db.transaction(async (tx) => {
    const sale = await lockSale(tx, id);
    assertTransition(sale.status, 'scheduled');
    if (sale.endsAt <= now) throw new FlashSaleError('window_past', 'The sale would already be over. Choose a later end.', 422);
    const [updated] = await tx.update(flashSales).set({ status: 'scheduled' }).where(eq(flashSales.id, id)).returning();
    await recordAudit(tx, { action: 'flash_sale.scheduled', actorId: actor.userId, subjectType: 'flash_sale', subjectId: id });
    return updated!;
  });
}

/**
 * Cancels a sale that has not started (admin, or the proposing store for its own proposal).
 * A live sale is cancelled by `cancelLiveSale` (lib/flash-sales/lifecycle.ts), which also
 * stops the gate and returns the units.
 */
export async function cancelFlashSale(db: Db, actor: Actor | null, id: string): Promise<FlashSale> {
  return db.transaction(async (tx) => {
    const sale = await lockSale(tx, id);
    const mayCancel = !!actor && (can(actor, 'admin:console') || (sale.status === 'proposed' && can(actor, 'seller:portal', sale.storeId)));
    if (!mayCancel) throw new ForbiddenError();
    if (sale.status === 'live') throw new FlashSaleError('sale_live', 'This sale is live: cancel it from the live controls.', 409);
    assertTransition(sale.status, 'cancelled');
    const [updated] = await tx.update(flashSales).set({ status: 'cancelled', endedAt: new Date() }).where(eq(flashSales.id, id)).returning();
    await recordAudit(tx, { action: 'flash_sale.cancelled', actorId: actor!.userId, subjectType: 'flash_sale', subjectId: id, data: { from: sale.status } });
    return updated!;
  });
}
