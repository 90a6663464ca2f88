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

/** Works with useActionState (prev, formData) and with a plain object argument. */
const inputOf = (args: unknown[]) => formToObject(args.length > 1 ? args[1] : args[0]);

async function run<S extends z.ZodType, T>(
  name: string,
  schema: S,
  raw: unknown,
  authorize: () => Promise<SignedInActor | null>,
  handler: (input: z.infer<S>, actor: SignedInActor | null) => Promise<T>,
): Promise<ActionResult<T>> {
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    return { ok: false, code: 'invalid_input', message: 'Check the highlighted fields.', fieldErrors: z.flattenError(parsed.error).fieldErrors as Record<string, string[]> };
  }
  const actor = await authorize(); // redirects and 403s propagate, outside the catch below
  try {
    return { ok: true, data: await handler(parsed.data, actor) };
  } catch (err) {
    if (err instanceof DomainError) return { ok: false, code: err.code, message: err.message };
    logger.error('action failed', { action: name, ...errorFields(err) });
    return { ok: false, code: 'internal', message: 'Something went wrong. Please try again.' };
  }
}

/**
 * The shape of every signed-in server action: parse with zod (field errors back to the form),
 * authorize from the session (never from the input), run the domain service, map expected
 * failures to a result. Unknown errors are logged and surface as a generic message.
 */
export function protectedAction<S extends z.ZodType, T>(permission: Permission, schema: S, handler: (input: z.infer<S>, actor: SignedInActor) => Promise<T>) {
  return async (...args: unknown[]) =>
    run(permission, schema, inputOf(args), () => requirePermission(permission), (input, actor) => handler(input, actor!));
}

/** The same for actions open to visitors (sign-up, password reset): validation and error mapping, no actor. */
export function publicAction<S extends z.ZodType, T>(name: string, schema: S, handler: (input: z.infer<S>) => Promise<T>) {
  return async (...args: unknown[]) => run(name, schema, inputOf(args), async () => null, (input) => handler(input));
}
