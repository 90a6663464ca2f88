import { createHash } from 'node:crypto';
import { and, desc, eq, isNull, lt, lte, or, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { emailOutbox, type OutboxEmail } from '@/db/schema/messaging';
import type { Db, DbOrTx } from './db';
import { env as defaultEnv, type Env } from './env';
import { errorFields, logger } from './logger';

/**
 * Transactional email through the outbox (DESIGN §3): callers write a row in the transaction
 * that causes the email; `deliverPending` hands rows to a transport afterwards (Resend when
 * configured, otherwise "captured" for the in-app mail viewer at /mail).
 *
 * Claims without a dedicated column: while a row is `pending`, `sent_at` is its "not before"
 * time. A claim pushes it LEASE into the future, so no other deliverer takes the row while it is
 * in flight; a failure sets it to the retry time; a crashed deliverer's row comes back after the
 * lease. Once the row is `sent`/`captured`, `sent_at` is the delivery time.
 */

export type EmailMessage = { to: string; subject: string; template: string; html: string; text: string };

export type Transport = {
  name: 'resend' | 'capture';
  send(msg: EmailMessage & { from: string; idempotencyKey: string }): Promise<{ id: string | null }>;
};

export type DeliveryResult = { sent: number; captured: number; failed: number };

export const MAX_ATTEMPTS = 5;
const LEASE_SECONDS = 300;
const SEND_TIMEOUT_MS = 30_000;
const MAX_ERROR_LENGTH = 1000;

export class InvalidEmailError extends Error {
  readonly code = 'invalid_email' as const;
  constructor(readonly fieldErrors: Record<string, string[]>) {
    super(`Invalid email: ${Object.entries(fieldErrors).map(([k, v]) => `${k}: ${v.join(', ')}`).join('; ')}`);
    this.name = 'InvalidEmailError';
  }
}

// Header values must not carry line breaks (header injection) and stay within RFC 5322's line limit.
const headerText = (what: string, max: number) =>
  z.string().trim().min(1, `${what} is required`).max(max, `${what} is too long`).regex(/^[^\r\n]*$/, `${what} must be one line`);

const messageSchema = z
  .object({
    // Lower-cased like account emails (lib/accounts/inputs.ts), so the viewer's filter finds them.
    to: z.string().trim().max(254, 'Recipient is too long').pipe(z.email('Recipient must be an email address')).transform((e) => e.toLowerCase()),
    subject: headerText('Subject', 998),
    template: headerText('Template', 100),
    html: z.string().max(1_000_000, 'HTML body is too long'),
    text: z.string().max(1_000_000, 'Text body is too long'),
    dedupeKey: headerText('Dedupe key', 500),
  })
  .refine((m) => m.html.trim() !== '' || m.text.trim() !== '', { message: 'An email needs an HTML or a text body', path: ['text'] });

/** Validates and normalizes a message; throws InvalidEmailError naming each bad field. */
export function parseEmailMessage(msg: EmailMessage, dedupeKey: string): EmailMessage & { dedupeKey: string } {
  const parsed = messageSchema.safeParse({ ...msg, dedupeKey });
  if (parsed.success) return parsed.data;
  const fieldErrors: Record<string, string[]> = {};
  for (const issue of parsed.error.issues) (fieldErrors[issue.path.join('.') || '_'] ??= []).push(issue.message);
  throw new InvalidEmailError(fieldErrors);
}

/** Writes an email to the outbox once per dedupe key; pass the transaction of the change that causes it. */
export async function enqueueEmail(db: DbOrTx, msg: EmailMessage, dedupeKey: string): Promise<{ id: string; created: boolean }> {
  const m = parseEmailMessage(msg, dedupeKey);
  const [row] = await db
    .insert(emailOutbox)
    .values({ dedupeKey: m.dedupeKey, to: m.to, subject: m.subject, template: m.template, html: m.html, text: m.text })
    .onConflictDoNothing({ target: emailOutbox.dedupeKey })
    .returning({ id: emailOutbox.id });
  if (row) return { id: row.id, created: true };
  const [existing] = await db.select({ id: emailOutbox.id }).from(emailOutbox).where(eq(emailOutbox.dedupeKey, m.dedupeKey));
  if (!existing) throw new Error(`email_outbox: dedupe key ${m.dedupeKey} conflicted but no row was found`);
  return { id: existing.id, created: false };
}

/**
 * Resend keeps an Idempotency-Key for 24 h and allows 1–256 printable characters: the dedupe key
 * itself when it fits, else its SHA-256.
 */
export function idempotencyKeyFor(dedupeKey: string): string {
  return /^[\x21-\x7e]{1,256}$/.test(dedupeKey) ? dedupeKey : `sha256:${createHash('sha256').update(dedupeKey).digest('hex')}`;
}

/** Wait before attempt n+1 after n failed attempts: 30 s, 2 min, 10 min, 30 min. */
export function defaultRetryDelayMs(failedAttempts: number): number {
  return [30_000, 120_000, 600_000, 1_800_000][Math.min(Math.max(failedAttempts, 1), 4) - 1]!;
}

export const captureTransport: Transport = { name: 'capture', send: async () => ({ id: null }) };

export function resendTransport(apiKey: string, opts: { baseUrl?: string } = {}): Transport {
  let client: Promise<import('resend').Resend> | undefined;
  return {
    name: 'resend',
    async send(msg) {
      // Loaded on first send: the SDK is only needed when Resend is configured.
      client ??= import('resend').then(({ Resend }) => new Resend(apiKey, opts.baseUrl ? { baseUrl: opts.baseUrl } : undefined));
      const { data, error } = await (await client).emails.send(
        { from: msg.from, to: msg.to, subject: msg.subject, html: msg.html, text: msg.text, tags: [{ name: 'template', value: resendTag(msg.template) }] },
        { idempotencyKey: msg.idempotencyKey, signal: AbortSignal.timeout(SEND_TIMEOUT_MS) },
      );
      if (error) throw new Error(`Resend ${error.statusCode ?? 'network'} ${error.name}: ${error.message}`);
      return { id: data?.id ?? null };
    },
  };
}

// Resend tag values allow ASCII letters, digits, underscores and dashes only.
const resendTag = (s: string) => s.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 256) || 'none';

