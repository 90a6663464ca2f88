import { connection, NextResponse } from 'next/server';
import { databaseBackend, redisBackend } from '@/lib/platform/env';
import { getDb, pingDatabase } from '@/lib/platform/db';
import { logger, errorFields } from '@/lib/platform/logger';
import { redisState } from '@/lib/platform/redis';

// Readiness: the database must answer; Redis is reported but optional (accelerators fail open).
export async function GET() {
  await connection();
  const started = Date.now();
  let database: 'up' | 'down' = 'up';
  try {
    await pingDatabase(await getDb());
  } catch (err) {
    database = 'down';
    logger.error('readiness: database unreachable', errorFields(err));
  }
  const redis = await redisState();
  const ready = database === 'up';
  return NextResponse.json(
    {
      status: ready ? 'ready' : 'unavailable',
      checks: { database: { backend: databaseBackend(), state: database }, redis: { backend: redisBackend(), state: redis } },
      tookMs: Date.now() - started,
    },
    { status: ready ? 200 : 503, headers: { 'Cache-Control': 'no-store' } },
  );
}
