import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { users } from '@/db/schema/accounts';
import { categories } from '@/db/schema/catalog';
import { locations } from '@/db/schema/inventory';
import { storeMembers, stores } from '@/db/schema/sellers';
import type { StoreRole } from '@/lib/accounts/permissions';
import type { DbOrTx } from '@/lib/platform/db';
import { storeScope, type StoreScope } from './scope';

export type SellerFixture = {
  storeId: string;
  slug: string;
  ownerId: string;
  ownerEmail: string;
  locationIds: { MAIN: string; EAST: string };
  scope: StoreScope;
  actor: { userId: string; role: 'shopper'; stores: Record<string, StoreRole> };
};

/** A category tree (department › category › leaf), once per database. */
export async function insertCategories(db: DbOrTx) {
  const tag = randomUUID().slice(0, 6);
  const dept = randomUUID();
  const cat = randomUUID();
  const leaf = randomUUID();
  const other = randomUUID();
  await db.insert(categories).values([
    { id: dept, slug: `gear-${tag}`, path: `gear-${tag}`, name: 'Gear', depth: 0 },
    { id: cat, parentId: dept, slug: 'shoes', path: `gear-${tag}/shoes`, name: 'Shoes', depth: 1 },
    { id: leaf, parentId: cat, slug: 'trail', path: `gear-${tag}/shoes/trail`, name: 'Trail shoes', depth: 2 },
    { id: other, parentId: cat, slug: 'road', path: `gear-${tag}/shoes/road`, name: 'Road shoes', depth: 2 },
  ]);
  return { dept, cat, leaf, other, leafPath: `gear-${tag}/shoes/trail`, otherPath: `gear-${tag}/shoes/road` };
}

/** An active store with an owner and two locations (MAIN, EAST); slug, owner email and password hash may be given. */
export async function insertSeller(
  db: DbOrTx,
  name = 'Store',
  opts: { slug?: string; ownerEmail?: string; passwordHash?: string } = {},
): Promise<SellerFixture> {
  const tag = randomUUID().slice(0, 8);
  const storeId = randomUUID();
  const ownerId = randomUUID();
  const ownerEmail = opts.ownerEmail ?? `owner-${tag}@example.com`;
  const slug = opts.slug ?? `store-${tag}`;
  await db.insert(users).values({ id: ownerId, email: ownerEmail, name: `${name} owner`, emailVerified: new Date(), passwordHash: opts.passwordHash });
  await db.insert(stores).values({ id: storeId, slug, name: `${name} ${tag}`, status: 'active' });
  await db.insert(storeMembers).values({ storeId, userId: ownerId, role: 'owner' });
  const MAIN = randomUUID();
  const EAST = randomUUID();
  await db.insert(locations).values([
    { id: MAIN, storeId, code: 'MAIN', name: 'Main warehouse' },
    { id: EAST, storeId, code: 'EAST', name: 'East hub' },
  ]);
  const actor = { userId: ownerId, role: 'shopper' as const, stores: { [storeId]: 'owner' as StoreRole } };
  return { storeId, slug, ownerId, ownerEmail, locationIds: { MAIN, EAST }, actor, scope: storeScope(actor, storeId) };
}

/**
 * `count` products for one store in one set-based statement, for the list performance tests and
 * the bench: titled "<Tag> trail product <n>", slugs `<tag>-<n>` (so `tag` must be new to the
 * database), a fifth draft and a fifth archived, 3 variants each (SKU `<SLUG>-<1..3>`) with stock
 * at every location of the store, and one image.
 */
export async function insertBulkProducts(db: DbOrTx, opts: { storeId: string; categoryId: string; count: number; tag: string }) {
  const { storeId, categoryId, count, tag } = opts;
  await db.execute(sql`
    with p as (
      insert into products (store_id, category_id, slug, title, status, price_min, price_max, created_at)
      select ${storeId}, ${categoryId}, ${tag} || '-' || g, initcap(${tag}) || ' trail product ' || g,
        (array['draft','active','active','active','archived'])[1 + g % 5]::product_status, 1000 + g % 900, 1000 + g % 900,
        now() - make_interval(secs => g)
      from generate_series(1, ${count}) g
      returning id, slug, title, price_min
    ),
    v as (
      insert into variants (product_id, sku, title, options, price, position)
      select p.id, upper(p.slug) || '-' || v, 'Size ' || v, jsonb_build_object('Size', v::text), p.price_min, v
      from p, generate_series(1, 3) v
      returning id, sku
    ),
    img as (
      insert into product_images (product_id, url, alt, width, height, position)
      select p.id, '/media/products/shoe-red-0.webp', p.title, 640, 640, 0 from p
    )
    insert into inventory_levels (variant_id, location_id, on_hand, reserved)
    select v.id, l.id, (hashtext(v.sku || l.code) & 15), 0
    from v cross join locations l where l.store_id = ${storeId}`);
}
