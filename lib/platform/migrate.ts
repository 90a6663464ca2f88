import { migrate as migrateNodePg } from 'drizzle-orm/node-postgres/migrator';
import { databaseBackend, type Env } from './env';
import { migrationsFolder, openDatabase } from './db';

/** Applies the committed migrations to the configured database (PGlite migrates itself on open). */
export async function runMigrations(e: Env): Promise<void> {
  const handle = await openDatabase(e);
  try {
    if (databaseBackend(e) !== 'pglite') await migrateNodePg(handle.db, { migrationsFolder });
  } finally {
    await handle.close();
  }
}
