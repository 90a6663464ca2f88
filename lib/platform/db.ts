import path from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import { drizzle as drizzleNodePg, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import * as accounts from '@/db/schema/accounts';
import * as audit from '@/db/schema/audit';
import * as cart from '@/db/schema/cart';
import * as catalog from '@/db/schema/catalog';
import * as checkout from '@/db/schema/checkout';
import * as flashSales from '@/db/schema/flash-sales';
import * as inventory from '@/db/schema/inventory';
import * as messaging from '@/db/schema/messaging';
import * as orders from '@/db/schema/orders';
import * as payments from '@/db/schema/payments';
import * as sellers from '@/db/schema/sellers';
import * as workflows from '@/db/schema/workflows';
import { databaseBackend, env, type Env } from './env';

export const schema = { ...accounts, ...sellers, ...catalog, ...inventory, ...messaging, ...audit, ...cart, ...checkout, ...orders, ...payments, ...workflows, ...flashSales };
export type Schema = typeof schema;

/** Every driver exposes the same query builder; typed once as node-postgres's. */
export type Db = NodePgDatabase<Schema>;
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
export type DbOrTx = Db | Tx;

export const migrationsFolder = path.resolve(process.cwd(), 'db/migrations');

type Handle = { db: Db; close: () => Promise<void>; pglite?: PGlite };

/** Opens a database from configuration. Callers normally use `getDb()`; tests and scripts open their own. */
export async function openDatabase(e: Env = env): Promise<Handle> {
  const backend = databaseBackend(e);
  if (backend === 'pglite') {
    const { openEmbedded } = await import('./embedded-db');
    const { drizzle } = await import('drizzle-orm/pglite');
    const { migrate } = await import('drizzle-orm/pglite/migrator');
    const pglite = await openEmbedded(e.DATA_DIR);
    const db = drizzle({ client: pglite, schema, casing: 'snake_case' });
    // The embedded default migrates itself on start.
    await migrate(db, { migrationsFolder });
    return { db: db as unknown as Db, close: () => pglite.close(), pglite };
  }
  if (backend === 'neon') {
    const { Pool, neonConfig } = await import('@neondatabase/serverless');
    const { drizzle } = await import('drizzle-orm/neon-serverless');
    if (typeof WebSocket === 'undefined') neonConfig.webSocketConstructor = (await import('ws')).default;
    const pool = new Pool({ connectionString: e.DATABASE_URL, max: e.DATABASE_POOL_SIZE });
    return { db: drizzle({ client: pool, schema, casing: 'snake_case' }) as unknown as Db, close: () => pool.end() };
  }
  const { Pool } = await import('pg');
  const url = backend === 'postgres' ? e.DATABASE_URL : e.EMBEDDED_DATABASE_URL;
  const pool = new Pool({ connectionString: url, max: backend === 'postgres' ? e.DATABASE_POOL_SIZE : 4 });
  pool.on('error', () => {}); // idle-client errors surface on the next query instead of crashing the process
  return { db: drizzleNodePg({ client: pool, schema, casing: 'snake_case' }), close: () => pool.end() };
}

// One handle per process: route handlers and server components are bundled separately,
// so a module-level singleton would be created twice (fatal for PGlite).
const store = globalThis as unknown as { __marketplaceDb?: Promise<Handle> };

export function getDb(): Promise<Db> {
  store.__marketplaceDb ??= openDatabase().catch((err) => {
    store.__marketplaceDb = undefined;
    throw err;
  });
  return store.__marketplaceDb.then((h) => h.db);
}

export async function closeDb(): Promise<void> {
  const handle = store.__marketplaceDb;
  store.__marketplaceDb = undefined;
  if (handle) await (await handle).close();
}

export async function pingDatabase(db: DbOrTx): Promise<void> {
  await db.execute(sql`select 1`);
}
