import { availableParallelism } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { configDefaults, defineConfig } from 'vitest/config';

const root = path.dirname(fileURLToPath(import.meta.url));

const exclude = [...configDefaults.exclude, '**/.next/**', '**/.next-*/**', '**/.data/**', 'e2e/**'];

export default defineConfig({
  resolve: {
    alias: [
      { find: /^@\//, replacement: `${root}/` },
      // `server-only` throws unless bundled for react-server; tests import the reads directly.
      { find: /^server-only$/, replacement: path.join(root, 'test/empty.ts') },
    ],
  },
  test: {
    root,
    // Integration files each get their own databases (test/db.ts), so files never clash and can
    // share the worker pool with the unit files. Vitest's default (cores − 1) would run
    // everything one file at a time on a 2-core box, although much of it waits on Postgres.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          environment: 'node',
          include: ['**/*.test.ts'],
          exclude: [...exclude, '**/*.int.test.ts'],
          // Property tests and scrypt take a few seconds; allow for a busy shared machine.
          testTimeout: 30_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'int',
          environment: 'node',
          include: ['**/*.int.test.ts'],
          exclude,
          globalSetup: ['test/global-setup.ts'],
          // Fault-injection suites log hundreds of expected failures; LOG_LEVEL=warn shows them.
          env: { LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent' },
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
