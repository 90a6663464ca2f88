import { randomUUID } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { workflowRuns, workflowSteps, type WorkflowRun } from '@/db/schema/workflows';
import type { WorkflowEvent } from '@/inngest/events';
import type { Db } from './db';
import { errorFields, logger } from './logger';
import { maybeFail } from './faults';
import { durationMs, type StepTools, valueAt, type WorkflowDefinition } from './workflow-types';

/**
 * The in-process workflow driver: runs the same function definitions Inngest runs, with the
 * same durability rules, when no Inngest server is configured (DESIGN §3).
 *
 * - A run is a row; executing it re-runs the handler from the top and every `step.run` whose
 *   result is memoised in `workflow_steps` returns it without running again (Inngest's model).
 * - A run is leased while it executes; a process that dies mid-run leaves the lease to expire
 *   and the poller (any instance) picks the run up again.
 * - A step that throws is retried (`retries`, with backoff); when it still fails, the error is
 *   memoised and thrown into the handler, whose catch decides compensation.
 * - `waitForEvent` and `sleep` park the run (`waiting`, wake-up time in `run_at`); a matching
 *   event or the timeout resumes it.
 * - The same event starts one run per function (`dedupe_key`: the idempotency value or event id).
 */

/**
 * Like Inngest's SDK, a step that parks the run (or a simulated crash) never resolves: the
 * handler's own try/catch must not see it. The executor races the handler against this signal.
 */
type Interrupt = (why: 'waiting' | 'crashed') => void;
const never = <T>() => new Promise<T>(() => {});

export class StepFailedError extends Error {
  constructor(
    readonly stepId: string,
    message: string,
  ) {
    super(`step ${stepId} failed: ${message}`);
    this.name = 'StepFailedError';
  }
}

export type DriverOptions = { leaseMs?: number; retryDelaysMs?: readonly number[]; pollMs?: number };

const jsonSafe = <T>(v: T): T => (v === undefined ? (null as T) : (JSON.parse(JSON.stringify(v)) as T));

function cronMatches(expr: string, d: Date): boolean {
  const [min, hour] = expr.split(/\s+/);
  const field = (f: string | undefined, v: number) => !f || f === '*' || (f.startsWith('*/') ? v % Number(f.slice(2)) === 0 : f.split(',').map(Number).includes(v));
  return field(min, d.getUTCMinutes()) && field(hour, d.getUTCHours());
}

