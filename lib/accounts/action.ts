import 'server-only';
import { z } from 'zod';
import { DomainError } from '@/lib/platform/errors';
import { errorFields, logger } from '@/lib/platform/logger';
import type { Permission } from './permissions';
import { requirePermission, type SignedInActor } from './session';

export type ActionResult<T = undefined> =
  | { ok: true; data: T }
  | { ok: false; code: string; message: string; fieldErrors?: Record<string, string[]> };

const formToObject = (input: unknown) =>
  input instanceof FormData ? Object.fromEntries([...input.keys()].map((k) => [k, input.getAll(k).length > 1 ? input.getAll(k) : input.get(k)])) : input;

/**
 * The shape of every server action: parse with zod (field errors back to the form), authorize
 * from the session (never from the input), run the domain service, map expected failures to a
 * result. Unknown errors are logged and surface as a generic message. Works with
 * useActionState (prev, formData) and with a plain object argument.
 */
export function protectedAction<S extends z.ZodType, T>(
  permission: Permission,
  schema: S,
  handler: (input: z.infer<S>, actor: SignedInActor) => Promise<T>,
) {
  return async (...args: unknown[]): Promise<ActionResult<T>> => {
    const raw = args.length > 1 ? args[1] : args[0];
    const parsed = schema.safeParse(formToObject(raw));
    if (!parsed.success) {
      return { ok: false, code: 'invalid_input', message: 'Check the highlighted fields.', fieldErrors: z.flattenError(parsed.error).fieldErrors as Record<string, string[]> };
    }
    const actor = await requirePermission(permission);
    try {
      return { ok: true, data: await handler(parsed.data, actor) };
    } catch (err) {
      if (err instanceof DomainError) return { ok: false, code: err.code, message: err.message };
      logger.error('action failed', { permission, ...errorFields(err) });
      return { ok: false, code: 'internal', message: 'Something went wrong. Please try again.' };
    }
  };
}
