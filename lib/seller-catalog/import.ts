import { randomUUID } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { productOptions, products, variants } from '@/db/schema/catalog';
import { inventoryLevels, locations, stockMovements } from '@/db/schema/inventory';
import { catalogImports, type CatalogImport, type ImportIssue } from '@/db/schema/seller-catalog';
import { refreshProductDerived } from '@/lib/catalog/service';
import { tags as cacheTags } from '@/lib/platform/cache-tags';
import type { Db, DbOrTx, Tx } from '@/lib/platform/db';
import { DomainError, NotFoundError } from '@/lib/platform/errors';
import { errorFields, logger } from '@/lib/platform/logger';
import { pgArray } from '@/lib/platform/sql';
import { CsvSyntaxError, parseCsv } from './csv';
import { groupRows, parseHeader, parseRow, rowHandle, type CsvRow, type Header, type ProductGroup } from './csv-format';
import { uniqueViolation } from './errors';
import { emailLowStockAlerts, syncLowStock, type OpenedAlert } from './low-stock';
import { MAX_VARIANTS } from './matrix';
import type { StoreScope } from './scope';
import { addSearchTerms } from './search-terms';

/**
 * Bulk CSV import. Semantics for a file with bad rows: every bad row is reported by row and
 * column; a product with any bad row is skipped as a whole (none of its rows are applied); all
 * other products are applied. A bad header (unknown, missing or duplicate columns, unknown
 * location codes) or broken CSV syntax rejects the whole file before anything is applied.
 * Imports create and update; they never delete products or variants. An empty cell leaves a
 * product field as it is on an existing product.
 */

export const MAX_IMPORT_BYTES = 20 * 1024 * 1024;
export const MAX_IMPORT_ROWS = 50_000;
export const MAX_REPORTED_ERRORS = 1000;
const BATCH_ROWS = 500;
const LEASE_SECONDS = 120;
const INSERT_CHUNK = 500;

export class ImportRejectedError extends DomainError {
  constructor(
    message: string,
    readonly issues: ImportIssue[] = [],
  ) {
    super('import_rejected', message, 422);
  }
}

/** The display name of an uploaded file: its last path segment, printable, at most 200 characters. */
export function displayFileName(name: string): string {
  const base = name.split(/[/\\]/).pop() ?? '';
  return base.replace(/[\u0000-\u001f\u007f]/g, '').slice(0, 200) || 'import.csv';
}

type Context = {
  categoriesByPath: Map<string, string>;
  locationsByCode: Map<string, string>;
};

async function loadContext(db: DbOrTx, storeId: string): Promise<Context> {
  const cats = await db.execute<{ id: string; path: string }>(sql`select id, path from categories`);
  const locs = await db.select({ id: locations.id, code: locations.code }).from(locations).where(eq(locations.storeId, storeId));
  return {
    categoriesByPath: new Map(cats.rows.map((c) => [c.path.toLowerCase(), c.id])),
    locationsByCode: new Map(locs.map((l) => [l.code.toUpperCase(), l.id])),
  };
}

function parseFile(text: string): { header: Header; records: string[][] } {
  let records: string[][];
  try {
    records = parseCsv(text, { maxRecords: MAX_IMPORT_ROWS + 1, maxFieldLength: 20_000 });
  } catch (err) {
    if (err instanceof CsvSyntaxError) throw new ImportRejectedError(`The file is not valid CSV (row ${err.row}): ${err.message}`, [{ row: err.row, column: '(row)', message: err.message }]);
    throw err;
  }
  if (!records.length) throw new ImportRejectedError('The file is empty.');
  const { header, errors } = parseHeader(records[0]!);
  if (errors.length) throw new ImportRejectedError('The header row has problems; nothing was imported.', errors);
  return { header, records };
}

/**
 * Checks the file's syntax and header (rejecting it whole when they are wrong) and queues the
 * import. The caller then runs `runImport` (in the background) and shows the job's progress.
 */
