import { and, eq } from 'drizzle-orm';
import { products, variants } from '@/db/schema/catalog';
import { flashSales, type FlashSaleStatus } from '@/db/schema/flash-sales';
import { sellableProduct } from '@/lib/catalog/sellable';
import type { Db } from '@/lib/platform/db';
import { NotFoundError } from '@/lib/platform/errors';
import { errorFields, logger } from '@/lib/platform/logger';
import { GateUnavailableError, isDatabaseUnavailable } from './errors';
import { getStockGate, type GateSnapshot, type StockGate } from './gate';
import { startFlashSale } from './lifecycle';
import { isPublic, phaseOf, type FlashPhase } from './phase';
import { readFlashSale } from './reads';

/*
 * What the storefront (the /flash page, its server action and the public API) does with a sale:
 * place a hold for a customer, and show the sale with its live counters. Both must hold up under
 * a crowd: the sale row and the shown counters are kept per process for about a second, so a
 * thousand pollers cost one read per second, and a due sale is started once per process by the
 * first buyer (the minute scheduler would start it too, up to a minute late).
 */

type Deps = { gate?: StockGate; cacheMs?: number };
const store = globalThis as unknown as {
  __flashStorefront?: {
    deps: Deps;
    meta: Map<string, { at: number; value: Promise<SaleMeta | null> }>;
    views: Map<string, { at: number; value: Promise<FlashSaleView | null> }>;
    starting: Map<string, Promise<void>>;
    lastStart: Map<string, number>;
    lastSweep: Map<string, number>;
  };
};
const state = () =>
  (store.__flashStorefront ??= { deps: {} as Deps, meta: new Map(), views: new Map(), starting: new Map(), lastStart: new Map(), lastSweep: new Map() });

/** Tests inject their gate (e.g. one over a dead Redis) and the cache time (0: no cache); undefined restores the defaults. */
export function setStorefrontDepsForTests(deps: Deps | undefined): void {
  const s = state();
  s.deps = deps ?? {};
  s.meta.clear();
  s.views.clear();
  s.starting.clear();
  s.lastStart.clear();
  s.lastSweep.clear();
}

export function storefrontGate(): Promise<StockGate> {
  const g = state().deps.gate;
  return g ? Promise.resolve(g) : getStockGate();
}

const cacheMs = () => state().deps.cacheMs ?? 1000;
/** A failing start (not enough stock) is tried again at most this often per process. */
const START_RETRY_MS = 5000;

function cached<T>(map: Map<string, { at: number; value: Promise<T> }>, key: string, load: () => Promise<T>): Promise<T> {
  const now = Date.now();
  const hit = map.get(key);
  if (hit && now - hit.at < cacheMs()) return hit.value;
  if (map.size > 2000) for (const [k, v] of map) if (now - v.at >= cacheMs()) map.delete(k);
  const value = load();
  map.set(key, { at: now, value });
  // A failure is not kept: the next caller tries again.
  value.catch(() => map.get(key)?.value === value && map.delete(key));
  return value;
}

type SaleMeta = { id: string; status: FlashSaleStatus; startsAt: Date; endsAt: Date; perCustomerLimit: number; startedAt: Date | null };

/** The sale's terms, or null when buyers can't see it (also when its product is not sellable: lib/catalog/sellable.ts). */
function readMeta(db: Db, id: string): Promise<SaleMeta | null> {
  return cached(state().meta, id, async () => {
    const [row] = await db
      .select({ id: flashSales.id, status: flashSales.status, startsAt: flashSales.startsAt, endsAt: flashSales.endsAt, perCustomerLimit: flashSales.perCustomerLimit, startedAt: flashSales.startedAt })
      .from(flashSales)
      .innerJoin(variants, eq(variants.id, flashSales.variantId))
      .innerJoin(products, eq(products.id, variants.productId))
      .where(and(eq(flashSales.id, id), sellableProduct()))
      .limit(1);
    return row ?? null;
  });
}

