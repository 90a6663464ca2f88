import { z } from 'zod';
import { DomainError } from '@/lib/platform/errors';

/**
 * The one error shape of every v1 response: `{ error: { code, message, details? } }`.
 * `code` is stable (clients switch on it), `message` is for people, `details` is an object
 * whose keys depend on the code (`fields` for validation, `lines` for stock conflicts, …).
 */
export const errorSchema = z
  .object({
    error: z.object({
      code: z.string().describe('Stable machine-readable code, e.g. invalid_input, not_found, out_of_stock.'),
      message: z.string().describe('A human-readable explanation.'),
      details: z.record(z.string(), z.unknown()).optional().describe('Code-specific data: `fields` (400), `lines` (409 out_of_stock), `checkout` (a failed checkout), `retryAfter` (429).'),
    }),
  })
  .meta({ id: 'Error' });
export type ErrorBody = z.infer<typeof errorSchema>;

/** An expected API failure with its status, details and extra headers (Retry-After, WWW-Authenticate). */
export class ApiError extends DomainError {
  constructor(
    status: number,
    code: string,
    message: string,
    readonly details?: Record<string, unknown>,
    readonly headers?: Record<string, string>,
  ) {
    super(code, message, status);
    this.name = 'ApiError';
  }
}

export function errorBody(code: string, message: string, details?: Record<string, unknown>): ErrorBody {
  return { error: { code, message, ...(details ? { details } : {}) } };
}

/** Zod issues as `{ fields: { "shippingAddress.city": ["Enter the city"] } }` (`_` for the whole value). */
export function validationDetails(error: z.ZodError, prefix?: string): { fields: Record<string, string[]> } {
  const fields: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const path = [prefix, ...issue.path.map(String)].filter(Boolean).join('.') || '_';
    (fields[path] ??= []).push(issue.message);
  }
  return { fields };
}

export const invalidInput = (error: z.ZodError, prefix?: string) => new ApiError(400, 'invalid_input', 'The request is invalid.', validationDetails(error, prefix));

/** The same 404 whether the thing is missing or the caller may not see it. */
export const notFound = (what: string) => new ApiError(404, 'not_found', `${what} was not found.`);

export const unauthorized = (message: string) =>
  new ApiError(401, 'unauthorized', message, undefined, { 'WWW-Authenticate': 'Bearer realm="api"' });