export class WorkflowDriver {
  private readonly leaseMs: number;
  private readonly retryDelaysMs: readonly number[];
  private readonly inFlight = new Map<string, Promise<void>>();
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly db: Db,
    private readonly definitions: readonly WorkflowDefinition[],
    opts: DriverOptions = {},
  ) {
    this.leaseMs = opts.leaseMs ?? 30_000;
    this.retryDelaysMs = opts.retryDelaysMs ?? [200, 1000, 3000];
  }

  /** Starts runs for the events' functions and resumes runs waiting for them. Returns the run ids to drive. */
  async dispatch(events: readonly WorkflowEvent[]): Promise<string[]> {
    const ids: string[] = [];
    for (const e of events) {
      const event = { name: e.name, data: e.data, id: e.id ?? randomUUID(), ts: Date.now() };
      for (const def of this.definitions) {
        if (!('event' in def.trigger) || def.trigger.event !== e.name) continue;
        const dedupeKey = def.idempotency ? `idem:${String(valueAt(event, def.idempotency))}` : `event:${event.id}`;
        ids.push(await this.createRun(def.id, dedupeKey, event));
      }
      const waiting = await this.db
        .select({ id: workflowRuns.id, waitFor: workflowRuns.waitFor })
        .from(workflowRuns)
        .where(and(eq(workflowRuns.status, 'waiting'), sql`${workflowRuns.waitFor}->>'event' = ${e.name}`));
      for (const w of waiting) {
        if (!w.waitFor || valueAt(event, w.waitFor.match) !== w.waitFor.value) continue;
        await this.db.insert(workflowSteps).values({ runId: w.id, stepId: w.waitFor.stepId, output: event }).onConflictDoNothing();
        const resumed = await this.db
          .update(workflowRuns)
          .set({ status: 'queued', waitFor: null, runAt: new Date() })
          .where(and(eq(workflowRuns.id, w.id), eq(workflowRuns.status, 'waiting')))
          .returning({ id: workflowRuns.id });
        if (resumed.length) ids.push(w.id);
      }
    }
    return ids;
  }

  private async createRun(functionId: string, dedupeKey: string, event: WorkflowRun['event']): Promise<string> {
    const [row] = await this.db.insert(workflowRuns).values({ functionId, dedupeKey, event }).onConflictDoNothing().returning({ id: workflowRuns.id });
    if (row) return row.id;
    const [existing] = await this.db
      .select({ id: workflowRuns.id })
      .from(workflowRuns)
      .where(and(eq(workflowRuns.functionId, functionId), eq(workflowRuns.dedupeKey, dedupeKey)));
    return existing!.id;
  }

  /** Drives runs until each completes, fails or parks; one executor per run per process. */
  driveAll(runIds: readonly string[]): Promise<void> {
    return Promise.all([...new Set(runIds)].map((id) => this.drive(id))).then(() => undefined);
  }

  drive(runId: string): Promise<void> {
    const current = this.inFlight.get(runId);
    if (current) return current;
    const p = (async () => {
      try {
        // A run resumed while it executed (an event arrived) goes round again.
        for (let i = 0; i < 20 && (await this.execute(runId)) === 'again'; i++);
      } finally {
        this.inFlight.delete(runId);
      }
    })();
    this.inFlight.set(runId, p);
    return p;
  }

  /** One execution of a run. 'again' when it was requeued meanwhile. */
  async execute(runId: string): Promise<'done' | 'failed' | 'waiting' | 'crashed' | 'busy' | 'again'> {
    const [run] = await this.db
      .update(workflowRuns)
      .set({ status: 'running', runAt: sql`now() + ${`${this.leaseMs} milliseconds`}::interval`, attempts: sql`${workflowRuns.attempts} + 1` })
      .where(and(eq(workflowRuns.id, runId), sql`(${workflowRuns.status} = 'queued' and ${workflowRuns.runAt} <= now() or ${workflowRuns.status} in ('running', 'waiting') and ${workflowRuns.runAt} <= now())`))
      .returning();
    if (!run) return 'busy';
    const def = this.definitions.find((d) => d.id === run.functionId);
    if (!def) {
      await this.finish(runId, 'failed', null, `unknown function ${run.functionId}`);
      return 'failed';
    }
    if (run.waitFor) {
      // The wait or sleep timed out: it returns null.
      await this.db.insert(workflowSteps).values({ runId, stepId: run.waitFor.stepId, output: null }).onConflictDoNothing();
      await this.db.update(workflowRuns).set({ waitFor: null }).where(eq(workflowRuns.id, runId));
    }
    const memo = new Map((await this.db.select().from(workflowSteps).where(eq(workflowSteps.runId, runId))).map((s) => [s.stepId, s]));
    let interrupt!: Interrupt;
    const interrupted = new Promise<'waiting' | 'crashed'>((resolve) => (interrupt = resolve));
    try {
      const outcome = await Promise.race([
        def.handler({ event: run.event, runId, step: this.tools(run, def, memo, interrupt) }).then((output) => ({ output })),
        interrupted,
      ]);
      if (outcome === 'crashed') return 'crashed'; // left `running`: the lease expires and the poller resumes it
      if (outcome === 'waiting') {
        const [again] = await this.db.select({ status: workflowRuns.status }).from(workflowRuns).where(eq(workflowRuns.id, runId));
        return again?.status === 'queued' ? 'again' : 'waiting';
      }
      await this.finish(runId, 'completed', jsonSafe(outcome.output), null);
      return 'done';
    } catch (err) {
      logger.error('workflow run failed', { functionId: run.functionId, runId, ...errorFields(err) });
      await this.finish(runId, 'failed', null, err instanceof Error ? err.message : String(err));
      return 'failed';
    }
  }

  private async finish(runId: string, status: 'completed' | 'failed', output: unknown, error: string | null) {
    await this.db.update(workflowRuns).set({ status, output, error, runAt: new Date() }).where(eq(workflowRuns.id, runId));
  }

  private async park(runId: string, waitFor: NonNullable<WorkflowRun['waitFor']>, wakeMs: number, interrupt: Interrupt): Promise<never> {
    await this.db
      .update(workflowRuns)
      .set({ status: 'waiting', waitFor, runAt: sql`now() + ${`${Math.max(0, Math.round(wakeMs))} milliseconds`}::interval` })
      .where(and(eq(workflowRuns.id, runId), eq(workflowRuns.status, 'running')));
    interrupt('waiting');
    return never();
  }

  private tools(run: WorkflowRun, def: WorkflowDefinition, memo: Map<string, typeof workflowSteps.$inferSelect>, interrupt: Interrupt): StepTools {
    const seen = new Set<string>();
    const unique = (id: string) => {
      if (seen.has(id)) throw new Error(`duplicate step id "${id}" in ${def.id}`);
      seen.add(id);
    };
    // A simulated process death right after a step was saved: nothing after it runs.
    const crashed = async (id: string) => {
      try {
        await maybeFail(`driver.crash-after:${id}`);
        await maybeFail('driver.crash-after-any');
        return false;
      } catch {
        interrupt('crashed');
        return true;
      }
    };
    return {
      run: async <T>(id: string, fn: () => Promise<T> | T): Promise<T> => {
        unique(id);
        const m = memo.get(id);
        if (m) {
          if (m.error) throw new StepFailedError(id, String((m.error as { message?: string }).message ?? 'failed'));
          return m.output as T;
        }
        let last: unknown;
        for (let attempt = 0; attempt <= def.retries; attempt++) {
          let out: T;
          try {
            out = jsonSafe(await fn());
          } catch (err) {
            last = err;
            logger.warn('workflow step failed', { functionId: def.id, runId: run.id, step: id, attempt, ...errorFields(err) });
            if (attempt < def.retries) await new Promise((r) => setTimeout(r, this.retryDelaysMs[Math.min(attempt, this.retryDelaysMs.length - 1)]));
            continue;
          }
          await this.db.insert(workflowSteps).values({ runId: run.id, stepId: id, output: out as object, attempts: attempt + 1 }).onConflictDoNothing();
          if (await crashed(id)) return never();
          return out;
        }
        const message = last instanceof Error ? last.message : String(last);
        await this.db.insert(workflowSteps).values({ runId: run.id, stepId: id, error: { message }, attempts: def.retries + 1 }).onConflictDoNothing();
        throw new StepFailedError(id, message);
      },
      waitForEvent: async (id, opts) => {
        unique(id);
        const m = memo.get(id);
        if (m) return (m.output as { name: string; data: Record<string, unknown> } | null) ?? null;
        const match = opts.match ?? '';
        return this.park(run.id, { stepId: id, event: opts.event, match, value: valueAt(run.event, match) ?? null }, durationMs(opts.timeout), interrupt);
      },
      sleep: async (id, duration) => {
        unique(id);
        if (memo.has(id)) return;
        await this.park(run.id, { stepId: id, event: '', match: '', value: null }, durationMs(duration), interrupt);
      },
      sendEvent: async (id, payload) => {
        unique(id);
        const m = memo.get(id);
        if (m) return m.output;
        const list = Array.isArray(payload) ? payload : [payload];
        // Stable ids: a replayed step re-sends the same events, which start nothing twice.
        const ids = await this.dispatch(list.map((e, i) => ({ ...e, id: e.id ?? `${run.id}:${id}:${i}` })));
        await this.db.insert(workflowSteps).values({ runId: run.id, stepId: id, output: { ids } }).onConflictDoNothing();
        void this.driveAll(ids).catch((err) => logger.error('workflow run failed', errorFields(err)));
        return { ids };
      },
    };
  }

  /** Runs everything due: queued runs, expired leases (crashed executors), timed-out waits, cron ticks. */
  async tick(now = new Date()): Promise<void> {
    const minute = new Date(Math.floor(now.getTime() / 60_000) * 60_000);
    for (const def of this.definitions) {
      if ('cron' in def.trigger && cronMatches(def.trigger.cron, minute)) {
        await this.createRun(def.id, `cron:${minute.toISOString()}`, { name: `cron/${def.id}`, data: {}, ts: minute.getTime() });
      }
    }
    const due = await this.db
      .select({ id: workflowRuns.id })
      .from(workflowRuns)
      .where(sql`${workflowRuns.status} in ('queued', 'running', 'waiting') and ${workflowRuns.runAt} <= now()`)
      .orderBy(workflowRuns.runAt)
      .limit(50);
    await this.driveAll(due.map((d) => d.id).filter((id) => !this.inFlight.has(id)));
  }

  start(pollMs = 1000): void {
    if (this.timer) return;
    let busy = false;
    this.timer = setInterval(() => {
      if (busy) return;
      busy = true;
      this.tick()
        .catch((err) => logger.warn('workflow poll failed', errorFields(err)))
        .finally(() => (busy = false));
    }, pollMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }
}

const store = globalThis as unknown as { __workflowDriver?: Promise<WorkflowDriver> };

/** The process's driver over the configured database and every function definition. */
export function getDriver(): Promise<WorkflowDriver> {
  store.__workflowDriver ??= (async () => {
    const [{ getDb }, { definitions }] = await Promise.all([import('./db'), import('@/inngest/functions/definitions')]);
    return new WorkflowDriver(await getDb(), definitions);
  })();
  return store.__workflowDriver;
}

/** Tests bind the process's driver to their database (undefined: back to the configured one). */
export function setDriverForTests(driver: WorkflowDriver | undefined): void {
  store.__workflowDriver = driver ? Promise.resolve(driver) : undefined;
}