export async function startImport(db: DbOrTx, scope: StoreScope, file: { name: string; text: string }): Promise<CatalogImport> {
  if (Buffer.byteLength(file.text, 'utf8') > MAX_IMPORT_BYTES) throw new ImportRejectedError(`The file is larger than ${MAX_IMPORT_BYTES / 1048576} MB. Split it into smaller files.`);
  if (file.text.includes('\u0000')) throw new ImportRejectedError('The file is not a text CSV file.');
  const { header, records } = parseFile(file.text);
  if (records.length < 2) throw new ImportRejectedError('The file has a header but no product rows.');
  const ctx = await loadContext(db, scope.storeId);
  const unknown = header.stockCodes.filter((s) => !ctx.locationsByCode.has(s.code));
  if (unknown.length) {
    throw new ImportRejectedError(
      'The file names locations your store does not have; nothing was imported.',
      unknown.map((s) => ({ row: 1, column: `stock:${s.code}`, message: `No location with code ${s.code}. Your locations: ${[...ctx.locationsByCode.keys()].join(', ') || 'none'}.` })),
    );
  }
  const [job] = await db
    .insert(catalogImports)
    .values({ storeId: scope.storeId, actorId: scope.userId, fileName: displayFileName(file.name), source: file.text, totalRows: records.length - 1 })
    .returning();
  return job!;
}

export async function getImport(db: DbOrTx, scope: StoreScope, jobId: string): Promise<CatalogImport> {
  const [job] = await db
    .select()
    .from(catalogImports)
    .where(and(eq(catalogImports.id, jobId), eq(catalogImports.storeId, scope.storeId)));
  if (!job) throw new NotFoundError('That import');
  return job;
}

export async function listImports(db: DbOrTx, scope: StoreScope, limit = 10) {
  return db
    .select({
      id: catalogImports.id,
      fileName: catalogImports.fileName,
      status: catalogImports.status,
      totalRows: catalogImports.totalRows,
      processedRows: catalogImports.processedRows,
      errorCount: catalogImports.errorCount,
      createdAt: catalogImports.createdAt,
      finishedAt: catalogImports.finishedAt,
    })
    .from(catalogImports)
    .where(eq(catalogImports.storeId, scope.storeId))
    .orderBy(sql`${catalogImports.createdAt} desc`)
    .limit(limit);
}

/** Is the job waiting for a worker (queued, or running with a lapsed lease after a crash)? */
export const needsWorker = (job: Pick<CatalogImport, 'status' | 'leaseUntil'>, now = new Date()) =>
  job.status === 'queued' || (job.status === 'running' && (!job.leaseUntil || job.leaseUntil < now));

type Tally = { created: number; updated: number; skipped: number; appliedRows: number; errors: ImportIssue[]; productIds: string[]; categoryIds: string[]; alerts: OpenedAlert[] };
const emptyTally = (): Tally => ({ created: 0, updated: 0, skipped: 0, appliedRows: 0, errors: [], productIds: [], categoryIds: [], alerts: [] });

export type RunResult = { status: CatalogImport['status']; tags: string[]; ran: boolean };

/**
 * Works through a queued import (or resumes one whose worker died), one batch of about 500 rows
 * per transaction; each batch commits its products and the job's progress together, so a
 * resumed run never applies a product twice. Returns the cache tags to invalidate.
 */
