import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Db, Tx } from '@/lib/platform/db';
import { NotFoundError } from '@/lib/platform/errors';
import { GateUnavailableError, isDatabaseUnavailable } from './errors';
import type { GateSnapshot, ReserveResult, StockGate } from './gate';
import { assertReserveArgs, DEFAULT_HOLD_TTL_MS } from './reserve-args';

const iso = (ms: number) => new Date(ms).toISOString();

/** Thrown inside a transaction to roll it back with an answer. */
class Retry extends Error {}

/**
 * Runs one process's reserves for a sale one at a time. They would queue on the sale row's
 * lock anyway; queueing here instead means each one checks fresh counters first, so in a burst
 * the losers are answered by one read instead of each opening a transaction that waits for the
 * row and then fails. Correctness never depends on it: other processes still meet at the row lock.
 */
const queues = new Map<string, Promise<unknown>>();
function serialized<T>(key: string, fn: () => Promise<T>): Promise<T> {
  const next = (queues.get(key) ?? Promise.resolve()).then(fn, fn);
  const tail = next.catch(() => {});
  queues.set(key, tail);
  void tail.then(() => {
    if (queues.get(key) === tail) queues.delete(key);
  });
  return next;
}

type PreCheck = {
  status: string;
  engine: string | null;
  in_window: boolean;
  remaining: number;
  limit: number;
  units: number | null;
  hold_id: string | null;
  hold_expires_at: Date | string | null;
  has_expired: boolean;
};

/**
 * The Postgres engine: every operation is a conditional update in one transaction.
 *
 * Lock order (every writer): the flash_sales row, then flash_sale_customers, then flash_holds.
 * The sale row is the hot row: reserves serialise on it for a few statements each, and a
 * lock-free pre-check turns most refusals away before they queue for it (safe: the locked,
 * conditional update decides; a stale pre-check only refuses someone a moment early).
 *
 * - reserve: `remaining -= q, held += q where remaining >= q and status live and in window`,
 *   then one conditional upsert of the customer's row (`units + q <= limit and no active
 *   hold`), then the hold row. Any refusal rolls the whole transaction back.
 * - confirm / release / expire: flip the hold from active (a status guard, so once), then
 *   move its units between the counters. The CHECKs on flash_sales back it all.
 */