/** Resend when RESEND_API_KEY is set, otherwise the capture transport (mail viewer). */
export function transportFromEnv(e: Pick<Env, 'RESEND_API_KEY'> = defaultEnv): Transport {
  return e.RESEND_API_KEY ? resendTransport(e.RESEND_API_KEY) : captureTransport;
}

let defaultTransport: Transport | undefined;

type DeliverOptions = {
  limit?: number;
  transport?: Transport;
  /** Sender; defaults to EMAIL_FROM. */
  from?: string;
  /** Delay before retrying after n failed attempts (tests pass `() => 0`). */
  retryDelayMs?: (failedAttempts: number) => number;
  /** How long a batch may keep sending before it hands its unsent rows back (must stay under the lease). */
  sendBudgetMs?: number;
};

// The last send of a batch must finish (or time out) before the rows' lease runs out.
const SEND_BUDGET_MS = LEASE_SECONDS * 1000 - SEND_TIMEOUT_MS - 30_000;

const claimable = or(isNull(emailOutbox.sentAt), lte(emailOutbox.sentAt, sql`now()`));

/**
 * One statement, so it is safe under concurrency (and PGlite's single session): lock up to
 * `limit` due rows, skipping rows another deliverer holds, and push their lease forward. The
 * locking select re-checks its WHERE on rows committed meanwhile, so a row just claimed by
 * another deliverer (lease in the future) is never claimed twice.
 */
async function claim(db: Db, limit: number, only?: string): Promise<OutboxEmail[]> {
  const due = db
    .select({ id: emailOutbox.id })
    .from(emailOutbox)
    .where(and(eq(emailOutbox.status, 'pending'), lt(emailOutbox.attempts, MAX_ATTEMPTS), claimable, only ? eq(emailOutbox.id, only) : undefined))
    .orderBy(emailOutbox.createdAt, emailOutbox.id)
    .limit(limit)
    .for('update', { skipLocked: true });
  // `= any(array(subquery))` runs the locking subquery exactly once (an IN-subquery may be re-run by the planner).
  return db
    .update(emailOutbox)
    .set({ attempts: sql`${emailOutbox.attempts} + 1`, sentAt: sql`now() + make_interval(secs => ${LEASE_SECONDS})` })
    .where(sql`${emailOutbox.id} = any(array(${due}))`)
    .returning();
}