export async function runImport(db: Db, jobId: string, opts: { batchRows?: number; onBatch?: (job: { processedRows: number; totalRows: number }) => void } = {}): Promise<RunResult> {
  const [claimed] = await db
    .update(catalogImports)
    .set({ status: 'running', leaseUntil: sql`now() + make_interval(secs => ${LEASE_SECONDS})`, startedAt: sql`coalesce(${catalogImports.startedAt}, now())` })
    .where(and(eq(catalogImports.id, jobId), sql`(${catalogImports.status} = 'queued' or (${catalogImports.status} = 'running' and ${catalogImports.leaseUntil} < now()))`))
    .returning();
  if (!claimed) return { status: 'running', tags: [], ran: false };
  let job = claimed;
  const touchedCategories = new Set<string>();
  const alerts: OpenedAlert[] = [];
  try {
    const { header, records } = parseFile(job.source ?? '');
    const ctx = await loadContext(db, job.storeId);
    const parsed = records.slice(1).map((fields, i) => {
      const row = i + 2;
      const r = parseRow(header, fields, row);
      return { row, handle: rowHandle(header, fields), value: r.value, errors: r.errors };
    });
    const { groups, orphanErrors } = groupRows(parsed);
    const scope = { storeId: job.storeId, userId: job.actorId ?? '', __scope: true } as StoreScope;
    const errors = [...job.errors];
    let errorCount = job.errorCount;
    // Rows without a usable handle belong to no product: report them with the first batch.
    let pendingOrphans = job.cursor === 0 ? orphanErrors : [];
    const batchRows = opts.batchRows ?? BATCH_ROWS;

    for (let start = job.cursor; start < groups.length; ) {
      let end = start;
      let rows = 0;
      while (end < groups.length && (rows === 0 || rows + groups[end]!.rowNumbers.length <= batchRows)) rows += groups[end++]!.rowNumbers.length;
      const batch = groups.slice(start, end);
      // What a failed transaction must not leave behind in memory.
      const snapshot = { errors: errors.length, errorCount, job, pendingOrphans };
      const restore = () => {
        errors.length = snapshot.errors;
        errorCount = snapshot.errorCount;
        job = snapshot.job;
        pendingOrphans = snapshot.pendingOrphans;
      };
      const commit = async (tx: Tx, tally: Tally, groupsDone: number, rowsDone: number) => {
        const newErrors = [...pendingOrphans, ...tally.errors];
        const orphanRows = pendingOrphans.length;
        errorCount += newErrors.length;
        for (const e of newErrors) if (errors.length < MAX_REPORTED_ERRORS) errors.push(e);
        const [next] = await tx
          .update(catalogImports)
          .set({
            cursor: sql`${catalogImports.cursor} + ${groupsDone}`,
            processedRows: sql`least(${catalogImports.processedRows} + ${rowsDone + orphanRows}, ${catalogImports.totalRows})`,
            createdProducts: sql`${catalogImports.createdProducts} + ${tally.created}`,
            updatedProducts: sql`${catalogImports.updatedProducts} + ${tally.updated}`,
            skippedProducts: sql`${catalogImports.skippedProducts} + ${tally.skipped}`,
            appliedRows: sql`${catalogImports.appliedRows} + ${tally.appliedRows}`,
            errorCount,
            errors,
            leaseUntil: sql`now() + make_interval(secs => ${LEASE_SECONDS})`,
          })
          // Still ours: nobody took the job over after our lease lapsed.
          .where(and(eq(catalogImports.id, job.id), eq(catalogImports.cursor, job.cursor), eq(catalogImports.status, 'running')))
          .returning();
        if (!next) throw new LeaseLostError();
        job = next;
        pendingOrphans = [];
        tally.categoryIds.forEach((c) => touchedCategories.add(c));
        alerts.push(...tally.alerts);
      };
      try {
        await db.transaction(async (tx) => {
          const tally = await applyGroups(tx, scope, ctx, batch);
          await commit(tx, tally, batch.length, rows);
        });
      } catch (err) {
        restore();
        if (err instanceof LeaseLostError) throw err;
        // A race with another writer (a SKU or handle taken meanwhile) or a fault: apply this
        // batch one product at a time so one product's failure doesn't hold back the others.
        logger.warn('catalog import: batch failed, retrying product by product', { jobId, ...errorFields(err) });
        for (const g of batch) {
          const before = { errors: errors.length, errorCount, job, pendingOrphans };
          try {
            await db.transaction(async (tx) => {
              const tally = await applyGroups(tx, scope, ctx, [g]);
              await commit(tx, tally, 1, g.rowNumbers.length);
            });
          } catch (inner) {
            errors.length = before.errors;
            errorCount = before.errorCount;
            job = before.job;
            pendingOrphans = before.pendingOrphans;
            if (inner instanceof LeaseLostError) throw inner;
            const constraint = uniqueViolation(inner);
            const message =
              constraint === 'variants_sku_key'
                ? 'A SKU of this product was taken by another product during the import.'
                : constraint === 'products_slug_key'
                  ? 'This handle was taken during the import.'
                  : 'This product could not be saved.';
            if (!constraint) logger.error('catalog import: product failed', { jobId, handle: g.handle, ...errorFields(inner) });
            await db.transaction(async (tx) => {
              const tally = emptyTally();
              tally.skipped = 1;
              tally.errors.push({ row: g.rowNumbers[0]!, column: 'handle', message });
              await commit(tx, tally, 1, g.rowNumbers.length);
            });
          }
        }
      }
      start = end;
      opts.onBatch?.({ processedRows: job.processedRows, totalRows: job.totalRows });
    }
    // Rows without a handle in a file whose every row lacked one: nothing else reported them.
    if (pendingOrphans.length) {
      for (const e of pendingOrphans) if (errors.length < MAX_REPORTED_ERRORS) errors.push(e);
      await db.update(catalogImports).set({ errors, errorCount: errorCount + pendingOrphans.length }).where(eq(catalogImports.id, job.id));
    }
    const [done] = await db
      .update(catalogImports)
      .set({ status: 'completed', processedRows: job.totalRows, source: null, leaseUntil: null, finishedAt: sql`now()` })
      .where(and(eq(catalogImports.id, job.id), eq(catalogImports.status, 'running')))
      .returning();
    job = done ?? job;
    await emailLowStockAlerts(db, alerts).catch((err: unknown) => logger.error('catalog import: low-stock email failed', { jobId, ...errorFields(err) }));
  } catch (err) {
    if (err instanceof LeaseLostError) return { status: 'running', tags: [], ran: true };
    const message = err instanceof ImportRejectedError ? err.message : 'The import stopped because of an unexpected error. Products saved before it are kept; upload the file again to finish.';
    if (!(err instanceof ImportRejectedError)) logger.error('catalog import failed', { jobId, ...errorFields(err) });
    await db
      .update(catalogImports)
      .set({ status: 'failed', failure: message, source: null, leaseUntil: null, finishedAt: sql`now()` })
      .where(eq(catalogImports.id, job.id));
    job = { ...job, status: 'failed' };
  }
  const tags = [cacheTags.catalog, cacheTags.search, cacheTags.store(job.storeId), ...[...touchedCategories].map(cacheTags.category)];
  return { status: job.status, tags, ran: true };
}

