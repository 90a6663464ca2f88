import { sql } from 'drizzle-orm';
import { index, integer, jsonb, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, updatedAt } from './columns';

export const workflowRunStatus = pgEnum('workflow_run_status', ['queued', 'running', 'waiting', 'completed', 'failed']);

/**
 * Runs of Inngest functions under the in-process driver (used when no Inngest server is
 * configured). Durable like Inngest's own: step results are memoised in `workflow_steps`, a
 * run is leased while it executes, and a crashed run is picked up again after its lease.
 * `dedupe_key` plays Inngest's event id: the same event starts one run per function.
 */
export const workflowRuns = pgTable(
  'workflow_runs',
  {
    id: id(),
    functionId: text().notNull(),
    dedupeKey: text().notNull(),
    event: jsonb().$type<{ name: string; data: Record<string, unknown>; id?: string; ts?: number }>().notNull(),
    status: workflowRunStatus().notNull().default('queued'),
    // While waiting: the event name, the matched field and its value, and when the wait times out.
    waitFor: jsonb().$type<{ stepId: string; event: string; match: string; value: unknown }>(),
    // Lease while running; wake-up time while waiting (sleep or wait timeout).
    runAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    attempts: integer().notNull().default(0),
    output: jsonb(),
    error: text(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('workflow_runs_function_dedupe_key').on(t.functionId, t.dedupeKey),
    index('workflow_runs_due_idx').on(t.status, t.runAt),
    index('workflow_runs_waiting_idx').on(sql`(${t.waitFor}->>'event')`).where(sql`${t.status} = 'waiting'`),
  ],
);

export const workflowSteps = pgTable(
  'workflow_steps',
  {
    runId: uuid()
      .notNull()
      .references(() => workflowRuns.id, { onDelete: 'cascade' }),
    stepId: text().notNull(),
    output: jsonb(),
    error: jsonb(),
    attempts: integer().notNull().default(0),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('workflow_steps_run_step_key').on(t.runId, t.stepId)],
);

export type WorkflowRun = typeof workflowRuns.$inferSelect;
