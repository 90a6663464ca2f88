/**
 * A fresh idempotency key for one submit. getRandomValues works outside secure contexts too
 * (randomUUID does not), so a shop served over plain http still gets unguessable keys.
 */
export function newIdempotencyKey(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return `co_${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}
