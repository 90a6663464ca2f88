import { can, type Actor } from '@/lib/accounts/permissions';
import { ForbiddenError } from '@/lib/platform/errors';

/**
 * The store a seller acts in, proven against the session's memberships. Every seller-catalog
 * service takes one and scopes each query by its store id; only `storeScope` makes one.
 */
export type StoreScope = { readonly storeId: string; readonly userId: string; readonly __scope: true };

export function storeScope(actor: Pick<Actor, 'userId' | 'role' | 'stores'>, storeId: string): StoreScope {
  if (!can(actor as Actor, 'seller:portal', storeId)) throw new ForbiddenError();
  return { storeId, userId: actor.userId, __scope: true };
}
