import type { FlashGateEngine } from '@/db/schema/flash-sales';
import { getDb, type Db } from '@/lib/platform/db';
import { env as defaultEnv, redisBackend, type Env } from '@/lib/platform/env';
import { logger } from '@/lib/platform/logger';
import { createPostgresGate } from './postgres-gate';
import { configuredScriptClient } from './redis-client';
import { createRedisGate } from './redis-gate';
import type { ScriptClient } from './scripts';

export type GateEngine = FlashGateEngine;

export type ReserveResult =
  | { ok: true; holdId: string; expiresAt: Date }
  | { ok: false; reason: 'sold_out' | 'over_limit' | 'not_live' }
  /** The customer's active hold (one per customer per sale): the API can hand it back. */
  | { ok: false; reason: 'already_holding'; holdId: string; expiresAt: Date };

export type ReserveRefusal = Extract<ReserveResult, { ok: false }>['reason'];

export type GateSnapshot = { allocation: number; remaining: number; held: number; sold: number };

/**
 * The oversell-proof stock gate of flash sales. One interface, two engines, picked from
 * configuration when the app starts (Redis when REDIS_URL or UPSTASH_* is set, else Postgres).
 * A sale records the engine it started on and never changes it: an app configured for the
 * other engine refuses to serve it (GateUnavailableError) instead of splitting its counters.
 *
 * Invariants, whatever the interleaving: sold + held + remaining = allocation, all >= 0; a
 * customer's held + bought units never exceed the sale's limit; at most one active hold per
 * customer. Every hold also lives in `flash_holds` (Postgres) under the same id, which the
 * checkout, the orders and reconciliation use.
 *
 * Time: window checks and expiries use the app server's clock (`clock`), passed to Redis and
 * Postgres alike, so both engines agree and tests can move time.
 *
 * Errors: GateUnavailableError (503 + Retry-After) when the engine can't be reached; the gate
 * fails closed and never falls back to the other engine.
 */
export interface StockGate {
  readonly engine: GateEngine;
  /** At sale start (the sale is `live` in Postgres): initialises the engine's counters. Idempotent. */
  open(sale: { id: string }): Promise<void>;
  /** Takes `quantity` units for `customerKey` (user id or guest key) until `ttlMs` (default DEFAULT_HOLD_TTL_MS, lib/flash-sales/reserve-args.ts) from now. */
  reserve(saleId: string, customerKey: string, quantity: number, ttlMs?: number): Promise<ReserveResult>;
  /**
   * Hold → sold; call it just before placing the order and place the order only on true.
   * True when the hold is confirmed (now or before); false when it expired, was released or is unknown.
   */
  confirm(saleId: string, holdId: string): Promise<boolean>;
  /** Hold → remaining (checkout compensation, or the customer let go). True when its units are back in the sale (now or before). */
  release(saleId: string, holdId: string): Promise<boolean>;
  /** Sweeps holds expired at `now` back into remaining; returns how many it expired. */
  expire(saleId: string, now?: Date): Promise<number>;
  /** The live counters (for a sale that hasn't opened yet: the whole allocation remains). */
  snapshot(saleId: string): Promise<GateSnapshot>;
  /** No more reserves (after the sale left `live` in Postgres); holds keep settling. Idempotent. */
  close(saleId: string): Promise<void>;
  /** Repairs `flash_holds` rows to match the engine's view (Redis: gaps left by a crash between the two writes); returns rows repaired. */
  sync(saleId: string): Promise<number>;
}

export type GateOptions = {
  env?: Env;
  /** Milliseconds since the epoch; tests pass a fake clock. */
  clock?: () => number;
  /** Overrides the configured Redis (tests): a client means the Redis engine, null the Postgres engine. */
  redis?: ScriptClient | null;
  /** Prefix of the Redis keys (tests use a unique one per run). */
  keyPrefix?: string;
};

/** Builds the gate for `db` from configuration (or the overrides in `opts`). */
export function createStockGate(db: Db, opts: GateOptions = {}): StockGate {
  const e = opts.env ?? defaultEnv;
  const clock = opts.clock ?? Date.now;
  const redis = opts.redis !== undefined ? opts.redis : configuredScriptClient(e);
  if (redis) return createRedisGate(db, redis, { clock, keyPrefix: opts.keyPrefix ?? 'flash' });
  return createPostgresGate(db, { clock });
}

const store = globalThis as unknown as { __flashGate?: Promise<StockGate> };

/** The app's gate: one per process, its engine chosen once at start and logged. */
export function getStockGate(): Promise<StockGate> {
  store.__flashGate ??= getDb()
    .then((db) => {
      const gate = createStockGate(db);
      logger.info('flash-sale stock gate', { engine: gate.engine, redis: redisBackend(defaultEnv) });
      return gate;
    })
    .catch((err) => {
      store.__flashGate = undefined;
      throw err;
    });
  return store.__flashGate;
}
