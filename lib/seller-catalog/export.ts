import { sql } from 'drizzle-orm';
import type { DbOrTx } from '@/lib/platform/db';
import { pgArray } from '@/lib/platform/sql';
import { csvField, csvLine } from './csv';
import { BASE_COLUMNS } from './csv-format';
import { formatAmount } from './inputs';
import { listLocations } from './inventory';
import { MAX_OPTIONS } from './matrix';
import type { StoreScope } from './scope';

const PAGE = 500;

/**
 * The store's products as CSV, one row per variant, in the import's format (so an export can
 * be edited and imported back). Streams page by page; text cells are guarded against formula
 * injection. Stock columns hold the on-hand count per location.
 */
export async function* exportProductsCsv(db: DbOrTx, scope: StoreScope, opts: { status?: 'draft' | 'active' | 'archived' } = {}): AsyncGenerator<string> {
  const locs = await listLocations(db, scope);
  yield `\uFEFF${csvLine([...BASE_COLUMNS, ...locs.map((l) => `stock:${l.code}`)])}`;
  let after: { t: string; id: string } | null = null;
  for (;;) {
    const page: { rows: { id: string; slug: string; title: string; description: string; status: string; category: string; brand: string; tags: string[]; seo_title: string | null; seo_description: string | null; t: string }[] } = await db.execute(sql`
      select p.id, p.slug, p.title, p.description, p.status, c.path as category, p.brand, p.tags, p.seo_title, p.seo_description, p.created_at::text as t
      from products p join categories c on c.id = p.category_id
      where p.store_id = ${scope.storeId}${opts.status ? sql` and p.status = ${opts.status}` : sql``}
        ${after ? sql`and (p.created_at, p.id) > (${after.t}::timestamptz, ${after.id}::uuid)` : sql``}
      order by p.created_at, p.id
      limit ${PAGE}`);
    if (!page.rows.length) return;
    const ids = page.rows.map((p) => p.id);
    const [vs, opts2, levels] = [
      await db.execute<{ id: string; product_id: string; sku: string; options: Record<string, string>; price: number; compare_at_price: number | null; weight_grams: number; low_stock_threshold: number }>(sql`
        select id, product_id, sku, options, price, compare_at_price, weight_grams, low_stock_threshold from variants
        where product_id = any(${pgArray(ids, 'uuid')}) order by product_id, position, id`),
      await db.execute<{ product_id: string; name: string }>(sql`select product_id, name from product_options where product_id = any(${pgArray(ids, 'uuid')}) order by product_id, position`),
      await db.execute<{ variant_id: string; location_id: string; on_hand: number }>(sql`
        select il.variant_id, il.location_id, il.on_hand from inventory_levels il join variants v on v.id = il.variant_id
        where v.product_id = any(${pgArray(ids, 'uuid')})`),
    ];
    const onHand = new Map(levels.rows.map((l) => [`${l.variant_id}:${l.location_id}`, l.on_hand]));
    let chunk = '';
    for (const p of page.rows) {
      const names = opts2.rows.filter((o) => o.product_id === p.id).map((o) => o.name).slice(0, MAX_OPTIONS);
      vs.rows
        .filter((v) => v.product_id === p.id)
        .forEach((v, i) => {
          const firstRow = i === 0;
          const text = (s: string | null) => csvField(firstRow ? s : '', { text: true });
          const optionCells = Array.from({ length: MAX_OPTIONS }, (_, k) => {
            const name = names[k];
            return name ? [csvField(name, { text: true }), csvField(v.options[name] ?? '', { text: true })] : ['', ''];
          }).flat();
          chunk += csvLine([
            csvField(p.slug),
            text(p.title),
            text(p.description),
            firstRow ? p.status : '',
            firstRow ? csvField(p.category) : '',
            text(p.brand),
            text(p.tags.join(', ')),
            text(p.seo_title),
            text(p.seo_description),
            ...optionCells,
            csvField(v.sku, { text: true }),
            formatAmount(v.price),
            v.compare_at_price === null ? '' : formatAmount(v.compare_at_price),
            String(v.weight_grams),
            String(v.low_stock_threshold),
            ...locs.map((l) => String(onHand.get(`${v.id}:${l.id}`) ?? 0)),
          ]);
        });
    }
    yield chunk;
    const last = page.rows.at(-1)!;
    after = { t: last.t, id: last.id };
    if (page.rows.length < PAGE) return;
  }
}
