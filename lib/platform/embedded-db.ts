import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';

/**
 * The embedded database: PGlite under DATA_DIR. A data directory must only ever be opened by
 * one PGlite instance (a second one corrupts it), so opening takes a pid lock file and refuses
 * when another live process holds it.
 */
export async function openEmbedded(dataDir: string): Promise<PGlite> {
  const dir = path.resolve(dataDir, 'pglite');
  mkdirSync(dir, { recursive: true });
  const lock = path.resolve(dataDir, 'pglite.lock');
  if (existsSync(lock)) {
    const pid = Number(readFileSync(lock, 'utf8'));
    if (pid && pid !== process.pid && isAlive(pid)) {
      throw new Error(
        `The embedded database in ${dir} is open in process ${pid}. Stop that process first ` +
          '(or set DATABASE_URL to use a Postgres server).',
      );
    }
  }
  writeFileSync(lock, String(process.pid));
  const db = await PGlite.create({ dataDir: dir, extensions: { pg_trgm } });
  const release = () => {
    try {
      if (readFileSync(lock, 'utf8') === String(process.pid)) rmSync(lock);
    } catch {
      /* already gone */
    }
  };
  process.once('exit', release);
  const close = db.close.bind(db);
  db.close = async () => {
    await close();
    release();
  };
  return db;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
