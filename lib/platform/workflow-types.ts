/**
 * The part of Inngest's function context our functions use. Inngest passes its own (a
 * superset); the in-process driver passes one it implements. Function bodies are written
 * against this, so both runners execute the same code.
 */
export type StepTools = {
  run<T>(id: string, fn: () => Promise<T> | T): Promise<T>;
  waitForEvent(id: string, opts: { event: string; timeout: string | number; match?: string; if?: string }): Promise<{ name: string; data: Record<string, unknown> } | null>;
  sleep(id: string, duration: string | number): Promise<void>;
  sendEvent(id: string, payload: { name: string; data: Record<string, unknown>; id?: string } | { name: string; data: Record<string, unknown>; id?: string }[]): Promise<unknown>;
};

export type WorkflowContext = {
  event: { name: string; data: Record<string, unknown>; id?: string };
  step: StepTools;
  runId: string;
};

export type WorkflowHandler = (ctx: WorkflowContext) => Promise<unknown>;

/** What both runners need to know about a function. */
export type WorkflowDefinition = {
  id: string;
  name: string;
  trigger: { event: string } | { cron: string };
  retries: number;
  /** Dotted path into the event whose value makes a run unique (Inngest's `idempotency`). */
  idempotency?: string;
  handler: WorkflowHandler;
};

/** `15m`, `30s`, `2h`, `1d` or milliseconds. */
export function durationMs(d: string | number): number {
  if (typeof d === 'number') return d;
  const m = /^(\d+)(ms|s|m|h|d)$/.exec(d.trim());
  if (!m) throw new Error(`Unsupported duration: ${d}`);
  const n = Number(m[1]);
  return n * { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }[m[2] as 'ms' | 's' | 'm' | 'h' | 'd'];
}

export function valueAt(obj: unknown, path: string): unknown {
  return path.split('.').reduce<unknown>((o, k) => (o && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined), obj);
}
