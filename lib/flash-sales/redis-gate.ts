import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { FlashHoldStatus } from '@/db/schema/flash-sales';
import type { Db, Tx } from '@/lib/platform/db';
import { NotFoundError } from '@/lib/platform/errors';
import { logger } from '@/lib/platform/logger';
import { pgArray } from '@/lib/platform/sql';
import { GateUnavailableError, isDatabaseUnavailable } from './errors';
import type { GateSnapshot, ReserveResult, StockGate } from './gate';
import { assertReserveArgs, DEFAULT_HOLD_TTL_MS } from './reserve-args';
import { ScriptRunner, type ScriptClient, type ScriptName } from './scripts';

/*
 * Redis key scheme. Every key of a sale carries the hash tag `{saleId}`, so a Redis Cluster puts
 * them in one slot and each script (which declares all five in KEYS) stays atomic:
 *
 *   flash:{saleId}:sale       hash  status (live|closed), starts, ends (ms), allocation, limit,
 *                                   remaining, held, sold, epoch, retain (ms)
 *   flash:{saleId}:holds      hash  holdId → "status|quantity|expiresAt|createdAt|customerKey"
 *   flash:{saleId}:customers  hash  customerKey → units held or bought (the limit counts these)
 *   flash:{saleId}:active     hash  customerKey → holdId of the customer's one active hold
 *   flash:{saleId}:expiries   zset  holdId scored by expiresAt (ms), active holds only
 *
 * All keys expire 30 days after the sale ends (PEXPIREAT). Redis must not evict them: run it
 * with `maxmemory-policy noeviction` (a volatile-* policy could drop these keys).
 */
export function saleKeys(prefix: string, saleId: string): string[] {
  const tag = `${prefix}:{${saleId}}`;
  return [`${tag}:sale`, `${tag}:holds`, `${tag}:customers`, `${tag}:active`, `${tag}:expiries`];
}

const RETAIN_MS = 30 * 24 * 3600_000;
const SWEEP_BATCH = 500;
/** A Redis hold with no Postgres row older than this is a reserve whose Postgres write never happened. */
const ORPHAN_GRACE_MS = 60_000;
const iso = (ms: number) => new Date(ms).toISOString();
const ms = (d: Date | string) => new Date(d).getTime();

/** A hold write was made on a Redis state Postgres no longer vouches for (see the epoch below). */
class StaleEpoch extends Error {
  constructor(readonly pgEpoch: number) {
    super('stale gate epoch');
  }
}

export type RedisStockGate = StockGate & { readonly scripts: ScriptRunner };

type HoldRecord = { id: string; status: FlashHoldStatus; quantity: number; expiresAt: number; createdAt: number; customerKey: string };

/** A hold as the scripts store it: "status|quantity|expiresAt|createdAt|customerKey" (the key last: it may contain '|'). */
function parseRecord(id: string, record: string): HoldRecord {
  const [status, quantity, expiresAt, createdAt] = record.split('|', 4);
  const customerKey = record.split('|').slice(4).join('|');
  return { id, status: status as FlashHoldStatus, quantity: Number(quantity), expiresAt: Number(expiresAt), createdAt: Number(createdAt), customerKey };
}

/**
 * The Redis engine: one Lua script per operation (lib/flash-sales/lua), each atomic.
 *
 * Write order. Redis decides, Postgres records, then the caller hears the answer:
 * reserve runs reserve.lua, then inserts the `flash_holds` row, then returns the hold id;
 * confirm/release/expire run their script, then update the row. A crash between the two
 * leaves Redis ahead of Postgres, never a sold unit without a row: a hold id is only ever
 * handed out after its row exists, and confirm needs the id. `sync()` (run by
 * reconciliation) repairs the gaps: rows whose status lags Redis are updated, and a Redis hold
 * that never got its row is released. If Postgres is down at reserve, the units are released
 * in Redis at once and the reserve fails closed.
 *
 * Recovery. When a script finds the sale's keys missing (Redis restarted without persistence,
 * or lost them), the gate rebuilds them from Postgres under the sale row's lock: sold =
 * confirmed holds, held = active holds, remaining = allocation - sold - held (load.lua).
 * Each rebuild bumps `flash_sales.gate_epoch` and stamps it into Redis; every hold write
 * checks, under a share lock on the sale row, that the epoch its script ran under is still
 * Postgres's. A write whose script ran on the Redis that was lost is refused and the operation
 * runs again on the rebuilt state, so a rebuild can never resurrect units already promised,
 * nor miss units promised after it read. While Redis is unreachable every operation throws
 * GateUnavailableError (fail closed); nothing falls back to Postgres counters.
 */