class LeaseLostError extends Error {
  constructor() {
    super('catalog import: another worker took the job over');
  }
}

type ExistingProduct = { id: string; store_id: string; slug: string; category_id: string; status: string; currency: string };
type ExistingVariant = { id: string; sku: string; product_id: string; options: Record<string, string>; store_id: string; slug: string; position: number };

const PRODUCT_FIELD: Record<string, keyof typeof products.$inferInsert> = {
  title: 'title',
  description: 'description',
  brand: 'brand',
  seo_title: 'seoTitle',
  seo_description: 'seoDescription',
};

const tagsOf = (s: string) => [...new Map(s.split(',').map((t) => t.trim()).filter(Boolean).map((t) => [t.toLowerCase(), t] as const)).values()];
const comboKey = (o: Record<string, string>, names: string[]) => JSON.stringify(names.map((n) => (o[n] ?? '').toLowerCase()));

async function insertChunked<T>(rows: T[], insert: (chunk: T[]) => Promise<unknown>) {
  for (let i = 0; i < rows.length; i += INSERT_CHUNK) await insert(rows.slice(i, i + INSERT_CHUNK));
}

/**
 * Validates a batch of product groups against the database and applies the valid ones:
 * new products are inserted in bulk, existing ones updated one by one; stock cells set the
 * on-hand count through the ledger. Each touched product's derived columns are refreshed.
 */
