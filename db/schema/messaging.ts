import { sql } from 'drizzle-orm';
import { check, index, integer, pgEnum, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAt, id } from './columns';

export const emailStatus = pgEnum('email_status', ['pending', 'sent', 'captured', 'failed', 'suppressed']);

/**
 * The transactional outbox: an email is a row written in the same transaction as the change
 * that causes it, delivered afterwards (Resend when configured; otherwise "captured" and
 * readable in the in-app mail viewer). `dedupe_key` makes every send idempotent.
 */
export const emailOutbox = pgTable(
  'email_outbox',
  {
    id: id(),
    dedupeKey: text().notNull(),
    to: text().notNull(),
    subject: text().notNull(),
    template: text().notNull(),
    html: text().notNull(),
    text: text().notNull(),
    status: emailStatus().notNull().default('pending'),
    attempts: integer().notNull().default(0),
    providerMessageId: text(),
    lastError: text(),
    createdAt: createdAt(),
    sentAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    uniqueIndex('email_outbox_dedupe_key').on(t.dedupeKey),
    index('email_outbox_pending_idx').on(t.status, t.createdAt),
    index('email_outbox_to_idx').on(t.to, t.createdAt),
    check('email_outbox_attempts_nonnegative', sql`${t.attempts} >= 0`),
  ],
);

export type OutboxEmail = typeof emailOutbox.$inferSelect;
