import { z } from 'zod';

const optionalUrl = z.url().optional();
const flag = z
  .enum(['0', '1', 'true', 'false'])
  .optional()
  .transform((v) => v === '1' || v === 'true');

/** Every variable the app reads, validated once. Each external service is optional. */
const schema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    PORT: z.coerce.number().int().min(1).max(65535).default(3000),
    PUBLIC_URL: z.url().default('http://localhost:3000'),
    LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
    DATA_DIR: z.string().min(1).default('.data'),
    DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'DATABASE_URL must be a postgres:// or postgresql:// URL')
      .refine((v) => URL.canParse(v), 'DATABASE_URL is not a valid URL')
      .optional(),
    DATABASE_DRIVER: z.enum(['pg', 'neon']).optional(),
    DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(10),
    /** Set by scripts/run.ts: the embedded PGlite, served over the wire by the launcher process. */
    EMBEDDED_DATABASE_URL: z.string().regex(/^postgres:\/\//).optional(),
    REDIS_URL: z.string().regex(/^rediss?:\/\//, 'REDIS_URL must be redis:// or rediss://').optional(),
    UPSTASH_REDIS_REST_URL: optionalUrl,
    UPSTASH_REDIS_REST_TOKEN: z.string().min(1).optional(),
    AUTH_SECRET: z.string().min(16).optional(),
    /**
     * 32 random bytes, base64 (`openssl rand -base64 32`): encrypts sellers' tax ids and bank
     * details at rest. Required in production; development derives one from AUTH_SECRET.
     */
    DATA_ENCRYPTION_KEY: z
      .string()
      .refine((v) => /^[A-Za-z0-9+/_-]+={0,2}$/.test(v) && Buffer.from(v, 'base64').length === 32, 'DATA_ENCRYPTION_KEY must be 32 bytes, base64-encoded (openssl rand -base64 32)')
      .optional(),
    AUTH_GITHUB_ID: z.string().min(1).optional(),
    AUTH_GITHUB_SECRET: z.string().min(1).optional(),
    AUTH_GOOGLE_ID: z.string().min(1).optional(),
    AUTH_GOOGLE_SECRET: z.string().min(1).optional(),
    STRIPE_SECRET_KEY: z.string().startsWith('sk_').optional(),
    STRIPE_WEBHOOK_SECRET: z.string().startsWith('whsec_').optional(),
    NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY: z.string().startsWith('pk_').optional(),
    /** How long the test provider's timeout card (4000 0000 0000 0408) hangs before failing. */
    TEST_PROVIDER_TIMEOUT_MS: z.coerce.number().int().min(0).max(60_000).default(1500),
    /** Multiplies the per-IP limits on sign-in, sign-up and reset (per-account limits stay). Test suites sign in hundreds of times from one address. */
    RATE_LIMIT_IP_SCALE: z.coerce.number().int().min(1).max(1000).default(1),
    RESEND_API_KEY: z.string().startsWith('re_').optional(),
    EMAIL_FROM: z.string().default('Marketplace <no-reply@marketplace.local>'),
    INNGEST_EVENT_KEY: z.string().optional(),
    INNGEST_SIGNING_KEY: z.string().optional(),
    INNGEST_DEV: flag,
    /** A self-hosted Inngest server (`inngest start`) or the dev server; Inngest Cloud when unset. */
    INNGEST_BASE_URL: optionalUrl,
    /** Set to false to keep the in-process workflow driver from polling (scripts and tests drive it themselves). */
    WORKFLOW_POLL: z.enum(['on', 'off']).default('on'),
    /** Turns the mail viewer on in production when Resend is not configured (private deployments only). */
    MAIL_VIEWER: flag,
  })
  .refine((e) => !e.AUTH_GITHUB_ID === !e.AUTH_GITHUB_SECRET && !e.AUTH_GOOGLE_ID === !e.AUTH_GOOGLE_SECRET, {
    message: 'OAuth providers need both their ID and SECRET (AUTH_GITHUB_*, AUTH_GOOGLE_*)',
    path: ['AUTH_GITHUB_SECRET'],
  })
  .refine((e) => !e.UPSTASH_REDIS_REST_URL === !e.UPSTASH_REDIS_REST_TOKEN, {
    message: 'UPSTASH_REDIS_REST_URL and UPSTASH_REDIS_REST_TOKEN must be set together',
    path: ['UPSTASH_REDIS_REST_TOKEN'],
  });

export type Env = z.infer<typeof schema>;

export function parseEnv(source: Record<string, string | undefined>): Env {
  // Empty strings mean "unset", as they do in most .env files.
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ''));
  const result = schema.safeParse(cleaned);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n');
    throw new Error(`Invalid environment configuration:\n${lines}`);
  }
  return result.data;
}

export const env: Env = parseEnv(process.env);

/** The in-app mail viewer: only without Resend, and in production only when asked for. */
export function mailViewerEnabled(e: Pick<Env, 'RESEND_API_KEY' | 'NODE_ENV' | 'MAIL_VIEWER'> = env): boolean {
  if (e.RESEND_API_KEY) return false;
  return e.NODE_ENV !== 'production' || e.MAIL_VIEWER;
}

export type DatabaseBackend = 'pglite' | 'pglite-wire' | 'postgres' | 'neon';

export function databaseBackend(e: Env = env): DatabaseBackend {
  if (e.DATABASE_URL) {
    if (e.DATABASE_DRIVER) return e.DATABASE_DRIVER === 'neon' ? 'neon' : 'postgres';
    return /\.neon\.tech$/.test(new URL(e.DATABASE_URL).hostname.toLowerCase()) ? 'neon' : 'postgres';
  }
  return e.EMBEDDED_DATABASE_URL ? 'pglite-wire' : 'pglite';
}

export function redisBackend(e: Env = env): 'upstash' | 'tcp' | 'none' {
  if (e.UPSTASH_REDIS_REST_URL) return 'upstash';
  return e.REDIS_URL ? 'tcp' : 'none';
}

/** Inngest when its key (Cloud), a dev flag or a server URL is set; otherwise the in-process driver runs the same functions. */
export function workflowBackend(e: Env = env): 'inngest' | 'in-process' {
  return e.INNGEST_EVENT_KEY || e.INNGEST_DEV || e.INNGEST_BASE_URL ? 'inngest' : 'in-process';
}

/** One line per service, logged at start-up so operators see what they got. */
export function describeBackends(e: Env = env): Record<string, string> {
  return {
    database: databaseBackend(e),
    redis: redisBackend(e),
    payments: e.STRIPE_SECRET_KEY ? 'stripe' : 'test-provider',
    email: e.RESEND_API_KEY ? 'resend' : 'outbox',
    workflows: workflowBackend(e),
    storage: 'local-disk',
  };
}
