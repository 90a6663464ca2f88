import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import sharp from 'sharp';
import { users } from '@/db/schema/accounts';
import { storeMembers } from '@/db/schema/sellers';
import type { Role, StoreRole } from '@/lib/accounts/permissions';
import type { Db } from '@/lib/platform/db';
import { localFileStore, type SellerFiles } from './files';

/** Test support for the sellers domain (imported by *.int.test.ts only). */

export type TestActor = { userId: string; role: Role; stores: Record<string, StoreRole>; email: string; name: string };

let n = 0;

/** A verified user; `actor()` re-reads its memberships, as a new request's session would. */
export async function makeUser(db: Db, role: Role = 'shopper', label = 'user') {
  const id = `${label}-${++n}-${Math.random().toString(36).slice(2, 8)}`;
  const email = `${id}@example.com`;
  const name = `${label} ${n}`;
  await db.insert(users).values({ id, email, name, role, emailVerified: new Date() });
  return {
    id,
    email,
    actor: async (): Promise<TestActor> => {
      const rows = await db.select({ storeId: storeMembers.storeId, role: storeMembers.role }).from(storeMembers).where(eq(storeMembers.userId, id));
      return { userId: id, role, email, name, stores: Object.fromEntries(rows.map((r) => [r.storeId, r.role])) };
    },
  };
}

export async function tempFiles(): Promise<SellerFiles & { root: string; cleanup: () => Promise<void> }> {
  const root = await mkdtemp(path.join(os.tmpdir(), 'mp-sellers-'));
  return {
    root,
    media: localFileStore(path.join(root, 'media')),
    documents: localFileStore(path.join(root, 'private')),
    cleanup: () => rm(root, { recursive: true, force: true }),
  };
}

export const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
export const pngBytes = (size = 96) => sharp({ create: { width: size, height: size, channels: 3, background: '#2a7' } }).png().toBuffer();

export const PROFILE = {
  description: 'Small-batch loose leaf teas from family gardens.',
  supportEmail: 'help@greenleaf.example.com',
  returnPolicy: 'Unopened tins can be returned within 30 days.',
};
export const BUSINESS = {
  legalName: 'Green Leaf Tea GmbH',
  businessType: 'company' as const,
  taxId: 'DE123456789',
  addressLine1: '1 Teestraße',
  addressLine2: null,
  city: 'Berlin',
  region: null,
  postalCode: '10115',
  country: 'DE' as const,
};
export const IBAN = 'DE89370400440532013000';