async function deliverClaimed(db: Db, rows: OutboxEmail[], opts: DeliverOptions, claimedAt: number): Promise<DeliveryResult> {
  const transport = opts.transport ?? (defaultTransport ??= transportFromEnv());
  const from = opts.from ?? defaultEnv.EMAIL_FROM;
  const retryDelayMs = opts.retryDelayMs ?? defaultRetryDelayMs;
  const result: DeliveryResult = { sent: 0, captured: 0, failed: 0 };
  const deadline = claimedAt + Math.min(opts.sendBudgetMs ?? SEND_BUDGET_MS, SEND_BUDGET_MS);
  // One at a time: Resend rate-limits per team, and a batch is small.
  for (const [i, row] of rows.entries()) {
    if (performance.now() > deadline) {
      await release(db, rows.slice(i));
      break;
    }
    const stillOurs = and(eq(emailOutbox.id, row.id), eq(emailOutbox.status, 'pending'));
    try {
      const { id } = await transport.send({
        to: row.to,
        subject: row.subject,
        template: row.template,
        html: row.html,
        text: row.text,
        from,
        idempotencyKey: idempotencyKeyFor(row.dedupeKey),
      });
      const status = transport.name === 'resend' ? 'sent' : 'captured';
      await db.update(emailOutbox).set({ status, providerMessageId: id, sentAt: sql`now()`, lastError: null }).where(stillOurs);
      result[status === 'sent' ? 'sent' : 'captured']++;
    } catch (err) {
      result.failed++;
      const message = (err instanceof Error ? err.message : String(err)).slice(0, MAX_ERROR_LENGTH);
      const giveUp = row.attempts >= MAX_ATTEMPTS;
      const delayMs = retryDelayMs(row.attempts);
      const retryAt: SQL = sql`now() + make_interval(secs => ${Number.isFinite(delayMs) ? Math.max(0, delayMs) / 1000 : 0})`;
      logger.warn('email: delivery failed', { outboxId: row.id, template: row.template, attempt: row.attempts, giveUp, transport: transport.name, ...errorFields(err) });
      await db
        .update(emailOutbox)
        .set(giveUp ? { status: 'failed', lastError: message, sentAt: null } : { lastError: message, sentAt: retryAt })
        // A newer claim (after our lease ran out) owns the row now; leave it alone.
        .where(and(stillOurs, eq(emailOutbox.attempts, row.attempts)));
    }
  }
  return result;
}

/** Hands claimed rows back untried (their lease would run out mid-send), as if never claimed. */
async function release(db: Db, rows: OutboxEmail[]): Promise<void> {
  for (const row of rows) {
    await db
      .update(emailOutbox)
      .set({ attempts: sql`${emailOutbox.attempts} - 1`, sentAt: null })
      .where(and(eq(emailOutbox.id, row.id), eq(emailOutbox.status, 'pending'), eq(emailOutbox.attempts, row.attempts)));
  }
}

/**
 * Delivers due outbox rows (oldest first) through the transport. `failed` counts failed
 * attempts in this run, whether the row will be retried or was given up after MAX_ATTEMPTS.
 */
export async function deliverPending(db: Db, opts: DeliverOptions = {}): Promise<DeliveryResult> {
  // Rows whose last attempt crashed mid-send (lease ran out, no attempts left) are given up.
  await db
    .update(emailOutbox)
    .set({ status: 'failed', lastError: sql`coalesce(${emailOutbox.lastError}, 'gave up: the last attempt never finished')`, sentAt: null })
    .where(and(eq(emailOutbox.status, 'pending'), sql`${emailOutbox.attempts} >= ${MAX_ATTEMPTS}`, lte(emailOutbox.sentAt, sql`now()`)));
  const claimedAt = performance.now();
  const rows = await claim(db, Math.min(Math.max(Math.trunc(opts.limit ?? 50) || 50, 1), 500));
  if (!rows.length) return { sent: 0, captured: 0, failed: 0 };
  const result = await deliverClaimed(db, rows, opts, claimedAt);
  logger.info('email: delivered outbox batch', { claimed: rows.length, ...result });
  return result;
}

/** Enqueues and delivers this one email at once (a user is waiting); the background deliverer retries failures. */
export async function sendNow(db: Db, msg: EmailMessage, dedupeKey: string, opts: Omit<DeliverOptions, 'limit'> = {}): Promise<string> {
  const { id } = await enqueueEmail(db, msg, dedupeKey);
  const claimedAt = performance.now();
  const rows = await claim(db, 1, id);
  if (rows.length) await deliverClaimed(db, rows, opts, claimedAt);
  return id;
}

// ---- Mail viewer reads ----

export type OutboxSummary = Pick<OutboxEmail, 'id' | 'to' | 'subject' | 'template' | 'status' | 'attempts' | 'createdAt' | 'sentAt'>;

