import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { availableSql } from '@/lib/inventory/availability';
import type { DbOrTx } from '@/lib/platform/db';
import { enqueueEmail } from '@/lib/platform/email';
import { env } from '@/lib/platform/env';
import { pgArray } from '@/lib/platform/sql';
import { sellerHref } from '@/lib/sellers/links';

/** A variant at or below its low-stock threshold (threshold 0 turns the alert off). */
export type LowStockItem = {
  variantId: string;
  productId: string;
  productTitle: string;
  variantTitle: string;
  sku: string;
  available: number;
  threshold: number;
  /** When the current crossing began (null until the alert sweep has seen it). */
  since: Date | null;
};

type StockRow = { variant_id: string; store_id: string; product_id: string; product_title: string; variant_title: string; sku: string; available: number; threshold: number };

/** Live available units (on hand minus live holds, all locations) against each variant's threshold. */
const stockOf = (where: ReturnType<typeof sql>) => sql`
  select v.id as variant_id, p.store_id, p.id as product_id, p.title as product_title, v.title as variant_title, v.sku,
    coalesce((select sum(greatest(${availableSql}, 0)) from inventory_levels il where il.variant_id = v.id), 0)::int as available,
    v.low_stock_threshold as threshold
  from variants v join products p on p.id = v.product_id
  where ${where}`;

/**
 * The dashboard's low-stock list for a store: variants of non-archived products whose available
 * stock is at or below their threshold, lowest first.
 */
export async function listLowStock(db: DbOrTx, storeId: string, limit = 50): Promise<LowStockItem[]> {
  // One grouped pass over the store's levels, with expired-but-unswept holds added back as in
  // availableSql: a per-variant subquery was ~5x slower at 30,000 variants.
  const rows = await db.execute<StockRow & { since: string | null }>(sql`
    with lv as (
      select il.variant_id,
        sum(greatest(il.on_hand - il.reserved + coalesce(x.q, 0), 0))::int as available
      from inventory_levels il
      left join (
        select r.variant_id, r.location_id, sum(r.quantity) as q from reservations r
        where r.status = 'active' and r.expires_at <= now() group by r.variant_id, r.location_id
      ) x on x.variant_id = il.variant_id and x.location_id = il.location_id
      -- The store's locations pick its levels (inventory_levels_location_idx), no join needed.
      where il.location_id in (select id from locations where store_id = ${storeId})
      group by il.variant_id)
    select v.id as variant_id, p.store_id, p.id as product_id, p.title as product_title, v.title as variant_title, v.sku,
      coalesce(lv.available, 0) as available, v.low_stock_threshold as threshold, a.opened_at as since
    from variants v
    join products p on p.id = v.product_id
    left join lv on lv.variant_id = v.id
    left join low_stock_alerts a on a.variant_id = v.id and a.cleared_at is null
    where p.store_id = ${storeId} and p.status <> 'archived' and v.low_stock_threshold > 0
      and coalesce(lv.available, 0) <= v.low_stock_threshold
    order by available, p.title, v.title
    limit ${Math.min(Math.max(limit, 1), 500)}`);
  return rows.rows.map((r) => ({
    variantId: r.variant_id,
    productId: r.product_id,
    productTitle: r.product_title,
    variantTitle: r.variant_title,
    sku: r.sku,
    available: Number(r.available),
    threshold: Number(r.threshold),
    since: r.since ? new Date(r.since) : null,
  }));
}

export type OpenedAlert = { id: string; store_id: string; product_title: string; variant_title: string; sku: string; available: number; threshold: number };

/**
 * Opens an alert for each variant that is now at or below its threshold without an open alert,
 * and clears the open alert of each variant back above it. One open alert per variant (a partial
 * unique index), so a crossing alerts once however many writers race. Emails the store's owners
 * (one email per store and call, listing what just ran low) unless `notify` is false — then the
 * caller sends the opened alerts with `emailLowStockAlerts` itself (a bulk import does, once).
 * Run it in the transaction of the stock or threshold change; sales can call it after
 * committing stock, or `syncStoreLowStock` sweeps a store.
 */
