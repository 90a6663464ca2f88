import { sql } from 'drizzle-orm';
import { hashPassword } from '@/lib/accounts/password';
import type { Db } from '@/lib/platform/db';
import { refreshSearchTerms } from '@/lib/search/service';
import { addresses, users } from '@/db/schema/accounts';
import { categories, productImages, productOptions, products, searchSynonyms, variants } from '@/db/schema/catalog';
import { inventoryLevels, locations } from '@/db/schema/inventory';
import { storeMembers, stores } from '@/db/schema/sellers';
import { seedCommerce } from './commerce-data';
import { ADJECTIVES, FIRST_NAMES, LAST_NAMES, STORES, SYNONYMS, departments, slugify, type Leaf } from './catalog-data';
import { ensureProductImage, PALETTE } from './images';
import { Rng } from './random';

export const DEMO_PASSWORD = 'demo-pass-1234';
export const DEMO_ACCOUNTS = [
  { email: 'shopper@demo.shop', name: 'Sam Shopper', role: 'shopper', home: '/account' },
  { email: 'seller@demo.shop', name: 'Sasha Seller', role: 'shopper', home: '/seller' },
  { email: 'admin@demo.shop', name: 'Ada Admin', role: 'admin', home: '/admin' },
  { email: 'marketer@demo.shop', name: 'Mo Marketer', role: 'marketer', home: '/marketing' },
] as const;
export const DEFAULT_PRODUCTS = 400;

export type SeedOptions = {
  products: number;
  mediaDir: string;
  onProgress?: (done: number, total: number) => void;
};

// Fixed so that the same seed gives the same dates on any day.
const EPOCH = Date.UTC(2026, 10, 1);
const DAY = 86_400_000;
const BATCH = 250;

type LeafRef = { leaf: Leaf; id: string; names: string[] };

/** Fills an empty database with a believable, deterministic marketplace. */
export async function seed(db: Db, opts: SeedOptions) {
  const rng = new Rng(20261121);

  const demoUsers = [];
  for (const a of DEMO_ACCOUNTS) {
    demoUsers.push({
      id: rng.uuid(),
      email: a.email,
      name: a.name,
      role: a.role,
      emailVerified: new Date(EPOCH),
      passwordHash: await hashPassword(DEMO_PASSWORD, rng.bytes(16)),
    });
  }
  const customers = Array.from({ length: 40 }, (_, i) => {
    const first = rng.pick(FIRST_NAMES);
    const last = rng.pick(LAST_NAMES);
    return {
      id: rng.uuid(),
      email: `${first}.${last}.${i}@example.com`.toLowerCase(),
      name: `${first} ${last}`,
      role: 'shopper' as const,
      emailVerified: new Date(EPOCH - rng.int(1, 300) * DAY),
    };
  });
  const sellerOwners = STORES.slice(1).map((s, i) => ({
    id: rng.uuid(),
    email: `owner${i + 2}@${slugify(s.name)}.example.com`,
    name: `${rng.pick(FIRST_NAMES)} ${rng.pick(LAST_NAMES)}`,
    role: 'shopper' as const,
    emailVerified: new Date(EPOCH),
  }));
  await db.insert(users).values([...demoUsers, ...customers, ...sellerOwners]);
  await db.insert(addresses).values({
    userId: demoUsers[0]!.id,
    fullName: 'Sam Shopper',
    line1: '1 Market Street',
    city: 'San Francisco',
    region: 'CA',
    postalCode: '94105',
    country: 'US',
    isDefaultShipping: true,
    isDefaultBilling: true,
  });

  const storeRows = STORES.map((s) => ({
    id: rng.uuid(),
    slug: slugify(s.name),
    name: s.name,
    description: `${s.name} is an independent seller on the marketplace, shipping from ${s.country}.`,
    supportEmail: `support@${slugify(s.name)}.example.com`,
    returnPolicy: '30-day returns on unused items in original packaging.',
    country: s.country,
    status: 'active' as const,
    rating: (3.8 + rng.next() * 1.2).toFixed(2),
    ratingCount: rng.int(20, 2000),
  }));
  await db.insert(stores).values(storeRows);
  await db.insert(storeMembers).values([
    { storeId: storeRows[0]!.id, userId: demoUsers[1]!.id, role: 'owner' as const },
    ...sellerOwners.map((u, i) => ({ storeId: storeRows[i + 1]!.id, userId: u.id, role: 'owner' as const })),
  ]);
  const locationRows = storeRows.flatMap((s) => [
    { id: rng.uuid(), storeId: s.id, code: 'MAIN', name: 'Main warehouse', country: s.country },
    { id: rng.uuid(), storeId: s.id, code: 'EAST', name: 'East fulfilment hub', country: s.country },
  ]);
  await db.insert(locations).values(locationRows);

  const leavesByDept = new Map<string, LeafRef[]>();
  const categoryRows: (typeof categories.$inferInsert)[] = [];
  departments.forEach((d, di) => {
    const deptId = rng.uuid();
    categoryRows.push({ id: deptId, slug: d.slug, path: d.slug, name: d.name, depth: 0, position: di, featured: 1 });
    d.categories.forEach((c, ci) => {
      const catId = rng.uuid();
      const catPath = `${d.slug}/${c.slug}`;
      categoryRows.push({ id: catId, parentId: deptId, slug: c.slug, path: catPath, name: c.name, depth: 1, position: ci, featured: ci === 0 ? 1 : 0 });
      c.leaves.forEach((l, li) => {
        const id = rng.uuid();
        categoryRows.push({ id, parentId: catId, slug: l.slug, path: `${catPath}/${l.slug}`, name: l.name, depth: 2, position: li });
        const refs = leavesByDept.get(d.slug) ?? [];
        refs.push({ leaf: l, id, names: [l.name, c.name, d.name] });
        leavesByDept.set(d.slug, refs);
      });
    });
  });
  await db.insert(categories).values(categoryRows);

  for (let start = 0; start < opts.products; start += BATCH) {
    const count = Math.min(BATCH, opts.products - start);
    const batch = await buildProducts(rng, start, count, storeRows, locationRows, leavesByDept, opts.mediaDir);
    await db.transaction(async (tx) => {
      await insertChunked(tx, products, batch.products);
      await insertChunked(tx, productOptions, batch.options);
      await insertChunked(tx, productImages, batch.images);
      await insertChunked(tx, variants, batch.variants);
      await insertChunked(tx, inventoryLevels, batch.levels);
    });
    opts.onProgress?.(start + count, opts.products);
  }

  await seedCommerce(db, storeRows.map((s) => s.id));
  await db.insert(searchSynonyms).values(SYNONYMS.map((terms) => ({ id: rng.uuid(), terms })));
  await refreshSearchTerms(db);
  // Fresh planner statistics: without them a 100k catalog's listing queries pick nested loops and take minutes.
  await db.execute(sql`analyze`);
  return { users: demoUsers.length + customers.length + sellerOwners.length, stores: storeRows.length, products: opts.products };
}