const isDue = (s: { status: FlashSaleStatus; startsAt: Date; endsAt: Date }, now: number) => s.status === 'scheduled' && s.startsAt.getTime() <= now && now < s.endsAt.getTime();

/** Starts a due sale (once per process at a time; the start itself is idempotent across processes). */
async function startIfDue(db: Db, gate: StockGate, s: { id: string; status: FlashSaleStatus; startsAt: Date; endsAt: Date }): Promise<boolean> {
  const st = state();
  if (!isDue(s, Date.now())) return false;
  let pending = st.starting.get(s.id);
  if (!pending) {
    if (Date.now() - (st.lastStart.get(s.id) ?? 0) < START_RETRY_MS) return false;
    st.lastStart.set(s.id, Date.now());
    pending = startFlashSale(db, gate, s.id)
      .then((r) => {
        if (!r.ok) logger.warn('flash sale could not start on demand', { saleId: s.id, code: r.code, message: r.message });
        else st.lastStart.delete(s.id);
      })
      .finally(() => {
        st.starting.delete(s.id);
        st.meta.delete(s.id);
        st.views.delete(s.id);
      });
    st.starting.set(s.id, pending);
  }
  await pending;
  return true;
}

export type HoldRefusal = 'sold_out' | 'over_limit' | 'not_live';

export type HoldOutcome =
  | { kind: 'created'; holdId: string; expiresAt: Date; quantity: number }
  /** The customer's active hold on this sale (one per customer): a retry gets it back. */
  | { kind: 'existing'; holdId: string; expiresAt: Date }
  | { kind: 'refused'; reason: HoldRefusal; message: string; perCustomerLimit: number };

function refusal(reason: HoldRefusal, s: SaleMeta, now: number): HoldOutcome {
  const message =
    reason === 'sold_out'
      ? 'Sold out: every unit is sold or held by other buyers. Held units come back if their checkout is not completed.'
      : reason === 'over_limit'
        ? `You have reached the limit of ${s.perCustomerLimit} per customer for this sale.`
        : now < s.startsAt.getTime()
          ? 'This sale has not started yet.'
          : 'This sale is over.';
  return { kind: 'refused', reason, message, perCustomerLimit: s.perCustomerLimit };
}

/** Fails closed: an unreachable database or Redis is "paused, retry", never a 500 and never a fallback. */
function unavailable(err: unknown): never {
  if (err instanceof GateUnavailableError) throw err;
  if (isDatabaseUnavailable(err)) throw new GateUnavailableError('database unavailable');
  throw err;
}

/**
 * Places a hold of `quantity` units of a sale for `customerKey` (from the session or the signed
 * guest cookie, never from input). NotFoundError for a sale buyers can't see;
 * GateUnavailableError (503 + Retry-After) when the gate can't answer safely.
 */
export async function placeHold(db: Db, input: { saleId: string; customerKey: string; quantity: number }): Promise<HoldOutcome> {
  try {
    const gate = await storefrontGate();
    let sale = await readMeta(db, input.saleId);
    if (!sale || !isPublic(sale)) throw new NotFoundError('Flash sale');
    if (await startIfDue(db, gate, sale)) sale = (await readMeta(db, input.saleId)) ?? sale;
    const now = Date.now();
    // Answered without the gate: not started, or over.
    if (sale.status !== 'live' || now >= sale.endsAt.getTime() || now < sale.startsAt.getTime()) return refusal('not_live', sale, now);
    const r = await gate.reserve(sale.id, input.customerKey, input.quantity);
    if (r.ok) return { kind: 'created', holdId: r.holdId, expiresAt: r.expiresAt, quantity: input.quantity };
    if (r.reason === 'already_holding') return { kind: 'existing', holdId: r.holdId, expiresAt: r.expiresAt };
    return refusal(r.reason, sale, Date.now());
  } catch (err) {
    return unavailable(err);
  }
}