export async function syncLowStock(db: DbOrTx, variantIds: readonly string[], opts: { notify?: boolean } = {}): Promise<{ opened: OpenedAlert[]; cleared: number }> {
  if (!variantIds.length) return { opened: [], cleared: 0 };
  const ids = pgArray([...new Set(variantIds)], 'uuid');
  // Materialized: the stock of these variants is computed once, not once per open alert.
  const cleared = await db.execute(sql`
    with s as materialized (${stockOf(sql`v.id = any(${ids})`)})
    update low_stock_alerts a set cleared_at = now()
    from s
    where a.variant_id = s.variant_id and a.cleared_at is null
      and (s.available > s.threshold or s.threshold = 0)`);
  const opened = await db.execute<OpenedAlert>(sql`
    with s as materialized (${stockOf(sql`v.id = any(${ids}) and v.low_stock_threshold > 0 and p.status <> 'archived'`)}),
    ins as (
      insert into low_stock_alerts (variant_id, store_id, available, threshold)
      select s.variant_id, s.store_id, s.available, s.threshold from s where s.available <= s.threshold
      on conflict (variant_id) where cleared_at is null do nothing
      returning id, variant_id, store_id, available, threshold)
    select ins.id, ins.store_id, ins.available, ins.threshold, s.product_title, s.variant_title, s.sku
    from ins join s on s.variant_id = ins.variant_id
    order by s.product_title, s.variant_title`);
  if (opts.notify !== false) await emailLowStockAlerts(db, opened.rows);
  return { opened: opened.rows, cleared: cleared.rowCount ?? 0 };
}

/** Checks every variant of a store (the sweep that catches sales, which don't call syncLowStock themselves). */
export async function syncStoreLowStock(db: DbOrTx, storeId: string): Promise<{ opened: number; cleared: number }> {
  const rows = await db.execute<{ id: string }>(sql`
    select v.id from variants v join products p on p.id = v.product_id where p.store_id = ${storeId}
      and (v.low_stock_threshold > 0 or exists (select 1 from low_stock_alerts a where a.variant_id = v.id and a.cleared_at is null))`);
  const ids = rows.rows.map((r) => r.id);
  const opened: OpenedAlert[] = [];
  let cleared = 0;
  for (let i = 0; i < ids.length; i += 1000) {
    const r = await syncLowStock(db, ids.slice(i, i + 1000), { notify: false });
    opened.push(...r.opened);
    cleared += r.cleared;
  }
  await emailLowStockAlerts(db, opened);
  return { opened: opened.length, cleared };
}

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const MAX_LISTED = 50;

/**
 * Emails newly opened alerts to each store's owners: one email per store, naming the variant
 * (or listing up to 50 of them). The dedupe key is derived from the alert ids, so a retry of the
 * same alerts sends nothing twice, and every crossing has its own alert id.
 */
export async function emailLowStockAlerts(db: DbOrTx, alerts: readonly OpenedAlert[]): Promise<void> {
  const byStore = new Map<string, OpenedAlert[]>();
  for (const a of alerts) byStore.set(a.store_id, [...(byStore.get(a.store_id) ?? []), a]);
  for (const [storeId, list] of byStore) {
    const owners = await db.execute<{ email: string; slug: string }>(sql`
      select u.email, s.slug from store_members m join users u on u.id = m.user_id join stores s on s.id = m.store_id
      where m.store_id = ${storeId} and m.role = 'owner' and u.deleted_at is null`);
    if (!owners.rows.length) continue;
    const url = `${env.PUBLIC_URL.replace(/\/$/, '')}${sellerHref('/seller/inventory', owners.rows[0]!.slug, { low: 1 })}`;
    const name = (a: OpenedAlert) => (a.variant_title === 'Default' ? a.product_title : `${a.product_title} — ${a.variant_title}`);
    const lineOf = (a: OpenedAlert) => `${name(a)} (SKU ${a.sku}): ${a.available} available, alert at ${a.threshold}`;
    const shown = list.slice(0, MAX_LISTED);
    const more = list.length - shown.length;
    const first = list[0]!;
    const subject = list.length === 1 ? `Low stock: ${name(first)} (${first.available} left)` : `Low stock: ${list.length} variants need restocking`;
    const text =
      list.length === 1
        ? `${name(first)} (SKU ${first.sku}) is low on stock: ${first.available} available, your alert threshold is ${first.threshold}.\n\nRestock it: ${url}\n`
        : `These variants are at or below their low-stock threshold:\n\n${shown.map((a) => `- ${lineOf(a)}`).join('\n')}${more ? `\n…and ${more} more.` : ''}\n\nOpen inventory: ${url}\n`;
    const html =
      list.length === 1
        ? `<p><strong>${escape(name(first))}</strong> (SKU ${escape(first.sku)}) is low on stock: <strong>${first.available}</strong> available, your alert threshold is ${first.threshold}.</p><p><a href="${escape(url)}">Open inventory</a></p>`
        : `<p>These variants are at or below their low-stock threshold:</p><ul>${shown.map((a) => `<li>${escape(lineOf(a))}</li>`).join('')}</ul>${more ? `<p>…and ${more} more.</p>` : ''}<p><a href="${escape(url)}">Open inventory</a></p>`;
    const key = list.length === 1 ? first.id : createHash('sha256').update(list.map((a) => a.id).sort().join(',')).digest('hex').slice(0, 40);
    for (const o of owners.rows) {
      await enqueueEmail(db, { to: o.email, subject: subject.slice(0, 200), template: 'seller-low-stock', html, text }, `low-stock:${key}:${o.email}`);
    }
  }
}
