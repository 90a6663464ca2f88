import { sql } from 'drizzle-orm';
import { index, jsonb, pgTable, text } from 'drizzle-orm/pg-core';
import { createdAt, id } from './columns';

/**
 * Append-only security and operations log. No foreign key on the actor: entries outlive the
 * accounts they mention (an erased user's events stay, without personal data).
 */
export const auditLog = pgTable(
  'audit_log',
  {
    id: id(),
    action: text().notNull(), // e.g. 'auth.sign_in.succeeded', 'account.deleted'
    actorId: text(),
    subjectType: text(),
    subjectId: text(),
    ip: text(),
    userAgent: text(),
    data: jsonb().$type<Record<string, unknown>>().notNull().default(sql`'{}'::jsonb`),
    createdAt: createdAt(),
  },
  (t) => [index('audit_log_actor_idx').on(t.actorId, t.createdAt), index('audit_log_action_idx').on(t.action, t.createdAt)],
);

export type AuditEntry = typeof auditLog.$inferSelect;
