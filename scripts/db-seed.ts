import path from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_PRODUCTS, isSeeded, resetDatabase, seed } from '@/db/seed/seed';
import { databaseBackend, env } from '@/lib/platform/env';
import { runMigrations } from '@/lib/platform/migrate';
import { openDatabase } from '@/lib/platform/db';
import { progressBar } from './progress';

const { values } = parseArgs({
  options: {
    products: { type: 'string', default: String(DEFAULT_PRODUCTS) },
    reset: { type: 'boolean', default: false },
  },
});
const count = Number(values.products);
if (!Number.isInteger(count) || count < 1 || count > 1_000_000) {
  console.error('--products must be a whole number between 1 and 1,000,000');
  process.exit(2);
}

await runMigrations(env);
const handle = await openDatabase(env);
try {
  if (await isSeeded(handle.db)) {
    if (!values.reset) {
      console.log('The database already has data; pass --reset to replace it.');
      process.exit(0);
    }
    await resetDatabase(handle.db);
  }
  const started = Date.now();
  const bar = progressBar('Seeding products', count);
  const summary = await seed(handle.db, {
    products: count,
    mediaDir: path.resolve(env.DATA_DIR, 'media'),
    onProgress: bar.update,
  });
  bar.done();
  console.log(
    `Seeded ${summary.products} products, ${summary.stores} stores and ${summary.users} users into ${databaseBackend(env)} in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
} finally {
  await handle.close();
}
