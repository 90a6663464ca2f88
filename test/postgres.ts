import pg from 'pg';

/**
 * The Postgres server integration tests create their databases on. Override with
 * TEST_POSTGRES_URL; whatever it is, it must point at this machine.
 */
export const ADMIN_URL = process.env.TEST_POSTGRES_URL || 'postgres://postgres@127.0.0.1:5432/postgres';

const LOCAL_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

/** Throws unless the URL names a database on this machine: tests create and drop databases. */
export function assertLocalDatabaseUrl(url: string): URL {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error(`Refusing to run integration tests: ${JSON.stringify(url)} is not a URL`);
  }
  if (!/^postgres(ql)?:$/.test(parsed.protocol)) throw new Error(`Refusing to run integration tests: ${parsed.protocol} is not postgres:`);
  if (!LOCAL_HOSTS.has(parsed.hostname)) {
    throw new Error(`Refusing to run integration tests against ${parsed.hostname}: only 127.0.0.1/localhost databases may be created and dropped`);
  }
  return parsed;
}

/** The URL of database `name` on the admin server. */
export function databaseUrl(name: string): string {
  const url = assertLocalDatabaseUrl(ADMIN_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Runs `fn` with a short-lived connection to the admin database. */
export async function withAdmin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  assertLocalDatabaseUrl(ADMIN_URL);
  const client = new pg.Client({ connectionString: ADMIN_URL, connectionTimeoutMillis: 5_000 });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** Test database names carry the creating process id so a later run can sweep up after a crash. */
export const TEST_DB_PREFIX = 'mp_test_';
const SAFE_NAME = /^mp_test_[0-9]+_[a-z0-9]+$/;

export function testDatabaseName(): string {
  return `${TEST_DB_PREFIX}${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
}

export async function createDatabase(name: string): Promise<void> {
  if (!SAFE_NAME.test(name)) throw new Error(`unsafe test database name ${name}`);
  await withAdmin((c) => c.query(`create database "${name}"`));
}

export async function dropDatabase(name: string): Promise<void> {
  if (!SAFE_NAME.test(name)) throw new Error(`unsafe test database name ${name}`);
  await withAdmin((c) => c.query(`drop database if exists "${name}" with (force)`));
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Drops test databases left behind by processes that no longer exist (crashed or killed runs). */
export async function dropOrphanedDatabases(): Promise<string[]> {
  const rows = await withAdmin((c) =>
    c.query<{ datname: string }>(`select datname from pg_database where datname like 'mp\\_test\\_%'`),
  );
  const orphans = rows.rows
    .map((r) => r.datname)
    .filter((name) => SAFE_NAME.test(name) && !isAlive(Number(name.split('_')[2])));
  for (const name of orphans) await dropDatabase(name);
  return orphans;
}