export function createRedisGate(db: Db, client: ScriptClient, { clock, keyPrefix }: { clock: () => number; keyPrefix: string }): RedisStockGate {
  const scripts = new ScriptRunner(client);
  const rebuilding = new Map<string, Promise<'loaded' | 'exists' | 'not_open'>>();

  const run = (name: ScriptName, saleId: string, args: (string | number)[]) => scripts.run(name, saleKeys(keyPrefix, saleId), args);

  async function pg<T>(fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (err) {
      if (isDatabaseUnavailable(err)) throw new GateUnavailableError('database unavailable');
      throw err;
    }
  }

  /** Runs a script, rebuilding the sale's keys from Postgres once when they are missing; null when the sale isn't open. */
  async function call(name: ScriptName, saleId: string, args: (string | number)[]): Promise<unknown[] | null> {
    const first = await run(name, saleId, args);
    if (first[0] !== 'missing') return first;
    if ((await rebuild(saleId)) === 'not_open') return null;
    const again = await run(name, saleId, args);
    if (again[0] === 'missing') throw new GateUnavailableError('redis: the sale keys vanished right after a rebuild');
    return again;
  }

  /** One rebuild per sale at a time in this process; across processes the sale row lock serialises them. */
  function rebuild(saleId: string) {
    let pending = rebuilding.get(saleId);
    if (!pending) {
      pending = load(saleId).finally(() => rebuilding.delete(saleId));
      rebuilding.set(saleId, pending);
    }
    return pending;
  }

  function load(saleId: string) {
    return pg(() =>
      db.transaction(async (tx): Promise<'loaded' | 'exists' | 'not_open'> => {
        const s = (
          await tx.execute<{ status: string; engine: string | null; moved_out: number; allocation: number; limit: number; starts_at: Date; ends_at: Date; gate_epoch: number }>(sql`
            select status, engine, moved_out, allocation, per_customer_limit as "limit", starts_at, ends_at, gate_epoch
            from flash_sales where id = ${saleId} for update`)
        ).rows[0];
        if (!s || Number(s.moved_out) === 0 || !['live', 'ended', 'cancelled'].includes(s.status)) return 'not_open';
        if (s.engine !== 'redis') throw new GateUnavailableError(`this sale runs on the ${s.engine} engine, not Redis`);
        const holds = await tx.execute<{ id: string; customer_key: string; quantity: number; status: string; expires_at: Date; created_at: Date }>(sql`
          select id, customer_key, quantity, status, expires_at, created_at from flash_holds
          where sale_id = ${saleId} and status in ('active', 'confirmed') order by created_at, id`);
        const epoch = Number(s.gate_epoch) + 1;
        const args = [
          epoch,
          s.allocation,
          s.limit,
          ms(s.starts_at),
          ms(s.ends_at),
          s.status === 'live' ? 'live' : 'closed',
          ms(s.ends_at) + RETAIN_MS,
          ...holds.rows.flatMap((h) => [h.id, h.customer_key, h.quantity, h.status, ms(h.expires_at), ms(h.created_at)]),
        ];
        const r = await run('load', saleId, args);
        if (r[0] === 'exists') return 'exists';
        await tx.execute(sql`update flash_sales set gate_epoch = ${epoch} where id = ${saleId}`);
        logger.info('flash sale gate loaded from postgres', { saleId, epoch, holds: holds.rows.length, remaining: Number(r[2]) });
        return 'loaded';
      }),
    );
  }

  /** Runs `fn` in a transaction that first checks, under a share lock on the sale row, that Redis's epoch is still Postgres's. */
  function fenced<T>(saleId: string, epoch: number, fn: (tx: Tx) => Promise<T>): Promise<T> {
    return pg(() =>
      db.transaction(async (tx) => {
        const r = await tx.execute<{ gate_epoch: number }>(sql`select gate_epoch from flash_sales where id = ${saleId} for share`);
        const pgEpoch = Number(r.rows[0]?.gate_epoch);
        if (pgEpoch !== epoch) throw new StaleEpoch(pgEpoch);
        return fn(tx);
      }),
    );
  }

  /** After a refused write: if Redis is ahead of Postgres (a rebuild whose commit was lost), drop its keys so the next call rebuilds. */
  async function recover(saleId: string, opEpoch: number, err: unknown): Promise<void> {
    if (!(err instanceof StaleEpoch)) throw err;
    logger.warn('flash sale gate: write from an older redis state refused, retrying', { saleId, opEpoch, pgEpoch: err.pgEpoch });
    if (opEpoch > err.pgEpoch) await run('drop', saleId, [opEpoch]);
  }

  /** Makes the rows say what Redis decided (Redis moves a hold from active once; Postgres follows). */
  async function mirror(tx: Tx, saleId: string, ids: string[], status: FlashHoldStatus): Promise<number> {
    if (!ids.length) return 0;
    const r = await tx.execute(sql`
      update flash_holds set status = ${status}, settled_at = coalesce(settled_at, now()), updated_at = now()
      where sale_id = ${saleId} and id = any(${pgArray(ids, 'uuid')}) and status <> ${status}
      returning id`);
    return r.rows.length;
  }

  /**
   * Writes settled holds whole: a hold can expire while its reserve is still writing its row
   * (a burst sweeps a hold of 1 ms), so the row may not exist yet. The reserve's insert then
   * finds this one and leaves it (`on conflict do nothing`).
   */
  async function upsertSettled(tx: Tx, saleId: string, epoch: number, holds: HoldRecord[]): Promise<void> {
    await tx.execute(sql`
      insert into flash_holds (id, sale_id, customer_key, quantity, status, expires_at, epoch, created_at, settled_at)
      select x.id, ${saleId}, x.customer_key, x.quantity, x.status::flash_hold_status,
        timestamptz 'epoch' + x.expires_ms * interval '1 millisecond', ${epoch},
        timestamptz 'epoch' + x.created_ms * interval '1 millisecond', now()
      from jsonb_to_recordset(${JSON.stringify(holds.map((h) => ({ id: h.id, customer_key: h.customerKey, quantity: h.quantity, status: h.status, expires_ms: h.expiresAt, created_ms: h.createdAt })))}::jsonb)
        as x(id uuid, customer_key text, quantity int, status text, expires_ms bigint, created_ms bigint)
      on conflict (id) do update set status = excluded.status, settled_at = coalesce(flash_holds.settled_at, now()), updated_at = now()
        where flash_holds.status <> excluded.status`);
  }

  async function rowStatus(saleId: string, holdId: string): Promise<string | undefined> {
    const r = await pg(() => db.execute<{ status: string }>(sql`select status from flash_holds where id = ${holdId} and sale_id = ${saleId}`));
    return r.rows[0]?.status;
  }

  async function persistHold(saleId: string, epoch: number, h: { holdId: string; customerKey: string; quantity: number; expiresAt: number; now: number }) {
    await fenced(saleId, epoch, async (tx) => {
      // Redis let this customer reserve, so Redis no longer counts any earlier active hold of
      // theirs: its row only lags (its expire/release write is on the way). Settle it now so the
      // one-active-hold index admits the new row; the lagging write then sets the exact status.
      await tx.execute(sql`
        update flash_holds
        set status = (case when expires_at <= ${iso(h.now)}::timestamptz then 'expired' else 'released' end)::flash_hold_status,
            settled_at = now(), updated_at = now()
        where sale_id = ${saleId} and customer_key = ${h.customerKey} and status = 'active' and id <> ${h.holdId}`);
      await tx.execute(sql`
        insert into flash_holds (id, sale_id, customer_key, quantity, status, expires_at, epoch)
        values (${h.holdId}, ${saleId}, ${h.customerKey}, ${h.quantity}, 'active', ${iso(h.expiresAt)}::timestamptz, ${epoch})
        on conflict (id) do nothing`);
    });
  }

  const gate: RedisStockGate = {
    engine: 'redis',
    scripts,

    async open(sale) {
      if (!(await call('snapshot', sale.id, []))) throw new NotFoundError('Live flash sale');
    },

    async reserve(saleId, customerKey, quantity, ttlMs = DEFAULT_HOLD_TTL_MS): Promise<ReserveResult> {
      assertReserveArgs(customerKey, quantity, ttlMs);
      const holdId = randomUUID();
      let swept = false;
      for (let attempt = 0; attempt < 5; attempt++) {
        const now = clock();
        const r = await call('reserve', saleId, [holdId, customerKey, quantity, now, now + ttlMs]);
        if (!r) return { ok: false, reason: 'not_live' };
        const outcome = String(r[0]);
        const epoch = Number(r[1]);
        if (outcome === 'ok') {
          const expiresAt = Number(r[3]);
          try {
            await persistHold(saleId, epoch, { holdId, customerKey, quantity, expiresAt, now });
          } catch (err) {
            if (err instanceof StaleEpoch) {
              await recover(saleId, epoch, err);
              continue;
            }
            // Postgres could not record it: give the units back now rather than at expiry.
            await run('release', saleId, [holdId]).catch(() => {});
            throw err;
          }
          return { ok: true, holdId, expiresAt: new Date(expiresAt) };
        }
        if (outcome === 'already_holding' || outcome === 'sold_out') {
          // A hold past its expiry that no sweep has reached yet: sweep, then ask again.
          const due = outcome === 'already_holding' ? Number(r[3]) : Number(r[2]);
          if (due >= 0 && due <= now && !swept) {
            swept = true;
            await gate.expire(saleId, new Date(now));
            continue;
          }
          if (outcome === 'sold_out') return { ok: false, reason: 'sold_out' };
          return { ok: false, reason: 'already_holding', holdId: String(r[2]), expiresAt: new Date(due) };
        }
        if (outcome === 'over_limit' || outcome === 'not_live') return { ok: false, reason: outcome };
        throw new Error(`reserve.lua answered ${outcome}`);
      }
      throw new GateUnavailableError('redis: the sale kept being rebuilt during a reserve');
    },

    async confirm(saleId, holdId) {
      for (let attempt = 0; attempt < 5; attempt++) {
        const r = await call('confirm', saleId, [holdId, clock()]);
        if (!r) return (await rowStatus(saleId, holdId)) === 'confirmed';
        const outcome = String(r[0]);
        const epoch = Number(r[1]);
        if (outcome === 'confirmed') {
          try {
            await fenced(saleId, epoch, (tx) => mirror(tx, saleId, [holdId], 'confirmed'));
          } catch (err) {
            await recover(saleId, epoch, err);
            continue;
          }
          return true;
        }
        if (outcome === 'expiring') {
          await gate.expire(saleId);
          return false;
        }
        if (outcome === 'released' || outcome === 'expired') {
          await fenced(saleId, epoch, (tx) => mirror(tx, saleId, [holdId], outcome)).catch(() => {}); // best effort; sync repairs
          return false;
        }
        return (await rowStatus(saleId, holdId)) === 'confirmed'; // unknown to Redis
      }
      throw new GateUnavailableError('redis: the sale kept being rebuilt during a confirm');
    },

    async release(saleId, holdId) {
      for (let attempt = 0; attempt < 5; attempt++) {
        const r = await call('release', saleId, [holdId]);
        const settled = async () => ['released', 'expired'].includes((await rowStatus(saleId, holdId)) ?? '');
        if (!r) return settled();
        const outcome = String(r[0]);
        const epoch = Number(r[1]);
        if (outcome === 'released') {
          try {
            await fenced(saleId, epoch, (tx) => mirror(tx, saleId, [holdId], 'released'));
          } catch (err) {
            await recover(saleId, epoch, err);
            continue;
          }
          return true;
        }
        if (outcome === 'expired' || outcome === 'confirmed') {
          await fenced(saleId, epoch, (tx) => mirror(tx, saleId, [holdId], outcome)).catch(() => {});
          return outcome === 'expired';
        }
        return settled(); // unknown to Redis
      }
      throw new GateUnavailableError('redis: the sale kept being rebuilt during a release');
    },

    async expire(saleId, now = new Date(clock())) {
      let total = 0;
      for (let round = 0; round < 100; round++) {
        const r = await call('expire', saleId, [now.getTime(), SWEEP_BATCH]);
        if (!r) return total;
        const epoch = Number(r[1]);
        const expired: HoldRecord[] = [];
        for (let i = 2; i + 1 < r.length; i += 2) expired.push(parseRecord(String(r[i]), String(r[i + 1])));
        if (expired.length) {
          try {
            await fenced(saleId, epoch, (tx) => upsertSettled(tx, saleId, epoch, expired));
          } catch (err) {
            await recover(saleId, epoch, err);
            continue; // the rebuilt state has them active again: sweep again
          }
        }
        total += expired.length;
        if (expired.length < SWEEP_BATCH) return total;
      }
      return total;
    },

    async snapshot(saleId): Promise<GateSnapshot> {
      const r = await call('snapshot', saleId, []);
      if (r) return { allocation: Number(r[2]), remaining: Number(r[3]), held: Number(r[4]), sold: Number(r[5]) };
      const row = (
        await pg(() => db.execute<GateSnapshot>(sql`select allocation, remaining, held, sold from flash_sales where id = ${saleId}`))
      ).rows[0];
      if (!row) throw new NotFoundError('Flash sale');
      return { allocation: Number(row.allocation), remaining: Number(row.remaining), held: Number(row.held), sold: Number(row.sold) };
    },

    async close(saleId) {
      // Missing keys need nothing: a rebuild loads the status from Postgres.
      await run('close', saleId, []);
    },

    async sync(saleId) {
      // Postgres first: Redis is ahead of it, never behind, so a hold made in between shows up
      // in Redis without a row (left alone for ORPHAN_GRACE_MS), never the other way round.
      const rows = (await pg(() => db.execute<{ id: string; status: FlashHoldStatus }>(sql`select id, status from flash_holds where sale_id = ${saleId}`))).rows;
      const r = await call('inspect', saleId, []);
      if (!r) return 0;
      const epoch = Number(r[1]);
      const inRedis = new Map<string, HoldRecord>();
      for (let i = 2; i + 1 < r.length; i += 2) inRedis.set(String(r[i]), parseRecord(String(r[i]), String(r[i + 1])));
      const inPg = new Map(rows.map((row) => [row.id, row.status]));
      const now = clock();
      let repaired = 0;
      const follow = new Map<FlashHoldStatus, string[]>();
      for (const [id, h] of inRedis) {
        const status = inPg.get(id);
        if (status === undefined) {
          // A reserve that never wrote its row (crash or Postgres down): nobody has its id, give its units back.
          if (h.status === 'active' && h.createdAt < now - ORPHAN_GRACE_MS) {
            await run('release', saleId, [id]);
            repaired += 1;
          }
          continue;
        }
        if (status !== h.status) follow.set(h.status, [...(follow.get(h.status) ?? []), id]);
      }
      // Rows Redis does not count (only possible if its keys were partly lost): not holding anything.
      const stray = rows.filter((row) => row.status === 'active' && !inRedis.has(row.id)).map((row) => row.id);
      if (stray.length) follow.set('expired', [...(follow.get('expired') ?? []), ...stray]);
      if (follow.size) {
        repaired += await fenced(saleId, epoch, async (tx) => {
          let n = 0;
          for (const [status, ids] of follow) n += await mirror(tx, saleId, ids, status);
          return n;
        }).catch((err) => {
          if (err instanceof StaleEpoch) return 0; // Redis was rebuilt meanwhile; the next sync sees the new state
          throw err;
        });
      }
      if (repaired) logger.warn('flash sale holds repaired from redis', { saleId, repaired });
      return repaired;
    },
  };
  return gate;
}