async function insertChunked<T extends object>(tx: Pick<Db, 'insert'>, table: Parameters<Db['insert']>[0], rows: T[]) {
  // Postgres allows 65,535 bind parameters per statement.
  for (let i = 0; i < rows.length; i += 2000) await tx.insert(table).values(rows.slice(i, i + 2000) as never);
}

function cartesian(options: [string, string[]][]): Record<string, string>[] {
  return options.reduce<Record<string, string>[]>(
    (acc, [name, values]) => acc.flatMap((combo) => values.map((v) => ({ ...combo, [name]: v }))),
    [{}],
  );
}

const toCents = (units: number) => Math.round(units) * 100 - 1; // 49.99-style prices

async function buildProducts(
  rng: Rng,
  start: number,
  count: number,
  storeRows: { id: string }[],
  locationRows: { id: string; storeId: string }[],
  leavesByDept: Map<string, LeafRef[]>,
  mediaDir: string,
) {
  const out = {
    products: [] as (typeof products.$inferInsert)[],
    options: [] as (typeof productOptions.$inferInsert)[],
    images: [] as (typeof productImages.$inferInsert)[],
    variants: [] as (typeof variants.$inferInsert)[],
    levels: [] as (typeof inventoryLevels.$inferInsert)[],
  };
  const imageJobs = new Map<string, Promise<{ url: string; width: number; height: number }>>();
  const image = (shape: Leaf['shape'], color: string, angle: 0 | 1) => {
    const key = `${shape}|${color}|${angle}`;
    if (!imageJobs.has(key)) imageJobs.set(key, ensureProductImage(mediaDir, shape, color, angle));
    return imageJobs.get(key)!;
  };
  const paletteNames = Object.keys(PALETTE);

  for (let n = start; n < start + count; n++) {
    const storeIndex = n % STORES.length;
    const store = storeRows[storeIndex]!;
    const { leaf, id: categoryId, names } = rng.pick(leavesByDept.get(rng.pick(STORES[storeIndex]!.departments))!);
    const noun = rng.pick(leaf.nouns);
    const brand = rng.pick(leaf.brands);
    const title = `${brand} ${rng.pick(ADJECTIVES)} ${noun}`;
    const productId = rng.uuid();
    const createdAt = new Date(EPOCH - rng.int(0, 364) * DAY - rng.int(0, DAY - 1));

    const chosen: [string, string[]][] = Object.entries(leaf.options).map(([name, values]) => {
      if (name === 'Color') return [name, rng.subset(values, rng.int(1, 3))];
      if (values.length > 4) {
        const from = rng.int(0, values.length - 4);
        return [name, values.slice(from, from + rng.int(3, 4))];
      }
      return [name, values];
    });
    const combos = cartesian(chosen).slice(0, 12);
    const base = toCents(leaf.price[0] + rng.next() * (leaf.price[1] - leaf.price[0]));
    const onSale = rng.chance(0.3);
    const soldOut = rng.chance(0.06);

    const colors = chosen.find(([name]) => name === 'Color')?.[1] ?? [rng.pick(paletteNames)];
    const imageIds = new Map<string, string>();
    let position = 0;
    for (const color of colors) {
      const img = await image(leaf.shape, color, 0);
      const imageId = rng.uuid();
      imageIds.set(color, imageId);
      out.images.push({ id: imageId, productId, url: img.url, alt: `${title} in ${color}`, width: img.width, height: img.height, position: position++ });
    }
    const alt = await image(leaf.shape, colors[0]!, 1);
    out.images.push({ id: rng.uuid(), productId, url: alt.url, alt: `${title}, second view`, width: alt.width, height: alt.height, position: position++ });

    const prices: number[] = [];
    combos.forEach((options, vi) => {
      const step = chosen.findIndex(([name]) => name !== 'Color');
      const bump = step >= 0 ? chosen[step]![1].indexOf(options[chosen[step]![0]]!) * Math.round(base * 0.04) : 0;
      const price = base + bump;
      prices.push(price);
      const variantId = rng.uuid();
      out.variants.push({
        id: variantId,
        productId,
        sku: `${slugify(brand).slice(0, 4).toUpperCase()}-${n.toString(36).toUpperCase()}-${vi + 1}`,
        title: Object.values(options).join(' / ') || 'Default',
        options,
        price,
        compareAtPrice: onSale ? Math.round((price * (1.2 + rng.next() * 0.3)) / 100) * 100 - 1 : null,
        weightGrams: leaf.weight,
        imageId: imageIds.get(options.Color ?? '') ?? imageIds.get(colors[0]!) ?? null,
        position: vi,
      });
      for (const loc of locationRows.filter((l) => l.storeId === store.id)) {
        out.levels.push({ variantId, locationId: loc.id, onHand: soldOut ? 0 : rng.int(0, 3) === 0 ? 0 : rng.int(1, 30), reserved: 0 });
      }
    });

    chosen.forEach(([name, values], position) => out.options.push({ productId, name, values, position }));
    const facetValues = chosen.flatMap(([name, values]) => values.map((v) => `${name.toLowerCase()}:${v}`));
    out.products.push({
      id: productId,
      storeId: store.id,
      categoryId,
      slug: `${slugify(title)}-${n.toString(36)}`,
      title,
      description: describe(rng, title, noun, leaf, brand),
      brand,
      tags: leaf.tags,
      status: rng.chance(0.03) ? 'draft' : 'active',
      priceMin: Math.min(...prices),
      priceMax: Math.max(...prices),
      compareAtMax: onSale ? Math.max(...out.variants.slice(-combos.length).map((v) => v.compareAtPrice ?? 0)) : null,
      facets: facetValues,
      salesCount: Math.floor(rng.next() ** 3 * 5000),
      rating: (3 + rng.next() * 2).toFixed(2),
      reviewCount: Math.floor(rng.next() ** 2 * 400),
      searchKeywords: [...leaf.tags, ...names, ...chosen.flatMap(([, v]) => v)].join(' '),
      publishedAt: createdAt,
      createdAt,
      updatedAt: createdAt,
    });
  }
  return out;
}

const QUALITIES = [
  'built to last through daily use',
  'designed with a clean, modern look',
  'made from responsibly sourced materials',
  'tested by our team for comfort and durability',
  'light enough to take anywhere',
  'easy to care for and quick to clean',
];

function describe(rng: Rng, title: string, noun: string, leaf: Leaf, brand: string): string {
  const [a, b] = rng.subset(QUALITIES, 2);
  return `The ${title} is a ${noun.toLowerCase()} ${a}. ${brand} pairs it with a ${rng.int(1, 3)}-year warranty, and it is ${b}. Part of our ${leaf.name.toLowerCase()} range; ships in recyclable packaging.`;
}

/** True when the catalog has been seeded already. */
export async function isSeeded(db: Db): Promise<boolean> {
  const rows = await db.execute<{ n: number }>(sql`select count(*)::int as n from users`);
  return (rows.rows[0]?.n ?? 0) > 0;
}

export async function resetDatabase(db: Db): Promise<void> {
  const rows = await db.execute<{ tablename: string }>(
    sql`select tablename from pg_tables where schemaname = 'public'`,
  );
  const names = rows.rows.map((r) => `"${r.tablename}"`).join(', ');
  if (names) await db.execute(sql.raw(`truncate ${names} restart identity cascade`));
}
