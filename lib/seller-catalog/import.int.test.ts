import { eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { products, variants } from '@/db/schema/catalog';
import { stockMovements } from '@/db/schema/inventory';
import { emailOutbox } from '@/db/schema/messaging';
import { catalogImports } from '@/db/schema/seller-catalog';
import { tags } from '@/lib/platform/cache-tags';
import { searchProducts } from '@/lib/search/search';
import { BACKENDS, useTestDatabase } from '@/test/db';
import { exportProductsCsv } from './export';
import { getImport, ImportRejectedError, runImport, startImport } from './import';
import { createProduct } from './products';
import { insertCategories, insertSeller, type SellerFixture } from './test-fixtures';

const HEADER = 'handle,title,status,category,tags,option1_name,option1_value,sku,price,compare_at_price,stock:MAIN';
const searchFilters = { brands: [], options: {}, inStock: false, sort: 'relevance' as const, limit: 24 };

async function collect(gen: AsyncGenerator<string>) {
  let s = '';
  for await (const chunk of gen) s += chunk;
  return s;
}

describe.each(BACKENDS)('CSV import and export (%s)', (backend) => {
  const t = useTestDatabase(backend);
  let a: SellerFixture;
  let b: SellerFixture;
  let cats: Awaited<ReturnType<typeof insertCategories>>;

  beforeAll(async () => {
    cats = await insertCategories(t().db);
    a = await insertSeller(t().db, 'Alpha');
    b = await insertSeller(t().db, 'Beta');
  });

  const importText = async (s: SellerFixture, text: string, opts: Parameters<typeof runImport>[2] = {}) => {
    const job = await startImport(t().db, s.scope, { name: 'products.csv', text });
    const run = await runImport(t().db, job.id, opts);
    return { run, job: await getImport(t().db, s.scope, job.id) };
  };

  it('applies valid products, skips a product with any bad row whole, and reports each error by row and column', async () => {
    await createProduct(t().db, b.scope, { title: 'Beta only', handle: 'beta-only', description: '', categoryId: cats.leaf, brand: '', tags: [], seoTitle: null, seoDescription: null, price: 500, compareAtPrice: null, sku: 'BETA-SKU' });
    const csv = [
      HEADER,
      `zephyrine-runner,Zephyrine Runner,active,${cats.leafPath},"trail, light",Size,S,ZR-S,89.00,120.00,4`, // 2
      `zephyrine-runner,,,,,Size,M,ZR-M,89.00,,6`, // 3
      `broken-boot,Broken Boot,draft,${cats.leafPath},,Size,S,BB-S,49.00,,1`, // 4
      `broken-boot,,,,,Size,M,BB-M,abc,,1`, // 5: bad price → whole product skipped
      `no-category,No Category,draft,,,,,NC-1,10.00,,`, // 6: new product needs a category
      `stolen,Stolen,draft,${cats.leafPath},,,,BETA-SKU,10.00,,`, // 7: another store's SKU
      `beta-only,Hijack,draft,${cats.leafPath},,,,HJ-1,10.00,,`, // 8: another store's handle
      `weird-cat,Weird,draft,nowhere/at/all,,,,WC-1,10.00,,`, // 9
      `Bad Handle,X,draft,${cats.leafPath},,,,BH-1,10.00,,`, // 10
    ].join('\n');
    const { run, job } = await importText(a, csv);
    expect(run.status).toBe('completed');
    expect(run.tags).toEqual(expect.arrayContaining([tags.catalog, tags.search, tags.store(a.storeId), tags.category(cats.leaf)]));
    expect(job).toMatchObject({ status: 'completed', totalRows: 9, processedRows: 9, createdProducts: 1, updatedProducts: 0, skippedProducts: 5, appliedRows: 2, source: null });
    const errs = job.errors.map((e) => [e.row, e.column]);
    expect(errs).toEqual(
      expect.arrayContaining([
        [5, 'price'],
        [6, 'category'],
        [7, 'sku'],
        [8, 'handle'],
        [9, 'category'],
        [10, 'handle'],
      ]),
    );
    expect(job.errorCount).toBe(job.errors.length);
    expect(job.errors.find((e) => e.row === 7)?.message).toBe('SKU BETA-SKU is already taken. Choose another SKU.');
    expect(job.errors.find((e) => e.row === 8)?.message).toMatch(/handle “beta-only” is already taken/);

    // The good product is there, with its variants, prices, stock through the ledger, and findable.
    const [p] = await t().db.select().from(products).where(eq(products.slug, 'zephyrine-runner'));
    expect(p).toMatchObject({ storeId: a.storeId, status: 'active', priceMin: 8900, priceMax: 8900, compareAtMax: 12_000, tags: ['trail', 'light'] });
    const vs = await t().db.select().from(variants).where(eq(variants.productId, p!.id)).orderBy(variants.position);
    expect(vs.map((v) => [v.sku, v.title, v.options])).toEqual([
      ['ZR-S', 'S', { Size: 'S' }],
      ['ZR-M', 'M', { Size: 'M' }],
    ]);
    const moves = await t().db.select().from(stockMovements).where(sql`${stockMovements.variantId} in (${sql.join(vs.map((v) => sql`${v.id}::uuid`), sql`, `)})`);
    expect(moves.map((m) => [m.delta, m.reason]).sort()).toEqual([
      [4, 'initial'],
      [6, 'initial'],
    ]);
    expect((await searchProducts(t().db, 'zephyrine', searchFilters)).items.map((i) => i.id)).toEqual([p!.id]);
    // Nothing of the skipped products, and store B's product is untouched.
    expect(await t().db.select().from(products).where(eq(products.slug, 'broken-boot'))).toEqual([]);
    expect((await t().db.select().from(products).where(eq(products.slug, 'beta-only')))[0]).toMatchObject({ title: 'Beta only', storeId: b.storeId });
  });

  it('rejects a bad header, broken CSV and unknown locations before anything is applied', async () => {
    const header = await startImport(t().db, a.scope, { name: 'x.csv', text: 'handle,title,colour\nx,y,z' }).catch((e: unknown) => e);
    expect(header).toBeInstanceOf(ImportRejectedError);
    expect((header as ImportRejectedError).issues.map((i) => [i.row, i.column])).toEqual([
      [1, 'colour'],
      [1, 'sku'],
      [1, 'price'],
    ]);
    const broken = await startImport(t().db, a.scope, { name: 'x.csv', text: `${HEADER}\n"unclosed,1` }).catch((e: unknown) => e);
    expect((broken as ImportRejectedError).message).toMatch(/not valid CSV \(row 2\)/);
    const loc = await startImport(t().db, a.scope, { name: 'x.csv', text: 'handle,sku,price,stock:NOPE\nx,S,1,1' }).catch((e: unknown) => e);
    expect((loc as ImportRejectedError).issues).toEqual([{ row: 1, column: 'stock:NOPE', message: 'No location with code NOPE. Your locations: MAIN, EAST.' }]);
    const empty = await startImport(t().db, a.scope, { name: 'x.csv', text: HEADER }).catch((e: unknown) => e);
    expect((empty as Error).message).toMatch(/no product rows/);
    expect((await t().db.select().from(catalogImports).where(eq(catalogImports.storeId, a.storeId))).every((j) => j.fileName === 'products.csv')).toBe(true);
  });

  it('an export imports back unchanged, and an edited export updates in place (stock through the ledger)', async () => {
    const s = await insertSeller(t().db, 'Round');
    const csv = [
      HEADER,
      `round-tee,"Round Tee, ""classic""",draft,${cats.leafPath},=cmd,Size,S,RT-S,10.00,,3`,
      `round-tee,,,,,Size,M,RT-M,11.00,15.00,0`,
      `round-cap,Round Cap,active,${cats.otherPath},,,,RC-1,5.50,,9`,
    ].join('\n');
    expect((await importText(s, csv)).job.createdProducts).toBe(2);
    const exported = await collect(exportProductsCsv(t().db, s.scope));
    expect(exported.startsWith('\uFEFFhandle,title,description,status,category')).toBe(true);
    expect(exported).toContain(",'=cmd,"); // formula guard on export
    const movesBefore = (await t().db.select().from(stockMovements)).length;
    const again = await importText(s, exported);
    expect(again.job).toMatchObject({ status: 'completed', createdProducts: 0, updatedProducts: 2, skippedProducts: 0, errorCount: 0 });
    expect((await t().db.select().from(stockMovements)).length).toBe(movesBefore);
    const [tee] = await t().db.select().from(products).where(eq(products.slug, 'round-tee'));
    expect(tee).toMatchObject({ title: 'Round Tee, "classic"', tags: ['=cmd'], priceMin: 1000, priceMax: 1100 });

    // Columns end stock:EAST,stock:MAIN: move RC-1 to EAST 2, MAIN 4.
    const edited = exported.replace('RT-M,11.00,15.00', 'RT-M,12.00,15.00').replace('RC-1,5.50,,0,5,0,9', 'RC-1,5.50,,0,5,2,4');
    expect(edited).not.toBe(exported);
    const third = await importText(s, edited);
    expect(third.job).toMatchObject({ updatedProducts: 2, errorCount: 0 });
    expect((await t().db.select().from(products).where(eq(products.slug, 'round-tee')))[0]?.priceMax).toBe(1200);
    const rc = (await t().db.select().from(variants).where(eq(variants.sku, 'RC-1')))[0]!;
    const corrections = await t().db.select().from(stockMovements).where(eq(stockMovements.variantId, rc.id));
    expect(corrections.map((m) => [m.delta, m.reason]).sort()).toEqual([
      [-5, 'correction'],
      [2, 'correction'],
      [9, 'initial'],
    ]);
  });

  it('a second runner does nothing while one holds the job; a job whose worker died is resumed', async () => {
    const job = await startImport(t().db, a.scope, { name: 'resume.csv', text: `${HEADER}\nresume-me,Resume Me,draft,${cats.leafPath},,,,RM-1,1.00,,` });
    await t().db.update(catalogImports).set({ status: 'running', leaseUntil: new Date(Date.now() + 60_000) }).where(eq(catalogImports.id, job.id));
    expect((await runImport(t().db, job.id)).ran).toBe(false);
    await t().db.update(catalogImports).set({ leaseUntil: new Date(Date.now() - 1000) }).where(eq(catalogImports.id, job.id));
    expect(await runImport(t().db, job.id)).toMatchObject({ ran: true, status: 'completed' });
    expect((await getImport(t().db, a.scope, job.id)).createdProducts).toBe(1);
    // Another store can't read the job.
    await expect(getImport(t().db, b.scope, job.id)).rejects.toThrow(/not found/);
  });

  it(
    'imports 10,000 rows with progress (2,500 products × 4 variants)',
    async () => {
      const s = await insertSeller(t().db, 'Bulk');
      const lines = [HEADER];
      for (let p = 0; p < 2500; p++) {
        ['S', 'M', 'L', 'XL'].forEach((size, i) => {
          lines.push(
            i === 0
              ? `bulk-${p},Bulk product ${p},active,${cats.leafPath},bulk,Size,${size},BULK-${p}-${size},${(10 + (p % 50)).toFixed(2)},,${p % 7}`
              : `bulk-${p},,,,,Size,${size},BULK-${p}-${size},${(10 + (p % 50)).toFixed(2)},,${p % 7}`,
          );
        });
      }
      const progress: number[] = [];
      const started = performance.now();
      const { job } = await importText(s, lines.join('\n'), { onBatch: (j) => progress.push(j.processedRows) });
      const seconds = (performance.now() - started) / 1000;
      console.info(`[${backend}] 10,000-row import: ${seconds.toFixed(1)} s (${progress.length} batches)`);
      expect(job).toMatchObject({ status: 'completed', totalRows: 10_000, processedRows: 10_000, createdProducts: 2500, appliedRows: 10_000, errorCount: 0 });
      expect(progress.length).toBeGreaterThanOrEqual(20);
      expect(progress).toEqual([...progress].sort((x, y) => x - y));
      const [{ n }] = (await t().db.execute<{ n: number }>(sql`select count(*)::int as n from variants v join products p on p.id = v.product_id where p.store_id = ${s.storeId}`)).rows as [{ n: number }];
      expect(n).toBe(10_000);
      const [sample] = await t().db.select().from(products).where(eq(products.slug, 'bulk-1234'));
      expect(sample).toMatchObject({ priceMin: 4400, priceMax: 4400, status: 'active' });
      expect([...sample!.facets].sort()).toEqual(['size:L', 'size:M', 'size:S', 'size:XL']);
      // Most rows start at or below the default threshold (5): one digest email, not thousands.
      const mails = await t().db.select().from(emailOutbox).where(eq(emailOutbox.to, s.ownerEmail));
      expect(mails).toHaveLength(1);
      expect(mails[0]!.subject).toMatch(/^Low stock: \d+ variants need restocking$/);
      expect(mails[0]!.text).toMatch(/…and \d+ more\./);
    },
    600_000,
  );
});