// Postgres keeps microseconds; a JS Date would round them off and the keyset would skip rows.
const cursorSchema = z.object({
  t: z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/),
  id: z.uuid(),
});
export type OutboxCursor = z.infer<typeof cursorSchema>;

export function encodeOutboxCursor(c: OutboxCursor): string {
  return Buffer.from(JSON.stringify(c)).toString('base64url');
}

/** Anything malformed or tampered reads as "no cursor". */
export function decodeOutboxCursor(raw: string | undefined | null): OutboxCursor | undefined {
  if (!raw || raw.length > 200 || !/^[A-Za-z0-9_-]+$/.test(raw)) return undefined;
  try {
    const parsed = cursorSchema.safeParse(JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')));
    if (!parsed.success) return undefined;
    // Reject impossible dates (2024-02-31) that Postgres would refuse with an error.
    const d = new Date(parsed.data.t);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 19) === parsed.data.t.slice(0, 19) ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

const recipientFilter = z.string().trim().max(254).pipe(z.email()).transform((e) => e.toLowerCase());

/** The viewer's query string: a malformed recipient or cursor is ignored, never an error. */
export function parseOutboxQuery(sp: Record<string, string | string[] | undefined>): { to?: string; cursor?: string } {
  const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
  const to = recipientFilter.safeParse(first(sp.to));
  const cursor = first(sp.cursor);
  return { ...(to.success ? { to: to.data } : {}), ...(decodeOutboxCursor(cursor) ? { cursor } : {}) };
}

const utcMicros = sql<string>`to_char(${emailOutbox.createdAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

/** Newest first, keyset-paginated; `to` matches the (lower-cased) recipient exactly. */
export async function listOutbox(
  db: DbOrTx,
  opts: { to?: string; cursor?: string; limit: number },
): Promise<{ items: OutboxSummary[]; nextCursor: string | null }> {
  const limit = Math.min(Math.max(Math.trunc(opts.limit) || 1, 1), 200);
  const cursor = decodeOutboxCursor(opts.cursor);
  const to = opts.to?.trim().toLowerCase();
  const rows = await db
    .select({
      id: emailOutbox.id,
      to: emailOutbox.to,
      subject: emailOutbox.subject,
      template: emailOutbox.template,
      status: emailOutbox.status,
      attempts: emailOutbox.attempts,
      createdAt: emailOutbox.createdAt,
      sentAt: emailOutbox.sentAt,
      cursorTime: utcMicros,
    })
    .from(emailOutbox)
    .where(
      and(
        to ? eq(emailOutbox.to, to) : undefined,
        cursor ? sql`(${emailOutbox.createdAt}, ${emailOutbox.id}) < (${cursor.t}::timestamptz, ${cursor.id}::uuid)` : undefined,
      ),
    )
    .orderBy(desc(emailOutbox.createdAt), desc(emailOutbox.id))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    items: page.map(({ id, to, subject, template, status, attempts, createdAt, sentAt }) => ({ id, to, subject, template, status, attempts, createdAt, sentAt })),
    nextCursor: rows.length > limit && last ? encodeOutboxCursor({ t: last.cursorTime, id: last.id }) : null,
  };
}

export async function getOutboxEmail(db: DbOrTx, id: string): Promise<OutboxEmail | null> {
  if (!z.uuid().safeParse(id).success) return null;
  const [row] = await db.select().from(emailOutbox).where(eq(emailOutbox.id, id));
  return row ?? null;
}

/** The http(s) links of an email's HTML, for the viewer (its sandboxed frame can't follow them). */
export function extractLinks(html: string, max = 50): string[] {
  const out = new Set<string>();
  for (const m of html.matchAll(/\bhref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))/gi)) {
    const raw = decodeEntities((m[1] ?? m[2] ?? m[3] ?? '').trim());
    if (!URL.canParse(raw)) continue;
    const url = new URL(raw);
    if (url.protocol === 'http:' || url.protocol === 'https:') out.add(url.toString());
    if (out.size >= max) break;
  }
  return [...out];
}

const NAMED: Record<string, string> = { amp: '&', quot: '"', apos: "'", lt: '<', gt: '>' };

/** Named and numeric (decimal and hex) character references, as a browser reads an attribute. */
function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]{1,6}|#[0-9]{1,7}|[a-z]+);/gi, (ref, e: string) => {
    if (e[0] !== '#') return NAMED[e.toLowerCase()] ?? ref;
    const code = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : ref;
  });
}
