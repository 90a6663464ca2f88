import { readFileSync } from 'node:fs';
import path from 'node:path';
import { is, sql } from 'drizzle-orm';
import { toSnakeCase } from 'drizzle-orm/casing';
import { getTableConfig, PgTable } from 'drizzle-orm/pg-core';
import { describe, expect, it } from 'vitest';
import { BACKENDS, useTestDatabase } from '@/test/db';
import { migrationsFolder, schema } from './db';
import { runMigrations } from './migrate';

const journal = JSON.parse(readFileSync(path.join(migrationsFolder, 'meta/_journal.json'), 'utf8')) as { entries: { tag: string }[] };
const tables = (Object.values(schema) as unknown[]).filter((v): v is PgTable => is(v, PgTable)).map((t) => getTableConfig(t));

describe.each(BACKENDS)('migrations on %s', (backend) => {
  const t = useTestDatabase(backend);

  it('records every journal entry as applied', async () => {
    const rows = await t().db.execute<{ n: number }>(sql`select count(*)::int as n from drizzle.__drizzle_migrations`);
    expect(rows.rows[0]?.n).toBe(journal.entries.length);
  });

  it('creates every table and column the Drizzle schema declares', async () => {
    const rows = await t().db.execute<{ table_name: string; column_name: string }>(sql`
      select table_name, column_name from information_schema.columns where table_schema = 'public'`);
    const actual = new Set(rows.rows.map((r) => `${r.table_name}.${r.column_name}`));
    // The app opens Drizzle with casing: 'snake_case', so key-named columns live in snake case.
    const expected = tables.flatMap((c) => c.columns.map((col) => `${c.name}.${col.keyAsName ? toSnakeCase(col.name) : col.name}`));
    expect(expected.length).toBeGreaterThan(50);
    expect(expected.filter((x) => !actual.has(x))).toEqual([]);
  });

  it('creates the declared CHECK constraints', async () => {
    const rows = await t().db.execute<{ conname: string }>(sql`select conname from pg_constraint where contype = 'c'`);
    const actual = new Set(rows.rows.map((r) => r.conname));
    const expected = tables.flatMap((c) => c.checks.map((ch) => ch.name));
    expect(expected).toContain('inventory_reserved_within_on_hand');
    expect(expected.filter((x) => !actual.has(x))).toEqual([]);
  });

  it('installs pg_trgm for typo tolerance', async () => {
    const rows = await t().db.execute<{ s: number }>(sql`select similarity('running', 'runing')::float8 as s`);
    expect(rows.rows[0]!.s).toBeGreaterThan(0.5);
  });

  it('is idempotent: migrating an up-to-date database changes nothing and keeps data', async () => {
    await t().db.execute(sql`insert into search_terms (term, documents) values ('migration-probe', 1)`);
    await t().reopen(); // PGlite migrates on open; the Postgres helper runs runMigrations again
    if (backend === 'postgres') await runMigrations(t().env);
    const n = await t().db.execute<{ n: number }>(sql`select count(*)::int as n from drizzle.__drizzle_migrations`);
    expect(n.rows[0]?.n).toBe(journal.entries.length);
    const probe = await t().db.execute<{ documents: number }>(sql`select documents from search_terms where term = 'migration-probe'`);
    expect(probe.rows).toEqual([{ documents: 1 }]);
  });
});
