import { defineConfig } from 'drizzle-kit';

// Generation only needs the schema; migrations are applied from code (scripts/db-migrate.ts)
// so that the same runner serves Postgres, Neon and embedded PGlite.
export default defineConfig({
  dialect: 'postgresql',
  schema: './db/schema/*.ts',
  out: './db/migrations',
  casing: 'snake_case',
});
