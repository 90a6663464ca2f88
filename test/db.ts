import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, inject } from 'vitest';
import { seed } from '@/db/seed/seed';
import { openDatabase, type Db } from '@/lib/platform/db';
import { parseEnv, type Env } from '@/lib/platform/env';
import { runMigrations } from '@/lib/platform/migrate';
import { assertLocalDatabaseUrl, createDatabase, databaseUrl, dropDatabase, testDatabaseName } from './postgres';

/** Every integration suite runs once per backend: `describe.each(BACKENDS)('%s', (backend) => ...)`. */
export const BACKENDS = ['postgres', 'pglite'] as const;
export type Backend = (typeof BACKENDS)[number];

export type TestDatabase = {
  backend: Backend;
  /** The live handle; replaced by `reopen()`. */
  db: Db;
  env: Env;
  /** Closes the handle and opens the same database again, migrating it again on the way. */
  reopen: () => Promise<void>;
  /** Closes the handle and deletes the database (idempotent). */
  destroy: () => Promise<void>;
};

export type TestDatabaseOptions = {
  /** Postgres pool size (the embedded backend is always one session). */
  poolSize?: number;
};

/**
 * A fresh, migrated database that nothing else uses: a uniquely named database on the local
 * Postgres server (dropped afterwards), or an embedded PGlite in its own temporary directory.
 */
export async function createTestDatabase(backend: Backend, opts: TestDatabaseOptions = {}): Promise<TestDatabase> {
  if (backend === 'postgres') {
    const name = testDatabaseName();
    const url = databaseUrl(name);
    assertLocalDatabaseUrl(url);
    const env = parseEnv({ NODE_ENV: 'test', LOG_LEVEL: 'silent', DATABASE_URL: url, DATABASE_POOL_SIZE: String(opts.poolSize ?? 10) });
    await createDatabase(name);
    const open = async () => {
      await runMigrations(env);
      return openDatabase(env);
    };
    return track(backend, env, await open().catch(async (err) => {
      await dropDatabase(name).catch(() => {});
      throw err;
    }), open, () => dropDatabase(name));
  }
  const dir = await mkdtemp(path.join(os.tmpdir(), 'mp-test-pglite-'));
  const env = parseEnv({ NODE_ENV: 'test', LOG_LEVEL: 'silent', DATA_DIR: dir });
  // No DATABASE_URL: openDatabase picks the embedded PGlite, which migrates itself on open.
  const open = () => openDatabase(env);
  const remove = () => rm(dir, { recursive: true, force: true });
  return track(backend, env, await open().catch(async (err) => {
    await remove();
    throw err;
  }), open, remove);
}

type Handle = Awaited<ReturnType<typeof openDatabase>>;

function track(backend: Backend, env: Env, first: Handle, open: () => Promise<Handle>, remove: () => Promise<void>): TestDatabase {
  let handle: Handle | null = first;
  const t: TestDatabase = {
    backend,
    db: first.db,
    env,
    reopen: async () => {
      const h = handle;
      handle = null;
      await h?.close();
      handle = await open();
      t.db = handle.db;
    },
    destroy: async () => {
      const h = handle;
      handle = null;
      try {
        await h?.close();
      } finally {
        await remove();
      }
    },
  };
  return t;
}

/** Empties every table in the public schema (what a test needs between two seeds). */
export async function truncateAll(db: Db): Promise<void> {
  const rows = await db.execute<{ name: string }>(sql`select format('%I', tablename) as name from pg_tables where schemaname = 'public'`);
  if (rows.rows.length) await db.execute(sql.raw(`truncate ${rows.rows.map((r) => r.name).join(', ')} restart identity cascade`));
}

/** Seeds the demo marketplace at a small size; images go to the run's shared media dir. */
export async function seedCatalog(db: Db, products = 60) {
  return seed(db, { products, mediaDir: inject('mediaDir') });
}

/**
 * Registers beforeAll/afterAll hooks giving the enclosing describe its own database, seeded
 * once when `products` is set. Returns an accessor for use inside tests.
 */
export function useTestDatabase(backend: Backend, opts: TestDatabaseOptions & { products?: number } = {}): () => TestDatabase {
  let current: TestDatabase | undefined;
  beforeAll(async () => {
    current = await createTestDatabase(backend, opts);
    if (opts.products) await seedCatalog(current.db, opts.products);
  });
  afterAll(async () => {
    await current?.destroy();
    current = undefined;
  });
  return () => {
    if (!current) throw new Error('test database is not open (used outside a test?)');
    return current;
  };
}
