import pg from 'pg';

/** `--flag value` or `--flag=value` from argv. */
export function argValue(argv: string[], flag: string): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === flag) return argv[i + 1];
    if (a?.startsWith(flag + '=')) return a.slice(flag.length + 1);
  }
  return undefined;
}

/** Creates the database named in a postgres:// URL when it does not exist yet. */
export async function ensureDatabase(databaseUrl: string, log: (msg: string) => void = console.log): Promise<void> {
  const dbName = decodeURIComponent(new URL(databaseUrl).pathname.replace(/^\//, ''));
  if (!dbName) throw new Error('the database URL names no database');
  const admin = new URL(databaseUrl);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    const exists = await client.query('select 1 from pg_database where datname = $1', [dbName]);
    if (exists.rowCount === 0) {
      await client.query(`create database ${client.escapeIdentifier(dbName)}`);
      log(`created database ${dbName}`);
    }
  } finally {
    await client.end();
  }
}