export type FlashSaleView = {
  id: string;
  status: FlashSaleStatus;
  phase: FlashPhase;
  startsAt: Date;
  endsAt: Date;
  /** When these numbers were read (the server's clock): the page corrects its countdown by it. */
  serverTime: Date;
  allocation: number;
  /** Units neither sold nor held; null while buying is paused (the gate can't be read). */
  remaining: number | null;
  held: number | null;
  sold: number | null;
  paused: boolean;
  perCustomerLimit: number;
  salePrice: number;
  regularPrice: number;
  currency: string;
  product: { id: string; slug: string; title: string; variantTitle: string; imageUrl: string | null; storeName: string };
};

/** How often the shown counters sweep expired holds back into the sale (per process), between the scheduler's minutes. */
const SWEEP_EVERY_MS = 5000;

/** Lapsed holds back into remaining, so the page shows them free again within seconds. Best effort. */
async function sweep(gate: StockGate, saleId: string): Promise<void> {
  const st = state();
  if (Date.now() - (st.lastSweep.get(saleId) ?? 0) < SWEEP_EVERY_MS) return;
  st.lastSweep.set(saleId, Date.now());
  try {
    await gate.expire(saleId);
  } catch (err) {
    if (err instanceof GateUnavailableError || isDatabaseUnavailable(err)) throw err; // shown as paused
    logger.warn('flash sale sweep failed', { saleId, ...errorFields(err) });
  }
}

async function counters(gate: StockGate, sale: { id: string; status: FlashSaleStatus; allocation: number; remaining: number; held: number; sold: number }): Promise<GateSnapshot | null> {
  if (sale.status === 'scheduled') return { allocation: sale.allocation, remaining: sale.allocation, held: 0, sold: 0 };
  if (sale.status !== 'live') return { allocation: sale.allocation, remaining: sale.status === 'ended' || sale.status === 'cancelled' ? 0 : sale.remaining, held: sale.held, sold: sale.sold };
  try {
    await sweep(gate, sale.id);
    return await gate.snapshot(sale.id);
  } catch (err) {
    if (err instanceof GateUnavailableError || isDatabaseUnavailable(err)) {
      logger.warn('flash sale counters unavailable', { saleId: sale.id, ...errorFields(err) });
      return null;
    }
    throw err;
  }
}

/** The sale as buyers see it, with its live counters (about a second old at most); null when buyers can't see it. */
export function readFlashSaleView(db: Db, id: string): Promise<FlashSaleView | null> {
  return cached(state().views, id, async () => {
    const gate = await storefrontGate();
    let card = await readFlashSale(db, id);
    // A suspended store's (or an unlisted product's) sale is gone from the storefront like its product.
    if (!card || !isPublic(card.sale) || !card.sellable) return null;
    // Pollers start a due sale too, so the page turns live with real counters at the start.
    if (await startIfDue(db, gate, card)) card = (await readFlashSale(db, id)) ?? card;
    const c = await counters(gate, card.sale);
    const now = Date.now();
    return {
      id: card.id,
      status: card.sale.status,
      phase: phaseOf({ status: card.status, startsAt: card.startsAt, endsAt: card.endsAt, remaining: c?.remaining ?? null }, now),
      startsAt: card.startsAt,
      endsAt: card.endsAt,
      serverTime: new Date(now),
      allocation: card.allocation,
      remaining: c?.remaining ?? null,
      held: c?.held ?? null,
      sold: c?.sold ?? null,
      paused: c === null,
      perCustomerLimit: card.perCustomerLimit,
      salePrice: card.salePrice,
      regularPrice: card.regularPrice,
      currency: card.currency,
      product: { id: card.productId, slug: card.productSlug, title: card.productTitle, variantTitle: card.variantTitle, imageUrl: card.imageUrl, storeName: card.storeName },
    };
  });
}
