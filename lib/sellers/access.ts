import { can, type Actor, type Permission } from '@/lib/accounts/permissions';
import { ForbiddenError } from '@/lib/platform/errors';

/**
 * For services and server actions that act on one store: the actor (from the session) must hold
 * `permission` there. A store id in the input only names the target; this decides.
 */
export function assertStoreAccess(actor: Actor, permission: Permission, storeId: string): void {
  if (!can(actor, permission, storeId)) throw new ForbiddenError();
}