async function applyGroups(tx: Tx, scope: StoreScope, ctx: Context, groups: ProductGroup[]): Promise<Tally> {
  const tally = emptyTally();
  const handles = groups.map((g) => g.handle);
  const skus = groups.flatMap((g) => g.rows.map((r) => r.sku));
  const existingProducts = (
    await tx.execute<ExistingProduct>(sql`select id, store_id, slug, category_id, status, currency from products where slug = any(${pgArray(handles)}) for update`)
  ).rows;
  const ownIds = existingProducts.filter((p) => p.store_id === scope.storeId).map((p) => p.id);
  const variantRows = (
    await tx.execute<ExistingVariant>(sql`
      select v.id, v.sku, v.product_id, v.options, p.store_id, p.slug, v.position from variants v join products p on p.id = v.product_id
      where v.sku = any(${pgArray(skus)})${ownIds.length ? sql` or v.product_id = any(${pgArray(ownIds, 'uuid')})` : sql``}`)
  ).rows;
  const optionRows = ownIds.length ? await tx.select().from(productOptions).where(sql`${productOptions.productId} = any(${pgArray(ownIds, 'uuid')})`) : [];
  const bySku = new Map(variantRows.map((v) => [v.sku, v]));
  const productBySlug = new Map(existingProducts.map((p) => [p.slug, p]));

  type Plan = {
    g: ProductGroup;
    existing?: ExistingProduct;
    categoryId?: string;
    optionNames: string[];
    rows: { r: CsvRow; variantId: string; isNew: boolean; options: Record<string, string> }[];
  };
  const plans: Plan[] = [];

  for (const g of groups) {
    const errors: ImportIssue[] = [...g.errors];
    const first = g.rowNumbers[0]!;
    const rowOf = (col: string) => g.rows.find((r) => r.product[col as 'title'] !== undefined)?.row ?? first;
    const existing = productBySlug.get(g.handle);
    if (existing && existing.store_id !== scope.storeId) errors.push({ row: first, column: 'handle', message: `The handle “${g.handle}” is already taken. Choose another.` });
    let categoryId: string | undefined;
    if (g.product.category) {
      categoryId = ctx.categoriesByPath.get(g.product.category);
      if (!categoryId) errors.push({ row: rowOf('category'), column: 'category', message: `Unknown category “${g.product.category.slice(0, 80)}”. Use a category path like the export's (e.g. fashion/shoes/running-shoes).` });
    }
    const own = existing && existing.store_id === scope.storeId ? existing : undefined;
    if (!existing) {
      if (!g.product.title) errors.push({ row: first, column: 'title', message: 'A new product needs a title.' });
      if (!g.product.category) errors.push({ row: first, column: 'category', message: 'A new product needs a category.' });
    }
    // The product's options: an existing product keeps its own (the file must name the same ones).
    let optionNames = g.optionNames;
    const ownVariants = own ? variantRows.filter((v) => v.product_id === own.id) : [];
    if (own) {
      const current = optionRows.filter((o) => o.productId === own.id).sort((a, b) => a.position - b.position).map((o) => o.name);
      const same = current.length === optionNames.length && current.every((n) => optionNames.some((m) => m.toLowerCase() === n.toLowerCase()));
      if (!same && g.rows.length) {
        errors.push({
          row: first,
          column: 'option1_name',
          message: current.length ? `This product's options are ${current.join(', ')}. Use those names, or change the options in the product editor first.` : 'This product has no options. Add them in the product editor first.',
        });
      } else {
        optionNames = current;
      }
    }
    const planned: Plan['rows'] = [];
    const claimed = new Map<string, number>();
    const combos = new Map(ownVariants.map((v) => [comboKey(v.options, optionNames), v]));
    for (const r of g.rows) {
      const options = Object.fromEntries(r.options.map((o) => [optionNames.find((n) => n.toLowerCase() === o.name.toLowerCase()) ?? o.name, o.value]));
      const hit = bySku.get(r.sku);
      let target: ExistingVariant | undefined;
      if (hit && hit.store_id !== scope.storeId) {
        errors.push({ row: r.row, column: 'sku', message: `SKU ${r.sku} is already taken. Choose another SKU.` });
        continue;
      }
      if (hit && hit.product_id !== own?.id) {
        errors.push({ row: r.row, column: 'sku', message: `SKU ${r.sku} belongs to your product “${hit.slug}”.` });
        continue;
      }
      if (hit) {
        target = hit;
        if (comboKey(hit.options, optionNames) !== comboKey(options, optionNames)) {
          errors.push({ row: r.row, column: 'option1_value', message: `SKU ${r.sku} is the variant ${optionNames.map((n) => hit.options[n]).join(' / ') || 'Default'}; import can't change a variant's options (use the product editor).` });
          continue;
        }
      } else {
        target = combos.get(comboKey(options, optionNames));
      }
      if (target) {
        const other = claimed.get(target.id);
        if (other !== undefined) {
          errors.push({ row: r.row, column: 'sku', message: `This row and row ${other} both update the same variant.` });
          continue;
        }
        claimed.set(target.id, r.row);
        planned.push({ r, variantId: target.id, isNew: false, options });
      } else {
        planned.push({ r, variantId: randomUUID(), isNew: true, options });
      }
    }
    const total = ownVariants.length + planned.filter((p) => p.isNew).length;
    if (total > MAX_VARIANTS) errors.push({ row: first, column: 'handle', message: `The product would have ${total} variants; the limit is ${MAX_VARIANTS}.` });
    if (errors.length) {
      tally.errors.push(...errors);
      tally.skipped++;
      continue;
    }
    plans.push({ g, existing: own, categoryId, optionNames, rows: planned });
  }

  // Stock cells on existing variants: lock their levels and refuse counts below what checkouts hold.
  const existingVariantIds = plans.flatMap((p) => p.rows.filter((x) => !x.isNew && x.r.stock.length).map((x) => x.variantId));
  const levels = existingVariantIds.length
    ? (
        await tx.execute<{ variant_id: string; location_id: string; on_hand: number; reserved: number }>(sql`
          select variant_id, location_id, on_hand, reserved from inventory_levels where variant_id = any(${pgArray(existingVariantIds, 'uuid')}) for update`)
      ).rows
    : [];
  const levelOf = (v: string, l: string) => levels.find((x) => x.variant_id === v && x.location_id === l);
  for (const p of [...plans]) {
    const errs: ImportIssue[] = [];
    for (const x of p.rows) {
      for (const s of x.r.stock) {
        const lvl = x.isNew ? undefined : levelOf(x.variantId, ctx.locationsByCode.get(s.code)!);
        if (lvl && s.quantity < lvl.reserved) errs.push({ row: x.r.row, column: `stock:${s.code}`, message: `${lvl.reserved} unit(s) are held by checkouts in progress; on hand can't go below ${lvl.reserved}.` });
      }
    }
    if (errs.length) {
      tally.errors.push(...errs);
      tally.skipped++;
      plans.splice(plans.indexOf(p), 1);
    }
  }

  const now = new Date();
  const newProducts: (typeof products.$inferInsert)[] = [];
  const newOptions: (typeof productOptions.$inferInsert)[] = [];
  const newVariants: (typeof variants.$inferInsert)[] = [];
  const newLevels: (typeof inventoryLevels.$inferInsert)[] = [];
  const newMovements: (typeof stockMovements.$inferInsert)[] = [];
  const stockTouched: string[] = [];

  for (const p of plans) {
    const { g } = p;
    if (!p.existing) {
      const id = randomUUID();
      const status = (g.product.status ?? 'draft') as 'draft' | 'active' | 'archived';
      const prices = p.rows.map((x) => x.r.price);
      newProducts.push({
        id,
        storeId: scope.storeId,
        categoryId: p.categoryId!,
        slug: g.handle,
        title: g.product.title!,
        description: g.product.description ?? '',
        brand: g.product.brand ?? '',
        tags: g.product.tags ? tagsOf(g.product.tags) : [],
        seoTitle: g.product.seo_title ?? null,
        seoDescription: g.product.seo_description ?? null,
        status,
        publishedAt: status === 'active' ? now : null,
        priceMin: Math.min(...prices),
        priceMax: Math.max(...prices),
      });
      p.optionNames.forEach((name, position) =>
        newOptions.push({ productId: id, name, position, values: [...new Set(p.rows.map((x) => x.options[name]!))] }),
      );
      p.rows.forEach((x, position) => {
        newVariants.push(variantValues(id, x.variantId, x.r, x.options, p.optionNames, position));
        for (const s of x.r.stock) {
          const locationId = ctx.locationsByCode.get(s.code)!;
          newLevels.push({ variantId: x.variantId, locationId, onHand: s.quantity });
          if (s.quantity > 0) newMovements.push({ variantId: x.variantId, locationId, delta: s.quantity, reason: 'initial', note: 'CSV import', actorId: scope.userId || null });
        }
        if (x.r.stock.length || x.r.lowStockThreshold !== undefined) stockTouched.push(x.variantId);
      });
      tally.created++;
      tally.productIds.push(id);
      tally.categoryIds.push(p.categoryId!);
    }
  }
  await insertChunked(newProducts, (c) => tx.insert(products).values(c));
  await insertChunked(newOptions, (c) => tx.insert(productOptions).values(c));
  await insertChunked(newVariants, (c) => tx.insert(variants).values(c));
  await insertChunked(newLevels, (c) => tx.insert(inventoryLevels).values(c));

  for (const p of plans) {
    if (!p.existing) continue;
    const { g, existing } = p;
    const set: Record<string, unknown> = {};
    for (const [col, field] of Object.entries(PRODUCT_FIELD)) {
      const v = g.product[col as 'title'];
      if (v !== undefined) set[field] = v;
    }
    if (g.product.tags) set.tags = tagsOf(g.product.tags);
    if (p.categoryId) set.categoryId = p.categoryId;
    if (g.product.status) {
      set.status = g.product.status;
      if (g.product.status === 'active') set.publishedAt = sql`coalesce(${products.publishedAt}, now())`;
    }
    if (Object.keys(set).length) await tx.update(products).set(set as Partial<typeof products.$inferInsert>).where(eq(products.id, existing.id));
    const fresh = p.rows.filter((x) => x.isNew);
    const maxPos = Math.max(-1, ...variantRows.filter((v) => v.product_id === existing.id).map((v) => v.position));
    if (fresh.length) await tx.insert(variants).values(fresh.map((x, i) => variantValues(existing.id, x.variantId, x.r, x.options, p.optionNames, maxPos + 1 + i)));
    for (const x of p.rows) {
      if (x.isNew) continue;
      await tx
        .update(variants)
        .set({
          sku: x.r.sku,
          price: x.r.price,
          compareAtPrice: x.r.compareAtPrice,
          ...(x.r.weightGrams !== undefined ? { weightGrams: x.r.weightGrams } : {}),
          ...(x.r.lowStockThreshold !== undefined ? { lowStockThreshold: x.r.lowStockThreshold } : {}),
        })
        .where(and(eq(variants.id, x.variantId), eq(variants.productId, existing.id)));
    }
    // New option values join the product's options, after the ones it has.
    for (const name of p.optionNames) {
      const values = [...new Set(p.rows.map((x) => x.options[name]!))];
      await tx.execute(sql`
        update product_options set values = values || array(select v from unnest(${pgArray(values)}) v where v <> all(values))
        where product_id = ${existing.id} and name = ${name}`);
    }
    for (const x of p.rows) {
      for (const s of x.r.stock) {
        const locationId = ctx.locationsByCode.get(s.code)!;
        const lvl = x.isNew ? undefined : levelOf(x.variantId, locationId);
        const delta = s.quantity - (lvl?.on_hand ?? 0);
        if (lvl && delta !== 0) await tx.update(inventoryLevels).set({ onHand: s.quantity }).where(and(eq(inventoryLevels.variantId, x.variantId), eq(inventoryLevels.locationId, locationId)));
        if (!lvl) await tx.insert(inventoryLevels).values({ variantId: x.variantId, locationId, onHand: s.quantity }).onConflictDoNothing();
        if (delta !== 0) newMovements.push({ variantId: x.variantId, locationId, delta, reason: x.isNew ? 'initial' : 'correction', note: 'CSV import', actorId: scope.userId || null });
      }
      if (x.r.stock.length || x.r.lowStockThreshold !== undefined) stockTouched.push(x.variantId);
    }
    tally.updated++;
    tally.productIds.push(existing.id);
    tally.categoryIds.push(existing.category_id, ...(p.categoryId ? [p.categoryId] : []));
  }
  await insertChunked(newMovements, (c) => tx.insert(stockMovements).values(c));

  for (const id of tally.productIds) await refreshProductDerived(tx, id);
  await addSearchTerms(tx, tally.productIds);
  // One low-stock email for the whole import (sent when it ends), not one per variant.
  tally.alerts = (await syncLowStock(tx, stockTouched, { notify: false })).opened;
  tally.appliedRows = plans.reduce((n, p) => n + p.rows.length, 0);
  return tally;
}

function variantValues(productId: string, id: string, r: CsvRow, options: Record<string, string>, names: string[], position: number): typeof variants.$inferInsert {
  return {
    id,
    productId,
    sku: r.sku,
    title: names.length ? names.map((n) => options[n]).join(' / ') : 'Default',
    options,
    price: r.price,
    compareAtPrice: r.compareAtPrice,
    weightGrams: r.weightGrams ?? 0,
    lowStockThreshold: r.lowStockThreshold ?? 5,
    position,
  };
}
