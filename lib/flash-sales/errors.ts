import { DomainError } from '@/lib/platform/errors';

/**
 * The stock gate can't answer safely right now (its Redis is unreachable or the database is
 * down): buying pauses. Route handlers answer 503 with `Retry-After: retryAfter`. It never
 * means "fall back to the other engine".
 */
export class GateUnavailableError extends DomainError {
  constructor(
    readonly reason: string,
    readonly retryAfter = 2,
  ) {
    super('gate_unavailable', 'Flash sale buying is paused for a moment. Please try again shortly.', 503);
  }
}

/** A flash sale operation refused by its rules (wrong status, not enough stock to start, …). */
export class FlashSaleError extends DomainError {
  constructor(code: string, message: string, status = 409) {
    super(code, message, status);
  }
}

/** SQLSTATEs that mean "the database can't serve now" (connection lost, shutting down, overloaded, deadlock victim). */
const UNAVAILABLE_SQLSTATE = /^(08|57P0|53)|^40P01$/;

/** True when `err` (or its cause) says the database was unreachable rather than refusing a statement. */
export function isDatabaseUnavailable(err: unknown): boolean {
  let e: unknown = err;
  for (let i = 0; i < 5 && e; i++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') return UNAVAILABLE_SQLSTATE.test(code) || /^E(CONNREFUSED|CONNRESET|PIPE|TIMEDOUT)$/.test(code);
    const message = String((e as Error).message ?? '');
    if (/Connection terminated|connection timeout|Client has encountered a connection error|timeout exceeded when trying to connect/i.test(message)) return true;
    e = (e as { cause?: unknown }).cause;
  }
  return false;
}
