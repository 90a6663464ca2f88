/** How long a hold lasts unless the caller says otherwise: time to get through an express checkout. */
export const DEFAULT_HOLD_TTL_MS = 10 * 60_000;
/** The most units one reserve may ask for (the per-customer limit usually caps it lower). */
export const MAX_RESERVE_QUANTITY = 100;
export const MAX_CUSTOMER_KEY_LENGTH = 200;

/** Rejects arguments no engine should see (callers validate with zod first): a bug, not a refusal. */
export function assertReserveArgs(customerKey: string, quantity: number, ttlMs: number): void {
  if (!Number.isInteger(quantity) || quantity < 1 || quantity > MAX_RESERVE_QUANTITY) throw new RangeError(`reserve: bad quantity ${quantity}`);
  if (!customerKey || customerKey.length > MAX_CUSTOMER_KEY_LENGTH) throw new RangeError('reserve: bad customer key');
  if (!Number.isInteger(ttlMs) || ttlMs < 1 || ttlMs > 24 * 3600_000) throw new RangeError(`reserve: bad ttl ${ttlMs}`);
}
