import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { ADMIN_URL, assertLocalDatabaseUrl, dropOrphanedDatabases, withAdmin } from './postgres';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Seed images for the whole run; they are a pure function of their name, so files share them. */
    mediaDir: string;
  }
}

/** Integration-project setup: checks the local Postgres, sweeps up crashed runs, shares a media dir. */
export default async function setup(project: TestProject) {
  assertLocalDatabaseUrl(ADMIN_URL);
  try {
    await withAdmin((c) => c.query('select 1'));
  } catch (err) {
    throw new Error(`Integration tests need Postgres at ${ADMIN_URL} (set TEST_POSTGRES_URL to override): ${(err as Error).message}`);
  }
  await dropOrphanedDatabases();
  const mediaDir = await mkdtemp(path.join(os.tmpdir(), 'mp-test-media-'));
  project.provide('mediaDir', mediaDir);
  return async () => {
    await rm(mediaDir, { recursive: true, force: true });
  };
}
