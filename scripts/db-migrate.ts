import { databaseBackend, env } from '@/lib/platform/env';
import { runMigrations } from '@/lib/platform/migrate';

const started = Date.now();
await runMigrations(env);
console.log(`Migrations applied to ${databaseBackend(env)} in ${Date.now() - started} ms`);