export function createPostgresGate(db: Db, { clock }: { clock: () => number }): StockGate {
  async function guard<T>(fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (err) {
      if (isDatabaseUnavailable(err)) throw new GateUnavailableError('database unavailable');
      throw err;
    }
  }

  async function preCheck(saleId: string, customerKey: string, now: number): Promise<PreCheck | undefined> {
    const r = await db.execute<PreCheck>(sql`
      select s.status, s.engine, (s.starts_at <= ${iso(now)}::timestamptz and s.ends_at > ${iso(now)}::timestamptz) as in_window,
        s.remaining, s.per_customer_limit as "limit", c.units, h.id as hold_id, h.expires_at as hold_expires_at,
        exists (select 1 from flash_holds x where x.sale_id = s.id and x.status = 'active' and x.expires_at <= ${iso(now)}::timestamptz) as has_expired
      from flash_sales s
      left join flash_sale_customers c on c.sale_id = s.id and c.customer_key = ${customerKey}
      left join flash_holds h on h.id = c.active_hold_id and h.status = 'active'
      where s.id = ${saleId}`);
    return r.rows[0];
  }

  /** The answer the rules give before touching anything, or null to go ahead, or 'expire' to sweep first. */
  function decide(p: PreCheck | undefined, qty: number, now: number): ReserveResult | 'expire' | null {
    if (!p) return { ok: false, reason: 'not_live' };
    if (p.engine === 'redis') throw new GateUnavailableError('this sale runs on the Redis engine, which is not configured');
    if (p.status !== 'live' || p.engine !== 'postgres' || !p.in_window) return { ok: false, reason: 'not_live' };
    if (p.hold_id) {
      const expiresAt = new Date(p.hold_expires_at!);
      return expiresAt.getTime() > now ? { ok: false, reason: 'already_holding', holdId: p.hold_id, expiresAt } : 'expire';
    }
    if (Number(p.units ?? 0) + qty > Number(p.limit)) return { ok: false, reason: 'over_limit' };
    if (Number(p.remaining) < qty) return p.has_expired ? 'expire' : { ok: false, reason: 'sold_out' };
    return null;
  }

  async function take(tx: Tx, saleId: string, holdId: string, customerKey: string, qty: number, now: number, expiresAt: number): Promise<void> {
    const sale = await tx.execute<{ limit: number }>(sql`
      update flash_sales set remaining = remaining - ${qty}, held = held + ${qty}, updated_at = now()
      where id = ${saleId} and status = 'live' and engine = 'postgres'
        and starts_at <= ${iso(now)}::timestamptz and ends_at > ${iso(now)}::timestamptz and remaining >= ${qty}
      returning per_customer_limit as "limit"`);
    const limit = sale.rows[0]?.limit;
    if (limit === undefined || qty > Number(limit)) throw new Retry();
    const customer = await tx.execute(sql`
      insert into flash_sale_customers (sale_id, customer_key, units, active_hold_id) values (${saleId}, ${customerKey}, ${qty}, ${holdId})
      on conflict (sale_id, customer_key) do update
        set units = flash_sale_customers.units + excluded.units, active_hold_id = excluded.active_hold_id, updated_at = now()
        where flash_sale_customers.active_hold_id is null and flash_sale_customers.units + excluded.units <= ${limit}
      returning units`);
    if (!customer.rows.length) throw new Retry();
    await tx.execute(sql`
      insert into flash_holds (id, sale_id, customer_key, quantity, status, expires_at)
      values (${holdId}, ${saleId}, ${customerKey}, ${qty}, 'active', ${iso(expiresAt)}::timestamptz)`);
  }

  async function lockSale(tx: Tx, saleId: string): Promise<boolean> {
    const r = await tx.execute(sql`select 1 from flash_sales where id = ${saleId} for update`);
    return r.rows.length > 0;
  }

  /** Moves a settled hold's units out of `held` (into sold or back to remaining) and frees the customer's slot. */
  async function settle(tx: Tx, saleId: string, holds: { id: string; customer_key: string; quantity: number }[], to: 'sold' | 'remaining') {
    if (!holds.length) return;
    const total = holds.reduce((s, h) => s + Number(h.quantity), 0);
    await tx.execute(
      to === 'sold'
        ? sql`update flash_sales set held = held - ${total}, sold = sold + ${total}, updated_at = now() where id = ${saleId}`
        : sql`update flash_sales set held = held - ${total}, remaining = remaining + ${total}, updated_at = now() where id = ${saleId}`,
    );
    // Sold units keep counting towards the customer's limit; returned ones stop counting.
    const back = to === 'sold' ? 0 : 1;
    await tx.execute(sql`
      update flash_sale_customers c
      set units = c.units - x.quantity * ${back},
          active_hold_id = case when c.active_hold_id = x.id then null else c.active_hold_id end,
          updated_at = now()
      from jsonb_to_recordset(${JSON.stringify(holds)}::jsonb) as x(id uuid, customer_key text, quantity int)
      where c.sale_id = ${saleId} and c.customer_key = x.customer_key`);
  }

  const gate: StockGate = {
    engine: 'postgres',

    async open(sale) {
      await guard(async () => {
        const r = await db.execute<{ engine: string | null }>(sql`select engine from flash_sales where id = ${sale.id}`);
        if (!r.rows.length) throw new NotFoundError('Flash sale');
        if (r.rows[0]!.engine === 'redis') throw new GateUnavailableError('this sale runs on the Redis engine, which is not configured');
      });
    },

    async reserve(saleId, customerKey, quantity, ttlMs = DEFAULT_HOLD_TTL_MS) {
      assertReserveArgs(customerKey, quantity, ttlMs);
      return guard(async () => {
        let swept = false;
        for (let attempt = 0; attempt < 5; attempt++) {
          const step = await serialized(saleId, async (): Promise<ReserveResult | 'expire' | 'retry'> => {
            const now = clock();
            const decision = decide(await preCheck(saleId, customerKey, now), quantity, now);
            if (decision) return decision;
            const holdId = randomUUID();
            const expiresAt = now + ttlMs;
            try {
              await db.transaction((tx) => take(tx, saleId, holdId, customerKey, quantity, now, expiresAt));
              return { ok: true, holdId, expiresAt: new Date(expiresAt) };
            } catch (err) {
              if (err instanceof Retry) return 'retry'; // another process got there first: ask again
              throw err;
            }
          });
          if (step === 'retry') continue;
          if (step !== 'expire') return step;
          if (swept) break;
          swept = true;
          await gate.expire(saleId, new Date(clock()));
        }
        return { ok: false, reason: 'sold_out' } as const;
      });
    },

    async confirm(saleId, holdId) {
      const now = clock();
      const outcome = await guard(() =>
        db.transaction(async (tx) => {
          if (!(await lockSale(tx, saleId))) return 'refused' as const;
          const r = await tx.execute<{ id: string; customer_key: string; quantity: number }>(sql`
            update flash_holds set status = 'confirmed', settled_at = now(), updated_at = now()
            where id = ${holdId} and sale_id = ${saleId} and status = 'active' and expires_at > ${iso(now)}::timestamptz
            returning id, customer_key, quantity`);
          if (!r.rows.length) {
            const s = await tx.execute<{ status: string }>(sql`select status from flash_holds where id = ${holdId} and sale_id = ${saleId}`);
            const status = s.rows[0]?.status;
            return status === 'confirmed' ? ('confirmed' as const) : status === 'active' ? ('expiring' as const) : ('refused' as const);
          }
          await settle(tx, saleId, r.rows, 'sold');
          return 'confirmed' as const;
        }),
      );
      // Past its expiry: sweep now, as the Redis engine does, so its units are back at once.
      if (outcome === 'expiring') await gate.expire(saleId, new Date(now));
      return outcome === 'confirmed';
    },

    async release(saleId, holdId) {
      return guard(() =>
        db.transaction(async (tx) => {
          if (!(await lockSale(tx, saleId))) return false;
          const r = await tx.execute<{ id: string; customer_key: string; quantity: number }>(sql`
            update flash_holds set status = 'released', settled_at = now(), updated_at = now()
            where id = ${holdId} and sale_id = ${saleId} and status = 'active'
            returning id, customer_key, quantity`);
          if (!r.rows.length) {
            const s = await tx.execute<{ status: string }>(sql`select status from flash_holds where id = ${holdId} and sale_id = ${saleId}`);
            return s.rows[0]?.status === 'released' || s.rows[0]?.status === 'expired';
          }
          await settle(tx, saleId, r.rows, 'remaining');
          return true;
        }),
      );
    },

    async expire(saleId, now = new Date(clock())) {
      return guard(async () => {
        const due = await db.execute(sql`
          select 1 from flash_holds where sale_id = ${saleId} and status = 'active' and expires_at <= ${now.toISOString()}::timestamptz limit 1`);
        if (!due.rows.length) return 0;
        return db.transaction(async (tx) => {
          await lockSale(tx, saleId);
          const r = await tx.execute<{ id: string; customer_key: string; quantity: number }>(sql`
            update flash_holds set status = 'expired', settled_at = now(), updated_at = now()
            where sale_id = ${saleId} and status = 'active' and expires_at <= ${now.toISOString()}::timestamptz
            returning id, customer_key, quantity`);
          await settle(tx, saleId, r.rows, 'remaining');
          return r.rows.length;
        });
      });
    },

    async snapshot(saleId): Promise<GateSnapshot> {
      return guard(async () => {
        const r = await db.execute<GateSnapshot>(sql`select allocation, remaining, held, sold from flash_sales where id = ${saleId}`);
        const row = r.rows[0];
        if (!row) throw new NotFoundError('Flash sale');
        return { allocation: Number(row.allocation), remaining: Number(row.remaining), held: Number(row.held), sold: Number(row.sold) };
      });
    },

    async close() {
      // Reserves check the sale's status in the same conditional update: nothing to switch off.
    },

    async sync() {
      return 0; // the holds are the engine's own rows
    },
  };
  return gate;
}
