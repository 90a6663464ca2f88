import { randomUUID } from 'node:crypto';
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

/** An active store with an owner and two locations (MAIN, EAST). */
export async function insertSeller(db: DbOrTx, name = 'Store'): Promise<SellerFixture> {
  const tag = randomUUID().slice(0, 8);
  const storeId = randomUUID();
  const ownerId = randomUUID();
  const ownerEmail = `owner-${tag}@example.com`;
  const slug = `store-${tag}`;
  await db.insert(users).values({ id: ownerId, email: ownerEmail, name: `${name} owner`, emailVerified: new Date() });
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
