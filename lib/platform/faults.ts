/**
 * Fault injection for tests: named points in the money path call `maybeFail(point)`; a test
 * arms a point with an error (once, n times, or at random). Nothing is armed outside tests, so
 * in the app every call is a no-op costing one map lookup.
 */
type Fault = { error: () => Error; skip: number; remaining: number; probability: number };

const store = globalThis as unknown as { __faults?: Map<string, Fault> };
const faults = (store.__faults ??= new Map());

export class InjectedFault extends Error {
  constructor(readonly point: string) {
    super(`injected fault at ${point}`);
    this.name = 'InjectedFault';
  }
}

/** Arms a point: after `skip` clean passes, fail `times` times (each with `probability`). */
export function armFault(point: string, opts: { times?: number; skip?: number; probability?: number; error?: () => Error } = {}): void {
  faults.set(point, { error: opts.error ?? (() => new InjectedFault(point)), skip: opts.skip ?? 0, remaining: opts.times ?? 1, probability: opts.probability ?? 1 });
}

export function clearFaults(): void {
  faults.clear();
}

export async function maybeFail(point: string): Promise<void> {
  const f = faults.get(point);
  if (!f || f.remaining <= 0) return;
  if (f.skip > 0) {
    f.skip -= 1;
    return;
  }
  if (Math.random() >= f.probability) return;
  f.remaining -= 1;
  throw f.error();
}
