import { DomainError } from '@/lib/platform/errors';

/** A SKU another variant already has (SKUs are unique across the marketplace). */
export class SkuTakenError extends DomainError {
  constructor(
    readonly sku: string,
    where?: string,
  ) {
    super('sku_taken', where ? `SKU ${sku} is already used by ${where}. Choose another SKU.` : `SKU ${sku} is already taken. Choose another SKU.`, 409);
  }
}

export class HandleTakenError extends DomainError {
  constructor(readonly handle: string) {
    super('handle_taken', `The handle “${handle}” is already taken. Choose another.`, 409);
  }
}

/** A stock change that would take on-hand below zero or below the units held by checkouts. */
export class StockConflictError extends DomainError {
  constructor(message: string) {
    super('stock_conflict', message, 409);
  }
}

export class CatalogRuleError extends DomainError {
  constructor(code: string, message: string) {
    super(code, message, 422);
  }
}

/** The name of the constraint a Postgres error (wrapped by Drizzle or not) violated, when it is a unique violation. */
export function uniqueViolation(err: unknown): string | null {
  for (let e: unknown = err, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const pg = e as { code?: string; constraint?: string; message?: string };
    if (pg.code === '23505') return pg.constraint ?? /constraint "([^"]+)"/.exec(pg.message ?? '')?.[1] ?? 'unknown';
  }
  return null;
}
